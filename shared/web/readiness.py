"""The body of GET /readyz: store and broker reachable, outbox backlog, consumer lag."""
from __future__ import annotations

import time

from shared.config import Settings
from shared.kafka.lag import consumer_lag
from shared.mongo.client import ping


class Readiness:
    """Checks a service's dependencies; Kafka figures are cached briefly, being costly to fetch."""

    def __init__(self, settings: Settings, db, consumed_topics: list[str], outbox_collections=(), cache_seconds=2.0):
        self.settings = settings
        self.db = db
        self.topics = [settings.topic(name) for name in consumed_topics]
        self.outbox_collections = outbox_collections
        self.cache_seconds = cache_seconds
        self._kafka = (0.0, None)

    def kafka_status(self) -> dict:
        checked_at, status = self._kafka
        if status is None or time.monotonic() - checked_at > self.cache_seconds:
            try:
                lag = consumer_lag(self.settings.kafka_bootstrap_servers, self.settings.consumer_group, self.topics) \
                    if self.topics else 0
                status = {"kafka": True, "consumer_lag": lag}
            except Exception as exc:  # any failure to reach the broker means not ready
                status = {"kafka": False, "consumer_lag": None, "kafka_error": str(exc)[:200]}
            self._kafka = (time.monotonic(), status)
        return status

    def __call__(self) -> dict:
        mongo = ping(self.db)
        body = {"service": self.settings.service, "namespace": self.settings.namespace, "mongo": mongo}
        body.update(self.kafka_status())
        if mongo:
            from shared.mongo.outbox import backlog
            body["outbox_backlog"] = sum(backlog(self.db[name]) for name in self.outbox_collections)
        body["ok"] = bool(mongo and body["kafka"])
        return body
