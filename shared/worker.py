"""Running a service's worker: one consumer loop plus outbox relays, stopped by SIGTERM."""
from __future__ import annotations

import logging
import signal
import threading

log = logging.getLogger(__name__)


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
    for thread in threads:
        thread.join(timeout=30)


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("kafka").setLevel(logging.WARNING)
