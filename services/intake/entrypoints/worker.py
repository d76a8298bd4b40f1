"""intake's worker: the outbox relays of competitions and entries, and the screenings seen on <ns>.reviews."""
from __future__ import annotations

import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay
from shared.worker import configure_logging, install_stop_signals, run_all
from services.intake import config, handlers
from services.intake.bootstrap import bootstrap


def main() -> None:
    """Run the relays and the screenings consumer until SIGTERM."""
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.ensure_indexes()
    publisher = EventPublisher(make_producer(settings.kafka_bootstrap_servers), settings.namespace)
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group, [settings.topic("reviews")])
    screenings = ConsumerLoop(consumer, lambda event: handlers.record_screening(deps, event),
                              DeadLetters(publisher.producer, settings.consumer_group), status=ConsumerStatus(deps.db))
    stop = threading.Event()
    install_stop_signals(stop)
    relays = [OutboxRelay(deps.store.competitions, publisher).run, OutboxRelay(deps.store.entries, publisher).run]
    try:
        run_all(relays + [screenings.run], stop)
    finally:
        consumer.close()
        publisher.close()


if __name__ == "__main__":
    main()
