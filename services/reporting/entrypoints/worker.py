"""reporting's worker: keeps the read model current from every kipp.* topic."""
from __future__ import annotations

import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import make_producer
from shared.worker import configure_logging, install_stop_signals, run_all
from services.reporting import config, handlers
from services.reporting.bootstrap import bootstrap


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.store().db.entries.create_index("competition_id")
    producer = make_producer(settings.kafka_bootstrap_servers)
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in config.CONSUMED])
    loop = ConsumerLoop(consumer, lambda event: handlers.on_event(deps.store(), event),
                        DeadLetters(producer, settings.consumer_group))
    stop = threading.Event()
    install_stop_signals(stop)
    try:
        run_all([loop.run], stop)
    finally:
        consumer.close()
        producer.close()


if __name__ == "__main__":
    main()
