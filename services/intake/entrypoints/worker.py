"""intake's worker: the outbox relays of competitions and entries, and review's outcomes seen on <ns>.reviews."""
from __future__ import annotations

import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay
from shared.web import people
from shared.worker import configure_logging, install_stop_signals, run_all
from services.intake import config, outcomes
from services.intake.bootstrap import CONSUMED, bootstrap


def handle(deps, event: dict) -> None:
    """review's outcomes for the entries; a sign-out or a changed account ends the portal's sessions."""
    if event["type"] in people.ACCOUNT_EVENTS:
        people.on_account_event(deps.db["sessions"], event)
    else:
        outcomes.record(deps, event)


def main() -> None:
    """Run the relays and the outcomes consumer until SIGTERM."""
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.ensure_indexes()
    deps.store.add_areas()
    publisher = EventPublisher.to(settings.kafka_bootstrap_servers, settings.namespace)  # the outbox relays'
    producer = make_producer(settings.kafka_bootstrap_servers)  # the dead letters'

    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in CONSUMED])
    reviews = ConsumerLoop(consumer, lambda event: handle(deps, event),
                          DeadLetters(producer, settings.consumer_group), status=ConsumerStatus(deps.db))
    stop = threading.Event()
    install_stop_signals(stop)
    relays = [OutboxRelay(deps.store.competitions, publisher).run, OutboxRelay(deps.store.entries, publisher).run]
    try:
        run_all(relays + [reviews.run], stop)
    finally:
        consumer.close()
        publisher.close()
        producer.close()


if __name__ == "__main__":
    main()
