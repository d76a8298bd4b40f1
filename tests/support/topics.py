"""Topics in tests: a namespace of one's own, and reading a topic from the beginning as an outside
observer (no consumer group)."""
from __future__ import annotations

import json
import uuid

from kafka import KafkaConsumer, TopicPartition
from kafka.admin import KafkaAdminClient

from shared.kafka.admin import ensure_topics
from tests.support.poll import eventually


def new_namespace(kafka: str, prefix: str) -> str:
    """A namespace no other run shares (`prefix` and 8 hex digits), with its topics created."""
    namespace = prefix + uuid.uuid4().hex[:8]
    ensure_topics(kafka, namespace)
    return namespace


def drop_namespace(stack, mongo, ns: str, services=("notify",)) -> None:
    """Leave the shared broker and store as we found them: the namespace's databases and topics."""
    for service in services:  # by name: listDatabases is slow on FerretDB with many databases
        mongo.drop_database(f"{ns}_{service}")
    admin = KafkaAdminClient(bootstrap_servers=stack.kafka.split(","))
    try:
        admin.delete_topics([t for t in admin.list_topics() if t.startswith(ns + ".")])
    finally:
        admin.close()


class TopicReader:
    def __init__(self, bootstrap: str, topic: str):
        self.topic = topic
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), enable_auto_commit=False,
                                      consumer_timeout_ms=500)
        partitions = eventually(lambda: self.consumer.partitions_for_topic(topic), what=f"topic {topic}")
        self.partitions = [TopicPartition(topic, p) for p in sorted(partitions)]
        self.consumer.assign(self.partitions)
        self.consumer.seek_to_beginning(*self.partitions)
        self.records = []

    def poll(self) -> list:
        """Every record read so far, reading whatever arrived since last time."""
        for batch in self.consumer.poll(timeout_ms=300, max_records=5000).values():
            self.records.extend(batch)
        return self.records

    def read_to_end(self, timeout: float = 20) -> list:
        """Every record the topic holds now (read until the consumer reaches each partition's end)."""
        ends = self.consumer.end_offsets(self.partitions)
        eventually(lambda: self.poll() is not None and all(self.consumer.position(p) >= ends[p] for p in self.partitions),
                   timeout=timeout, what=f"the end of {self.topic}")
        return self.records

    def events(self, **match) -> list[dict]:
        """Decoded events whose top-level attributes or data fields equal `match`."""
        found = []
        for record in self.poll():
            try:
                event = json.loads(record.value)
            except (TypeError, ValueError):
                continue
            data = event.get("data") or {}
            if all(event.get(k) == v or data.get(k) == v for k, v in match.items()):
                found.append(event)
        return found

    def wait_for(self, count: int = 1, timeout: float = 20, **match) -> list[dict]:
        return eventually(lambda: (lambda e: e if len(e) >= count else None)(self.events(**match)),
                          timeout=timeout, what=f"{count} event(s) {match} on {self.topic}")

    def close(self) -> None:
        self.consumer.close()
