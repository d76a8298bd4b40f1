"""The worker's loops besides the consumer: the sender (with its outcome relay) and the scheduler
(assignment batches, daily digests)."""
from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from pymongo.errors import PyMongoError

from services.notify import outbound
from services.notify.bootstrap import Deps
from services.notify.handlers import utc_now

log = logging.getLogger(__name__)
BATCH = 200
SCAN_EVERY_SECONDS = 3.0  # while work arrives from the consumer; at once when idle
# the consumer waits (briefly) when this many queued deliveries are ahead of the sender, so a
# burst queues in Kafka rather than in the store
HIGH_WATER = 300
HIGH_WATER_WAIT_SECONDS = 5.0


class SenderLoop:
    """Sends queued deliveries through a small pool of SMTP connections, then publishes the outcomes.

    Work items arrive from this process's consumer as they are queued, so a burst is sent as it
    comes; a scan of the work list picks up retries that fell due and work other workers left.
    """

    def __init__(self, deps: Deps, publisher):
        self.deps = deps
        self.publisher = publisher
        self.smtp = deps.smtp()
        self.hints: queue.Queue[dict] = queue.Queue()
        self.threads = max(1, deps.tuning.send_threads)

    def hint(self, items: list[dict]) -> None:
        """Take newly queued work items; holds the caller back a little while far ahead."""
        deadline = time.monotonic() + HIGH_WATER_WAIT_SECONDS
        while self.hints.qsize() > HIGH_WATER and time.monotonic() < deadline:
            time.sleep(0.05)
        for item in items:
            self.hints.put(item)

    def run(self, stop: threading.Event) -> None:
        """Send until `stop`; the batch in hand is finished first, so nothing is left half recorded."""
        with ThreadPoolExecutor(self.threads, thread_name_prefix="smtp") as pool:
            first_scan, last_scan = True, 0.0
            while not stop.is_set():
                items = self._take_hints(wait=0.2)
                if not items or time.monotonic() - last_scan >= SCAN_EVERY_SECONDS:
                    items += self._scan(first_scan, stop)
                    first_scan, last_scan = False, time.monotonic()
                if items:
                    unique = list({item["_id"]: item for item in items}.values())
                    self._send_batch(pool, unique, stop)

    def _take_hints(self, wait: float) -> list[dict]:
        items = []
        try:
            items.append(self.hints.get(timeout=wait))
            while len(items) < BATCH:
                items.append(self.hints.get_nowait())
        except queue.Empty:
            pass
        return items

    def _scan(self, first: bool, stop: threading.Event) -> list[dict]:
        try:
            return self.deps.deliveries.due(utc_now(), BATCH, first_attempts_too=first)
        except PyMongoError as exc:
            log.warning("sender: store unavailable: %s", exc)
            stop.wait(1.0)
            return []

    def _send_batch(self, pool: ThreadPoolExecutor, items: list[dict], stop: threading.Event) -> None:
        settled = [attempt for attempt in pool.map(self._send_one, items) if attempt]
        try:
            outbound.publish_outcomes(self.deps, self.publisher, settled)
        except Exception:  # Kafka or the store is down: the work items stay, a later scan finishes them
            log.exception("sender: publishing %d outcome(s) failed; will retry", len(settled))
            stop.wait(1.0)

    def _send_one(self, item: dict):
        try:
            return outbound.send_one(self.deps, self.smtp, item, utc_now())
        except Exception:  # the store went away mid-attempt: the claim's lease lets it be taken over
            log.exception("sender: attempt %s not finished", item.get("_id"))
            return None


class SchedulerLoop:
    """Flushes judges' assignment runs once quiet, and closes yesterday's digests each morning."""

    def __init__(self, deps: Deps, interval: float = 0.5):
        self.deps = deps
        self.interval = interval

    def run(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            try:
                outbound.flush_due_batches(self.deps, utc_now())
                outbound.close_yesterdays_digests(self.deps, utc_now())
            except Exception:  # the store is down or a bug: try again next tick
                log.exception("scheduler: tick failed")
                stop.wait(2.0)
