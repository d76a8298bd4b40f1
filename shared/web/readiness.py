"""The body of GET /readyz: store and broker reachable, outbox backlog, consumer lag, failing events.

It answers within a second whatever is down. The broker's figures are fetched on a thread of their
own and cached (shared.kafka.lag.BrokerFigures), so the fetch runs while the store is asked, and a
dead broker costs this request BROKER_WAIT_SECONDS, not its client's timeouts. The store is asked
under a deadline (pymongo's `timeout`), with a read like the requests' own: FerretDB's `ping` can
stall on its catalogue while reads are served. `down` names each part that did not answer.

Records that keep failing (`failing_events`, `last_error`) are shown but do not make the service
unready: its API still serves, and taking it out of a load balancer would not mend a handler.
"""
from __future__ import annotations

import time
from typing import Callable

import pymongo
from pymongo.errors import PyMongoError

from shared.config import Settings
from shared.kafka.lag import BrokerFigures, consumer_lag
from shared.kafka.status import ConsumerStatus, summary
from shared.mongo.outbox import backlog

STORE_SECONDS = 0.3  # pymongo may wait half a second more for a server that is down
BROKER_WAIT_SECONDS = 0.6  # from the start of the check, the store's time included


class Readiness:
    """Checks a service's dependencies, each with a bound; `consumers` also feeds /metrics."""

    def __init__(self, settings: Settings, db, consumed_topics: list[str], outbox_collections=(), cache_seconds=2.0,
                 extra: Callable[[], dict] | None = None):
        self.settings = settings
        self.db = db
        self.extra = extra  # the service's own figures, read from the store within the same deadline
        topics = [settings.topic(name) for name in consumed_topics]
        self.outbox_collections = outbox_collections
        self.consumers = ConsumerStatus(db)
        self.broker = BrokerFigures(
            lambda: consumer_lag(settings.kafka_bootstrap_servers, settings.consumer_group, topics) if topics else 0,
            cache_seconds)

    def __call__(self) -> dict:
        started = time.monotonic()
        self.broker.refresh()  # fetched meanwhile, if stale
        body = {"service": self.settings.service, "namespace": self.settings.namespace, **self.store_status()}
        body.update(self.broker.status(max(BROKER_WAIT_SECONDS - (time.monotonic() - started), 0.0)))
        body["down"] = [part for part, key in (("store", "mongo"), ("broker", "kafka")) if not body[key]]
        body["ok"] = not body["down"]
        return body

    def store_status(self) -> dict:
        """{"mongo": bool, ...}: whether the store answers within STORE_SECONDS, and what it says."""
        try:
            with pymongo.timeout(STORE_SECONDS):
                consumers = summary(self.consumers.topics())
                pending = sum(backlog(self.db[name]) for name in self.outbox_collections)
                extra = self.extra() if self.extra else {}
        except PyMongoError as exc:
            return {"mongo": False, "store_error": f"{type(exc).__name__}: {exc}"[:200]}
        return {"mongo": True, "outbox_backlog": pending, **consumers, **extra}
