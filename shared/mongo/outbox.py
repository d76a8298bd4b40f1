"""The transactional outbox, kept inside the aggregate's own document (DESIGN §7).

A state change and the events it causes are written in one single-document update:
`$push` the events onto `outbox` and set `outbox_pending`. The relay publishes pending
events, then pulls exactly those from the array (by whole value: FerretDB's `$pull` matches
values by equality only, not by condition); the flag is cleared only when the array
is empty, so an event pushed meanwhile is never forgotten.
"""
from __future__ import annotations

import logging
import threading

from pymongo.collection import Collection
from pymongo.errors import PyMongoError

log = logging.getLogger(__name__)


def outbox_update(events: list[dict]) -> dict:
    """The update fragment that records `events` as pending; merge it into the state change."""
    return {"$push": {"outbox": {"$each": events}}, "$set": {"outbox_pending": True}}


def merge_updates(*parts: dict) -> dict:
    """Merge update documents operator by operator."""
    merged: dict = {}
    for part in parts:
        for operator, fields in part.items():
            merged.setdefault(operator, {}).update(fields)
    return merged


def ensure_indexes(collection: Collection) -> None:
    collection.create_index("outbox_pending")


def backlog(collection: Collection) -> int:
    """How many documents still have events to publish."""
    return collection.count_documents({"outbox_pending": True})


class OutboxRelay:
    """Publishes pending events of one collection and clears them once acknowledged."""

    def __init__(self, collection: Collection, publisher, batch: int = 200):
        self.collection = collection
        self.publisher = publisher
        self.batch = batch

    def relay_once(self) -> int:
        """Publish every pending event found now; returns how many were published."""
        published = 0
        docs = list(self.collection.find({"outbox_pending": True}, {"outbox": 1}).limit(self.batch))
        for doc in docs:
            events = doc.get("outbox") or []
            if events:
                self.publisher.publish_all(events)
                for event in events:
                    self.collection.update_one({"_id": doc["_id"]}, {"$pull": {"outbox": event}})
                published += len(events)
            self.collection.update_one({"_id": doc["_id"], "outbox": {"$size": 0}}, {"$set": {"outbox_pending": False}})
        return published

    def run(self, stop: threading.Event, idle_wait: float = 0.05) -> None:
        """Relay until `stop`; waits a little when there is nothing to do or the store is down."""
        while not stop.is_set():
            try:
                if self.relay_once() == 0:
                    stop.wait(idle_wait)
            except PyMongoError as exc:
                log.warning("outbox relay: store unavailable: %s", exc)
                stop.wait(1.0)
            except Exception:  # Kafka down or a bug: keep the events, try again later
                log.exception("outbox relay failed; will retry")
                stop.wait(1.0)
