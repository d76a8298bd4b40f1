"""Running a service's worker: one consumer loop plus outbox relays, stopped by SIGTERM."""
from __future__ import annotations

import faulthandler
import logging
import signal
import threading
import time
from typing import Callable

from shared.events.dispatch import dispatcher
from shared.kafka.consumer import ConsumerLoop, DeadLetters, make_consumer
from shared.kafka.producer import EventPublisher, make_producer
from shared.kafka.status import ConsumerStatus
from shared.mongo.outbox import OutboxRelay

log = logging.getLogger(__name__)
STOP_SECONDS = 8.0  # with the clients' closes below (at most 3 + 4 + 2 s), within the supervisor's stopwaitsecs (20 s)


def install_stop_signals(stop: threading.Event) -> None:
    """SIGTERM and SIGINT ask every loop to finish its current record and return."""
    def on_signal(signum, _frame):
        log.info("signal %s: stopping", signum)
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)


def run_all(loops: list, stop: threading.Event) -> None:
    """Run each `loop.run(stop)`-style callable in its own thread until `stop` is set."""
    threads = [threading.Thread(target=loop, args=(stop,), name=getattr(loop, "__name__", "loop"), daemon=True)
               for loop in loops]
    for thread in threads:
        thread.start()
    while not stop.wait(0.5):
        if not all(t.is_alive() for t in threads):
            log.error("a worker loop died; stopping the worker")
            stop.set()
    # one deadline for all (each loop finishes its current record and returns): a loop stuck on a part
    # that is down must not keep the process from ending, so its supervisor can start it afresh
    deadline = time.monotonic() + STOP_SECONDS
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.WARNING)


def serve(settings, deps, consumed: list[str], events: dict, relayed: list, loops: list[Callable] = (),
          consuming: Callable | None = None, **consumer_options) -> None:
    """A service's worker until SIGTERM: the consumer of `consumed` topics, each event to its handler in
    `events` (handlers.EVENTS), the outbox relay of each collection in `relayed`, and any other `loops`
    (each a `run(stop)`). `consuming(consumer, dead_letters, status)` makes a consumer loop of another
    kind (reporting's writes a batch per poll). `kill -USR1 <pid>` prints every thread's stack to the log."""
    faulthandler.register(signal.SIGUSR1)
    # the outbox relays' (a worker without outboxes, reporting's, makes none)
    publisher = EventPublisher.to(settings.kafka_bootstrap_servers, settings.namespace) if relayed else None
    producer = make_producer(settings.kafka_bootstrap_servers)  # the dead letters'
    consumer = make_consumer(settings.kafka_bootstrap_servers, settings.consumer_group,
                             [settings.topic(name) for name in consumed], **consumer_options)
    dead_letters, status = DeadLetters(producer, settings.consumer_group), ConsumerStatus(deps.db)
    consumer_loop = (consuming(consumer, dead_letters, status) if consuming is not None
                     else ConsumerLoop(consumer, dispatcher(events, deps), dead_letters, status=status))
    stop = threading.Event()
    install_stop_signals(stop)
    try:
        run_all([consumer_loop.run, *(OutboxRelay(collection, publisher).run for collection in relayed), *loops], stop)
    finally:  # each within seconds, even with the broker away
        consumer.close(timeout_ms=3000)
        if publisher is not None:
            publisher.close(timeout=2.0)  # a flush, then the close: 4 s at most
        producer.close(timeout=2.0)
