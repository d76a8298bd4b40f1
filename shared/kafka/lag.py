"""Consumer lag of a group, for /readyz, and the cache that lets /readyz wait for it only briefly."""
from __future__ import annotations

import threading
import time
from typing import Callable

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

TIMEOUT_MS = 3000  # each client's bootstrap and requests: a dead broker is given up on within seconds, not 30 s


def consumer_lag(bootstrap_servers: str, group: str, topics: list[str]) -> int:
    """Records on `topics` that `group` has not committed yet."""
    servers = bootstrap_servers.split(",")
    admin = KafkaAdminClient(bootstrap_servers=servers, client_id=group + "-lag", request_timeout_ms=TIMEOUT_MS,
                             bootstrap_timeout_ms=TIMEOUT_MS)
    try:
        consumer = KafkaConsumer(bootstrap_servers=servers, request_timeout_ms=TIMEOUT_MS,
                                 bootstrap_timeout_ms=TIMEOUT_MS, enable_auto_commit=False)
    except Exception:
        admin.close()
        raise
    try:
        committed = admin.list_group_offsets(group).get(group, {})
        partitions = [TopicPartition(t, p) for t in topics for p in (consumer.partitions_for_topic(t) or ())]
        ends = consumer.end_offsets(partitions)
        return sum(max(ends[tp] - (committed[tp].offset if tp in committed else 0), 0) for tp in partitions)
    finally:
        consumer.close()
        admin.close()


class BrokerFigures:
    """The broker's figures for /readyz, fetched on a thread of their own at most once per `cache_seconds`.

    A reader waits for a fresh fetch only as long as it says; if none comes in time it gets the last
    figures while they are younger than `stale_seconds` (a fetch takes ~0.15 s on a healthy broker but
    may take longer under load), and "no answer" after that. Only one fetch runs at a time, so readers
    polling a dead broker do not pile up threads behind its timeouts.
    """

    def __init__(self, fetch: Callable[[], int], cache_seconds: float = 2.0, stale_seconds: float = 10.0):
        self.fetch = fetch
        self.cache_seconds = cache_seconds
        self.stale_seconds = stale_seconds
        self._lock = threading.Lock()
        self._last: tuple[float, dict] | None = None  # (when fetched, figures)
        self._fetching: threading.Event | None = None

    def refresh(self) -> threading.Event | None:
        """Start a fetch unless the figures are fresh or one is under way; returns the event it sets."""
        with self._lock:
            if self._last and time.monotonic() - self._last[0] <= self.cache_seconds:
                return None
            if self._fetching is None:
                self._fetching = threading.Event()
                threading.Thread(target=self._fetch, args=(self._fetching,), name="broker-figures", daemon=True).start()
            return self._fetching

    def status(self, wait: float) -> dict:
        """{"kafka": bool, "consumer_lag": int | None[, "kafka_error": str]}, within about `wait` seconds."""
        fetching = self.refresh()
        if fetching is not None:
            fetching.wait(wait)
        with self._lock:
            last = self._last
        if last and time.monotonic() - last[0] <= self.stale_seconds:
            return last[1]
        return {"kafka": False, "consumer_lag": None, "kafka_error": f"no answer within {wait:.1f} s"}

    def _fetch(self, done: threading.Event) -> None:
        try:
            figures = {"kafka": True, "consumer_lag": self.fetch()}
        except Exception as exc:  # any failure to reach the broker means not ready
            figures = {"kafka": False, "consumer_lag": None, "kafka_error": f"{type(exc).__name__}: {exc}"[:200]}
        with self._lock:
            self._last = (time.monotonic(), figures)
            self._fetching = None
        done.set()
