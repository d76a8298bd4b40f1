"""intake's worker: the outbox relay that publishes competitions and entries."""
from __future__ import annotations

import threading

from shared.kafka.producer import EventPublisher, make_producer
from shared.mongo.outbox import OutboxRelay
from shared.worker import configure_logging, install_stop_signals, run_all
from services.intake import config
from services.intake.bootstrap import bootstrap


def main() -> None:
    configure_logging()
    settings = config.load()
    deps = bootstrap(settings)
    deps.store.ensure_indexes()
    publisher = EventPublisher(make_producer(settings.kafka_bootstrap_servers), settings.namespace)
    stop = threading.Event()
    install_stop_signals(stop)
    relays = [OutboxRelay(deps.store.competitions, publisher).run, OutboxRelay(deps.store.entries, publisher).run]
    try:
        run_all(relays, stop)
    finally:
        publisher.close()


if __name__ == "__main__":
    main()
