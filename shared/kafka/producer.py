"""Publishing CloudEvents with acks=all and the idempotent producer (DESIGN §3, §7)."""
from __future__ import annotations

import logging
import threading
from typing import Callable

from kafka import KafkaProducer
from kafka.errors import KafkaError

from cloudevents.core.bindings import kafka as kafka_binding

from shared.events.envelope import FORMAT, as_cloudevent
from shared.events.types import TOPIC_OF
from shared.kafka import RECONNECT

log = logging.getLogger(__name__)


def make_producer(bootstrap_servers: str, **overrides) -> KafkaProducer:
    """A producer that waits for all in-sync replicas and never writes a record twice."""
    options = dict(
        bootstrap_servers=bootstrap_servers.split(","),
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        client_id="kipp",
        # a dead broker is given up on within seconds (kafka-python waits 60 s for metadata and 120 s
        # for an acknowledgement by default): the relay keeps its lease, a stop is prompt, and the
        # events stay in the outbox for the next round
        max_block_ms=5000,
        request_timeout_ms=5000,
        delivery_timeout_ms=10000,
        **RECONNECT,
    )
    options.update(overrides)
    return KafkaProducer(**options)


def _subject(event) -> bytes:
    """The record key: the event's subject, so one entry's events share a partition and keep their order."""
    return str(event.get_subject() or "").encode("utf-8")


class EventPublisher:
    """Sends events to `<ns>.<topic>` keyed by subject, in structured CloudEvents mode.

    With `make` (the producer's factory), `renew()` swaps the producer for a new one: after a broker
    outage an idempotent producer whose batches expired unacknowledged can stay stuck on their sequence
    numbers (seen after a kill -9 of the broker: every later send timed out for minutes), while a new
    producer, with a new producer id, sends at once.
    """

    def __init__(self, producer: KafkaProducer, namespace: str, make: Callable[[], KafkaProducer] | None = None):
        self.producer = producer
        self.namespace = namespace
        self.make = make
        self._renewing = threading.Lock()

    @classmethod
    def to(cls, bootstrap_servers: str, namespace: str, **overrides) -> "EventPublisher":
        """A publisher that can renew its producer."""
        make = lambda: make_producer(bootstrap_servers, **overrides)  # noqa: E731
        return cls(make(), namespace, make)

    def renew(self) -> None:
        """A fresh producer in place of the current one (whose unsent records are dropped: they are still in
        the outbox, which is where they are published from)."""
        if self.make is None:
            return
        with self._renewing:  # the relays of one worker share the publisher
            try:
                fresh = self.make()
            except KafkaError as exc:  # the broker is still away: keep the old one; the next failure renews again
                log.warning("producer not renewed, the broker is unreachable: %s", exc)
                return
            old, self.producer = self.producer, fresh
            try:
                old.close(timeout=0)
            except Exception:  # noqa: BLE001 - a producer in trouble may fail to close; it is dropped either way
                pass

    def topic_for(self, event: dict) -> str:
        return f"{self.namespace}.{TOPIC_OF[event['type']]}"

    def send(self, event: dict, topic: str | None = None):
        """Queue one event, as the SDK's Kafka binding writes it in structured mode (key = subject);
        returns the future of its send."""
        message = kafka_binding.to_structured(as_cloudevent(event), FORMAT, key_mapper=_subject)
        return self.producer.send(topic or self.topic_for(event), key=message.key, value=message.value,
                                  headers=list(message.headers.items()))

    def publish_all(self, events: list[dict], timeout: float = 12.0) -> None:
        """Send events and wait until the broker has acknowledged every one."""
        futures = [self.send(event) for event in events]
        for future in futures:
            future.get(timeout=timeout)

    def close(self, timeout: float = 5.0) -> None:
        """Send what is queued and close, within `timeout` (records still unsent stay in the outbox)."""
        try:
            self.producer.flush(timeout=timeout)
        except KafkaError:
            pass
        self.producer.close(timeout=timeout)
