"""The worker's loops besides the consumer and the outbox relay: the sender and the scheduler
(held mail's safety net, assignment batches, daily digests)."""
from __future__ import annotations

import logging
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from pymongo.errors import PyMongoError

from services.notify.handlers import outbound
from services.notify.handlers import accounts, mail
from services.notify.bootstrap import Deps
from services.notify.handlers.mail import utc_now

log = logging.getLogger(__name__)
BATCH = 200
# how often the sender looks for due work in the store: retries that fell due, claims whose lease
# ran out, deliveries other processes queued. While this worker's consumer hands it new work it
# looks less often, since that work is in hand already.
SCAN_BUSY_SECONDS = 3.0
SCAN_IDLE_SECONDS = 1.0
# the look reads every queued delivery until it has found BATCH due ones, so with many waiting for
# a later retry (an SMTP outage) it is slow: the sender then looks at most this share of its time
SCAN_SHARE = 0.2
# the consumer waits (briefly) when this many queued deliveries are ahead of the sender, so a
# burst queues in Kafka rather than in the store
HIGH_WATER = 300
HIGH_WATER_WAIT_SECONDS = 5.0


class SenderLoop:
    """Sends queued deliveries through a small pool of SMTP connections.

    Ids of new deliveries arrive from this process's consumer as they are queued, so a burst is
    sent as it comes; a look at the store's due deliveries picks up everything else. Each attempt
    claims its delivery first, so two senders never make the same attempt.
    """

    def __init__(self, deps: Deps):
        self.deps = deps
        self.smtp = deps.smtp()
        self.hints: queue.Queue[str] = queue.Queue()
        self.threads = max(1, deps.tuning.send_threads)
        self.leases = outbound.Leases(deps)
        self._next_scan = 0.0

    def hint(self, delivery_ids: list[str]) -> None:
        """Take the ids of newly queued deliveries; holds the caller back a little while far ahead."""
        deadline = time.monotonic() + HIGH_WATER_WAIT_SECONDS
        while self.hints.qsize() > HIGH_WATER and time.monotonic() < deadline:
            time.sleep(0.05)
        for delivery_id in delivery_ids:
            self.hints.put(delivery_id)

    def run(self, stop: threading.Event) -> None:
        """Send until `stop`; the batch in hand is finished first, so no claim is left to lapse."""
        renewing = threading.Thread(target=self._renew_leases, args=(stop,), name="leases", daemon=True)
        renewing.start()
        with ThreadPoolExecutor(self.threads, thread_name_prefix="smtp") as pool:
            while not stop.is_set():
                ids = self._take_hints(wait=0.2)
                ids += self._scan_when_due(bool(ids), stop)
                if ids:
                    list(pool.map(self._send_one, dict.fromkeys(ids)))

    def _renew_leases(self, stop: threading.Event) -> None:
        """Keep the claims of the attempts in flight (an SMTP server may take its time) until `stop`."""
        while not stop.wait(self.leases.seconds / 3):
            try:
                self.leases.renew_all(utc_now())
            except PyMongoError as exc:  # the leases run out; another sender takes over if this one cannot settle
                log.warning("sender: leases not renewed: %s", exc)

    def _take_hints(self, wait: float) -> list[str]:
        ids = []
        try:
            ids.append(self.hints.get(timeout=wait))
            while len(ids) < BATCH:
                ids.append(self.hints.get_nowait())
        except queue.Empty:
            pass
        return ids

    def _scan_when_due(self, busy: bool, stop: threading.Event) -> list[str]:
        """Due deliveries from the store, when it is time to look again."""
        started = time.monotonic()
        if started < self._next_scan:
            return []
        try:
            found = self.deps.deliveries.due(utc_now(), BATCH)
        except PyMongoError as exc:
            log.warning("sender: store unavailable: %s", exc)
            stop.wait(1.0)
            found = []
        took = time.monotonic() - started
        self._next_scan = started + max(SCAN_BUSY_SECONDS if busy else SCAN_IDLE_SECONDS, took / SCAN_SHARE)
        return found

    def _send_one(self, delivery_id: str) -> str | None:
        try:
            return outbound.send_one(self.deps, self.smtp, delivery_id, utc_now(), self.leases)
        except Exception:  # the store went away mid-attempt: the claim's lease lets it be taken over
            log.exception("sender: attempt at %s not finished", delivery_id)
            return None


class SchedulerLoop:
    """Mails what a missed release left held for a known competition, flushes judges' assignment runs
    once quiet, closes yesterday's digests each morning, and now and then forgets expired sign-in links."""

    def __init__(self, deps: Deps, interval: float = 2.0, sweep_every: float = 300.0):
        self.deps = deps
        self.interval = interval
        self.sweep_every = sweep_every

    def run(self, stop: threading.Event) -> None:
        next_sweep = 0.0
        while not stop.wait(self.interval):
            try:
                mail.release_known_competitions(self.deps, utc_now())
                outbound.flush_due_batches(self.deps, utc_now())
                outbound.close_yesterdays_digests(self.deps, utc_now())
                if time.monotonic() >= next_sweep:
                    accounts.sweep(self.deps, utc_now())
                    next_sweep = time.monotonic() + self.sweep_every
            except Exception:  # the store is down or a bug: try again next tick
                log.exception("scheduler: tick failed")
                stop.wait(2.0)
