"""notify's worker: consumes entries, reviews, competitions and accounts, sends the mail, relays the outcomes
and the accounts' events."""
from __future__ import annotations

import faulthandler
import signal
import threading

from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay
from shared.worker import configure_logging, install_stop_signals, run_all
from services.notify import config
from services.notify import handlers
from services.notify.bootstrap import CONSUMED, bootstrap
from services.notify.entrypoints.loops import SchedulerLoop, SenderLoop


def main() -> None:
    configure_logging()
    faulthandler.register(signal.SIGUSR1)  # `kill -USR1 <pid>` prints every thread's stack to the log
    settings = config.load()
    deps = bootstrap(settings)
    deps.ensure_indexes()
    producer = make_producer(settings.kafka_bootstrap_servers)  # the dead letters'
    publisher = EventPublisher.to(settings.kafka_bootstrap_servers, settings.namespace)  # the outbox relays'
    sender = SenderLoop(deps)
    deps.hint = sender.hint
    # small polls and a long poll interval: a slow store (or a sender far behind) must not get
    # this worker thrown out of its group halfway through a poll
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in CONSUMED], max_poll_records=50,
                             max_poll_interval_ms=600_000)
    consumer_loop = ConsumerLoop(consumer, lambda event: handlers.on_event(deps, event),
                                 DeadLetters(producer, settings.consumer_group), status=ConsumerStatus(deps.db))
    relays = [OutboxRelay(deps.deliveries.collection, publisher).run,  # the deliveries' outcome events
              OutboxRelay(deps.accounts.accounts, publisher).run]  # the accounts' changes and sign-outs
    stop = threading.Event()
    install_stop_signals(stop)
    try:
        run_all([consumer_loop.run, sender.run, *relays, SchedulerLoop(deps).run], stop)
    finally:
        consumer.close()
        publisher.close()
        producer.close()


if __name__ == "__main__":
    main()
