"""In-memory stand-ins for a Kafka consumer and the loop's collaborators (unit tests only)."""
from __future__ import annotations

from collections import namedtuple

from kafka import TopicPartition

from shared.events import types
from shared.events.envelope import encode, new_event

Record = namedtuple("Record", "topic partition offset key value headers")
TOPIC = "t.entries"


def withdrawn(n: int, partition: int = 0, offset: int | None = None) -> Record:
    """A valid kipp.entry.withdrawn record for entry e-<n>."""
    data = {"entry_id": f"e-{n}", "competition_id": "c-1", "reason": "uji", "withdrawn_at": "2026-01-01T00:00:00Z"}
    event = new_event(types.ENTRY_WITHDRAWN, f"e-{n}", data, "kipp/test")
    return Record(TOPIC, partition, n if offset is None else offset, event["subject"].encode(), encode(event), [])


def poison(offset: int, partition: int = 0) -> Record:
    return Record(TOPIC, partition, offset, b"bad", b"\x00not json", [])


class FakeConsumer:
    """A log per partition with positions, pause/resume/seek and commits, like KafkaConsumer's."""

    def __init__(self, *records: Record):
        self.logs: dict = {}
        for record in records:
            self.logs.setdefault(TopicPartition(record.topic, record.partition), []).append(record)
        self.positions = {partition: 0 for partition in self.logs}
        self.paused: set = set()
        self.committed: dict = {}
        self.poll_timeouts: list[int] = []

    def assignment(self) -> set:
        return set(self.logs)

    def poll(self, timeout_ms: int) -> dict:
        self.poll_timeouts.append(timeout_ms)
        batches = {}
        for partition, log in self.logs.items():
            fresh = [r for r in log if r.offset >= self.positions[partition]]
            if fresh and partition not in self.paused:
                batches[partition] = fresh
                self.positions[partition] = fresh[-1].offset + 1
        return batches

    def seek(self, partition, offset: int) -> None:
        self.positions[partition] = offset

    def pause(self, partition) -> None:
        self.paused.add(partition)

    def resume(self, partition) -> None:
        self.paused.discard(partition)

    def commit(self, offsets: dict, timeout_ms: int | None = None) -> None:
        self.committed.update({partition: meta.offset for partition, meta in offsets.items()})


class FakeDeadLetters:
    def __init__(self):
        self.sent: list = []

    def send(self, record, error: str) -> None:
        self.sent.append((record, error))


class FakeStatus:
    """Records what the loop reports, as ConsumerStatus would write it."""

    def __init__(self):
        self.calls: list = []

    def failing(self, topic, partition, offset, event_id, attempts, error) -> None:
        self.calls.append(("failing", partition, offset, attempts, error.split(":")[0]))

    def recovered(self, topic, partition) -> None:
        self.calls.append(("recovered", partition))

    def dead_lettered(self, topic) -> None:
        self.calls.append(("dead_lettered", topic))


class Clock:
    """A monotonic clock that moves only when told."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now
