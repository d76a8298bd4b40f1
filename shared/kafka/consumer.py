"""The consumer loop every worker runs (DESIGN §7).

Offsets are committed only after a record's handler has finished. A record that does not go
through is one of two kinds, and they are treated differently:
- poison: it cannot be decoded or breaks its contract (InvalidEvent). No retry can cure it, so it
  goes to `<topic>.dlq` with the error in its headers and the loop moves on.
- anything else: the store or SMTP down, a bug, a record the handler refuses. It is retried with
  backoff (shared.kafka.retries), never dead-lettered, and nothing past it is committed, so a bad
  deploy halts a partition instead of draining it into the DLQ. Each failure is counted and the
  record shown until it succeeds (shared.kafka.status, read by /readyz and /metrics).

A failing record holds up only its own partition: the loop seeks the partition back to it, pauses
it until its backoff is over, and goes on polling the others. The partition's later records wait
behind it on purpose: events of one subject share a partition (the key is the subject), handlers
rely on their order (a withdrawal after its submission, score revisions), and a partition can only
be committed up to its first unfinished record anyway. A poison record whose dead letter cannot be
written (the broker down) is held the same way. A poll that fails because the broker is down is tried
again a second later, so an outage never ends the loop. The stop event ends the loop within one poll.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition
from kafka.errors import KafkaError
from pymongo.errors import AutoReconnect, ConnectionFailure, ExecutionTimeout, NetworkTimeout

from shared import backoff
from shared.kafka import RECONNECT
from shared.events.contracts import validate
from shared.events.envelope import InvalidEvent, decode
from shared.kafka.retries import Retries
from shared.kafka.status import NoStatus

log = logging.getLogger(__name__)
COMMIT_TIMEOUT_MS = 5000  # a commit to a dead broker gives up within seconds; the records come again
DEAD_LETTER_TIMEOUT = 10.0
BROKER_RETRY_SECONDS = 1.0


class TransientError(Exception):
    """A failure that will pass (a dependency is down): logged without a stack trace."""


TRANSIENT = (TransientError, AutoReconnect, ConnectionFailure, NetworkTimeout, ExecutionTimeout)


def log_failure(what: str, attempts: int, exc: Exception) -> None:
    """A stack trace the first time something unexpected fails; one line for outages and repeats."""
    if attempts == 1 and not isinstance(exc, TRANSIENT):
        log.error("%s failed; it will be tried again, not dead-lettered", what, exc_info=exc)
    else:
        log.warning("%s failed (attempt %d), trying again: %s", what, attempts, exc)


def make_consumer(bootstrap_servers: str, group: str, topics: list[str], **overrides) -> KafkaConsumer:
    """A group consumer that never commits on its own."""
    options = dict(
        bootstrap_servers=bootstrap_servers.split(","),
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=200,
        # a crashed worker's partitions move to a live one within seconds, not the 45 s default
        # (6 s is the broker's least, group.min.session.timeout.ms)
        session_timeout_ms=6000,
        heartbeat_interval_ms=2000,
        # an idle consumer wakes once a second; a record still arrives at once (fetch_min_bytes=1)
        fetch_max_wait_ms=1000,
        # a broker that restarts answers for a moment without its topics' partitions; a group that joined
        # then holds nothing until the next metadata refresh, whose change makes it join again: refresh
        # every few seconds, not every five minutes
        metadata_max_age_ms=5000,
        client_id=group,
        **RECONNECT,
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
        future.get(timeout=DEAD_LETTER_TIMEOUT)


class ConsumerLoop:
    """Polls, hands each event to `handle`, dead-letters poison, holds failing records, commits what is done."""

    def __init__(self, consumer, handle: Callable[[dict], None], dead_letters: DeadLetters,
                 stop: threading.Event | None = None, backoff: tuple[float, float] = (0.2, 5.0), status=None):
        self.consumer = consumer
        self.handle = handle
        self.dead_letters = dead_letters
        self.stop = stop or threading.Event()
        self.backoff = backoff
        self.retries = Retries(*backoff)
        self.status = status or NoStatus()  # shared.kafka.status.ConsumerStatus in the workers
        self.processed = 0

    def run(self, stop: threading.Event | None = None) -> None:
        """Loop until `stop` is set; the last offsets are committed before returning."""
        if stop is not None:
            self.stop = stop
        while not self.stop.is_set():
            self.run_once()

    def run_once(self, timeout_ms: int = 1000) -> None:
        for partition, records in self.poll(timeout_ms).items():
            done = None
            for record in records:
                if not self._process(record):
                    break
                done = record
            if done is not None:
                # even when refused, the poll's other partitions are handled: their positions have moved
                # past these records, so leaving them now would let a later commit skip them
                self.commit({partition: done})
            if self.stop.is_set():
                return

    def poll(self, timeout_ms: int) -> dict:
        """Resume the partitions whose backoff is over, then poll; a poll never outlasts the next one due."""
        assigned = None
        for partition in self.retries.take_due():
            assigned = self.consumer.assignment() if assigned is None else assigned
            if partition in assigned:
                self.consumer.resume(partition)
            else:
                self.retries.forget(partition)
        due_in = self.retries.seconds_to_next()
        if due_in is not None:
            timeout_ms = max(min(timeout_ms, int(due_in * 1000)), 10)
        try:
            return self.consumer.poll(timeout_ms=timeout_ms)
        except KafkaError as exc:  # the broker is gone for now: the consumer reconnects on the next poll
            log.warning("poll failed, the broker is unavailable: %s", exc)
            self.stop.wait(BROKER_RETRY_SECONDS)
            return {}

    def commit(self, done: dict) -> bool:
        """Commit past the last record done of each partition ({partition: record}); False when refused."""
        try:
            self.consumer.commit({p: OffsetAndMetadata(r.offset + 1, None, -1) for p, r in done.items()},
                                 timeout_ms=COMMIT_TIMEOUT_MS)
            return True
        except KafkaError as exc:
            # a rebalance while this batch was handled (a slow store, say) or the broker gone: the
            # records come again to whoever owns the partition next, and handlers are idempotent
            log.warning("commit refused; records will be redelivered: %s", exc)
            return False

    def retrying(self, action: Callable[[], None], what: str) -> bool:
        """Run `action` until it succeeds, with backoff whatever it raises; False when asked to stop first."""
        attempts = 0
        while True:
            try:
                action()
                return True
            except Exception as exc:  # an outage, a refusal or a bug: the work is kept and tried again
                attempts += 1
                log_failure(what, attempts, exc)
                if self.stop.wait(backoff.delay(attempts, *self.backoff)):
                    return False

    def _process(self, record) -> bool:
        """Handle one record; False when it is not done and its partition now waits to try it again."""
        partition = TopicPartition(record.topic, record.partition)
        try:
            event = validate(decode(record.value))
        except InvalidEvent as exc:
            return self._dead_letter(partition, record, str(exc))
        try:
            self.handle(event)
        except Exception as exc:  # a bug, a refusal or an outage alike: keep the record, try it again later
            self._hold(partition, record, event["id"], exc)
            return False
        self._done(partition)
        self.processed += 1
        return True

    def _dead_letter(self, partition, record, error: str) -> bool:
        log.warning("dead-lettering %s/%s@%s: %s", record.topic, record.partition, record.offset, error)
        try:
            self.dead_letters.send(record, error)
        except Exception as exc:  # the broker did not take it: the poison stays where it is for now
            self._hold(partition, record, None, exc)
            return False
        self.status.dead_lettered(record.topic)
        self._done(partition)
        return True

    def _hold(self, partition, record, event_id: str | None, exc: Exception) -> None:
        """Rewind the partition to `record` and pause it until its backoff is over."""
        failing = self.retries.failed(partition, record.offset)
        log_failure(f"{record.topic}/{record.partition}@{record.offset} ({event_id or 'undecoded'})",
                    failing.attempts, exc)
        self.consumer.seek(partition, record.offset)
        self.consumer.pause(partition)
        self.status.failing(record.topic, record.partition, record.offset, event_id, failing.attempts,
                            f"{type(exc).__name__}: {exc}")

    def _done(self, partition) -> None:
        if self.retries.succeeded(partition):
            self.status.recovered(partition.topic, partition.partition)
