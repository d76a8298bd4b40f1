"""The transactional outbox, kept inside the aggregate's own document (DESIGN §7).

A state change and the events it causes are one single-document update: the events are
`$push`ed onto the document's `outbox` array and `outbox_pending` is set, together with the
change (`outbox_update`, merged by `write()`; `insert()` for a new document). Nothing else is
written, so there is no second write a crash could lose.

The relay finds pending documents with `{"outbox_pending": True}` on the index
`ensure_indexes` declares. The filter is a top-level equality, so FerretDB hands it to its SQL
backend (an index scan) instead of filtering every document itself, and few documents are
pending at any time. It publishes a document's events in order (acks=all, idempotent
producer), then clears the outbox in one conditional update that only matches while the array
is still exactly what it published; when more events were queued meanwhile it `$pullAll`s only
the published ones (FerretDB matches array elements by whole value, so they are pulled as
read) and the flag stays set for the next round. A crash before publishing only delays the
events; a crash after publishing and before clearing publishes them again, which idempotent
consumers absorb (`shared.mongo.dedup`).

Only one relay per collection publishes at a time: each holds a lease (`outbox_leases`,
`_id` = collection name) that it renews while it runs, and the others wait for it to
expire. Two relays reading the same pending documents would otherwise publish every event
twice. A relay that dies hands over when its lease runs out (LEASE_SECONDS).
"""
from __future__ import annotations

import logging
import threading

from kafka.errors import KafkaError
from pymongo.collection import Collection
from pymongo.errors import PyMongoError

from shared.mongo.claims import Lease

log = logging.getLogger(__name__)
LEASES = "outbox_leases"
LEASE_SECONDS = 6.0  # renewed every 2 s while the relay works: a killed relay hands over within 6 s
PENDING = {"outbox_pending": True}  # the relay's query: an equality on an indexed field


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


def update_with_events(update: dict, events: list[dict]) -> dict:
    """`update` that also queues `events` (for an update the caller sends itself, e.g. a conditional upsert)."""
    return merge_updates(update, outbox_update(events)) if events else update


def write(collection: Collection, query: dict, update: dict, events: list[dict], upsert: bool = False):
    """Apply `update` to the document `query` selects (by `_id`) and queue `events`, in one update."""
    return collection.update_one(query, update_with_events(update, events), upsert=upsert)


def with_events(document: dict, events: list[dict]) -> dict:
    """A new document together with its pending events (for an insert)."""
    return {**document, "outbox": list(events), "outbox_pending": bool(events)}


def insert(collection: Collection, document: dict, events: list[dict]):
    """Insert a new document together with its pending events."""
    return collection.insert_one(with_events(document, events))


def ensure_indexes(collection: Collection) -> None:
    """The index the relay's pending query runs on."""
    collection.create_index("outbox_pending")


def backlog(collection: Collection) -> int:
    """How many documents of `collection` still have events to publish."""
    return collection.count_documents(PENDING)


class OutboxRelay:
    """Publishes pending events of one collection and clears them once acknowledged."""

    def __init__(self, collection: Collection, publisher, batch: int = 500, lease_seconds: float = LEASE_SECONDS):
        self.collection = collection
        self.publisher = publisher
        self.batch = batch
        self.lease = Lease(collection.database[LEASES], collection.name, lease_seconds)

    def relay_once(self) -> int:
        """Publish the events of up to `batch` pending documents; returns how many were published.
        Does nothing while another relay holds the collection's lease."""
        if not self.lease.held():
            return 0
        pending = list(self.collection.find(PENDING, {"outbox": 1}).limit(self.batch))
        # the store returns documents in no particular order, and one subject's events can sit in
        # several (an assignment's score revisions): publish them in the order they happened
        events = sorted((event for doc in pending for event in doc.get("outbox") or []),
                        key=lambda event: event.get("time") or "")
        if events:
            self.publisher.publish_all(events)
        for doc in pending:
            self._clear(doc)
        return len(events)

    def _clear(self, doc: dict) -> None:
        """Remove the events just published from `doc`; clear its flag only if no others arrived meanwhile."""
        published = doc.get("outbox")
        cleared = self.collection.update_one({"_id": doc["_id"], "outbox": published},
                                             {"$set": {"outbox": [], "outbox_pending": False}})
        if not cleared.matched_count and published:
            self.collection.update_one({"_id": doc["_id"]}, {"$pullAll": {"outbox": published}})

    def run(self, stop: threading.Event, idle_wait: float = 0.05, max_idle_wait: float = 1.0) -> None:
        """Relay until `stop`; polls faster while there is work, slower when idle or the store is down
        (idle, once a second: each poll is a query, and an idle platform should cost next to nothing)."""
        wait = idle_wait
        while not stop.is_set():
            try:
                published = self.relay_once()
                wait = idle_wait if published else min(wait * 2, max_idle_wait)
                if not published:
                    stop.wait(wait)
            except PyMongoError as exc:
                log.warning("outbox relay: store unavailable: %s", exc)
                stop.wait(1.0)
            except KafkaError as exc:  # within the producer's bounds (seconds), so the lease is still ours
                log.warning("outbox relay: broker unavailable, events kept: %s", exc)
                self.publisher.renew()  # a producer stuck after an outage would never send again
                stop.wait(1.0)
            except Exception:  # a bug: keep the events, try again later
                log.exception("outbox relay failed; will retry")
                stop.wait(1.0)
        try:
            self.lease.release()
        except PyMongoError:
            pass  # it expires on its own
