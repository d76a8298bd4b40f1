"""review's worker: consumes competitions and entries, and relays the outboxes of kipp.reviews."""
from __future__ import annotations

import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay
from shared.worker import configure_logging, install_stop_signals, run_all
from services.review import config
from services.review.bootstrap import CONSUMED, OUTBOXES, bootstrap
from services.review.handlers import intake_events


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.store.ensure_indexes()
    producer = make_producer(settings.kafka_bootstrap_servers)
    publisher = EventPublisher(producer, settings.namespace)
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in CONSUMED])
    stop = threading.Event()
    install_stop_signals(stop)
    loop = ConsumerLoop(consumer, lambda event: intake_events.handle(deps.store, deps.db, event),
                        DeadLetters(producer, settings.consumer_group), stop, status=ConsumerStatus(deps.db))
    relays = [OutboxRelay(deps.db[name], publisher).run for name in OUTBOXES]
    try:
        run_all([loop.run] + relays, stop)
    finally:
        consumer.close()
        publisher.close()


if __name__ == "__main__":
    main()
