"""review's worker: consumes competitions, entries and accounts, and relays the outboxes of kipp.reviews."""
from __future__ import annotations

import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay
from shared.web import people
from shared.worker import configure_logging, install_stop_signals, run_all
from services.review import config
from services.review.bootstrap import CONSUMED, OUTBOXES, bootstrap
from services.review.handlers import intake_events


def handle(deps, event: dict) -> None:
    """intake's events into review's copies; a sign-out or a changed account ends the judges' sessions here."""
    if event["type"] in people.ACCOUNT_EVENTS:
        people.on_account_event(deps.db["sessions"], event)
    else:
        intake_events.handle(deps.store, deps.db, event)


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.store.ensure_indexes()
    producer = make_producer(settings.kafka_bootstrap_servers)  # the dead letters'
    publisher = EventPublisher.to(settings.kafka_bootstrap_servers, settings.namespace)  # the outbox relays'
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in CONSUMED])
    stop = threading.Event()
    install_stop_signals(stop)
    loop = ConsumerLoop(consumer, lambda event: handle(deps, event),
                        DeadLetters(producer, settings.consumer_group), stop, status=ConsumerStatus(deps.db))
    relays = [OutboxRelay(deps.db[name], publisher).run for name in OUTBOXES]
    try:
        run_all([loop.run] + relays, stop)
    finally:
        consumer.close()
        publisher.close()
        producer.close()


if __name__ == "__main__":
    main()
