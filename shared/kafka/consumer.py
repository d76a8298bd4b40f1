"""The consumer loop every worker runs (DESIGN §7).

Offsets are committed only after a record's handler has finished. A record that cannot be
decoded, breaks its contract, or makes the handler fail for a reason other than a passing
outage goes to `<topic>.dlq` with the error in its headers, and the loop carries on.
Transient failures (MongoDB or SMTP unreachable) are retried with backoff, never
dead-lettered, until they succeed or the loop is asked to stop.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from kafka import KafkaConsumer, OffsetAndMetadata
from kafka.errors import CommitFailedError
from pymongo.errors import AutoReconnect, ConnectionFailure, ExecutionTimeout, NetworkTimeout

from shared.events.contracts import validate
from shared.events.envelope import InvalidEvent, decode

log = logging.getLogger(__name__)


class TransientError(Exception):
    """A failure that will pass (a dependency is down): retry, never dead-letter."""


TRANSIENT = (TransientError, AutoReconnect, ConnectionFailure, NetworkTimeout, ExecutionTimeout)


def make_consumer(bootstrap_servers: str, group: str, topics: list[str], **overrides) -> KafkaConsumer:
    """A group consumer that never commits on its own."""
    options = dict(
        bootstrap_servers=bootstrap_servers.split(","),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=200,
        # a crashed worker's partitions move to a live one within seconds, not the 45 s default
        session_timeout_ms=10000,
        heartbeat_interval_ms=2000,
        # an idle consumer wakes once a second; a record still arrives at once (fetch_min_bytes=1)
        fetch_max_wait_ms=1000,
        client_id=group,
    )
    options.update(overrides)
    consumer = KafkaConsumer(**options)
    consumer.subscribe(topics)
    return consumer


class DeadLetters:
    """Writes a failed record to `<topic>.dlq` with why, from where and for whom."""

    def __init__(self, producer, group: str):
        self.producer = producer
        self.group = group

    def send(self, record, error: str) -> None:
        headers = list(record.headers or []) + [
            ("error", error[:2000].encode("utf-8")),
            ("original-topic", record.topic.encode()),
            ("original-partition", str(record.partition).encode()),
            ("original-offset", str(record.offset).encode()),
            ("consumer-group", self.group.encode()),
        ]
        future = self.producer.send(record.topic + ".dlq", key=record.key, value=record.value, headers=headers)
        future.get(timeout=30)


class ConsumerLoop:
    """Polls, hands each event to `handle`, dead-letters the bad ones, commits what is done."""

    def __init__(self, consumer, handle: Callable[[dict], None], dead_letters: DeadLetters,
                 stop: threading.Event | None = None, backoff: tuple[float, float] = (0.2, 5.0)):
        self.consumer = consumer
        self.handle = handle
        self.dead_letters = dead_letters
        self.stop = stop or threading.Event()
        self.backoff = backoff
        self.processed = 0

    def run(self, stop: threading.Event | None = None) -> None:
        """Loop until `stop` is set; the last offsets are committed before returning."""
        if stop is not None:
            self.stop = stop
        while not self.stop.is_set():
            self.run_once()

    def run_once(self, timeout_ms: int = 1000) -> None:
        batches = self.consumer.poll(timeout_ms=timeout_ms)
        for partition, records in batches.items():
            done = None
            for record in records:
                if not self._process(record):
                    break
                done = record
            if done is not None and not self.commit({partition: done}):
                return
            if self.stop.is_set():
                return

    def commit(self, done: dict) -> bool:
        """Commit past the last record done of each partition ({partition: record}); False when a
        rebalance refused it."""
        try:
            self.consumer.commit({p: OffsetAndMetadata(r.offset + 1, None, -1) for p, r in done.items()})
            return True
        except CommitFailedError as exc:
            # the group rebalanced while this batch was handled (a slow store, say): the
            # partition's next owner gets these records again and handlers are idempotent
            log.warning("commit refused after a rebalance; records will be redelivered: %s", exc)
            return False

    def retrying(self, action: Callable[[], None], what: str) -> bool:
        """Run `action`, retrying transient failures with backoff; False when asked to stop first.
        Any other exception is the caller's."""
        delay = self.backoff[0]
        while True:
            try:
                action()
                return True
            except TRANSIENT as exc:
                log.warning("transient failure %s, retrying in %.1fs: %s", what, delay, exc)
                if self.stop.wait(delay):
                    return False
                delay = min(delay * 2, self.backoff[1])

    def _process(self, record) -> bool:
        """Handle one record; False when asked to stop before it was done."""
        try:
            event = validate(decode(record.value))
        except InvalidEvent as exc:
            log.warning("dead-lettering %s/%s@%s: %s", record.topic, record.partition, record.offset, exc)
            self.dead_letters.send(record, str(exc))
            return True
        try:
            if not self.retrying(lambda: self.handle(event), f"on {event['id']}"):
                return False
        except Exception as exc:  # a bug or a record no handler can apply: park it, move on
            log.exception("handler failed on %s; dead-lettering", event["id"])
            self.dead_letters.send(record, f"{type(exc).__name__}: {exc}")
            return True
        self.processed += 1
        return True
