"""The transactional outbox, kept inside the aggregate's own document (DESIGN §7).

A state change and the events it causes are one single-document update: the events are
`$push`ed onto the document's `outbox` array together with the change. `write()` and
`insert()` do that, and then bump a small *announcement* (`outbox_announcements`,
`_id` = collection:document id) so the relay can find pending documents by `_id` alone:
FerretDB's SQLite backend answers any other filter with a full scan, which is far too
slow to poll. The announcement comes after the update: written before it, a relay could
read the announcement and the document in between, find nothing pending, and drop the
announcement just before the events arrived. A crash between the update and the
announcement leaves events pending unannounced, which the sweep below finds.

The relay publishes a document's pending events in order (acks=all, idempotent
producer), removes exactly those with `$pullAll` (FerretDB matches array elements by
whole value only, so the events are pulled as they were read), and drops the
announcement only if nobody announced again meanwhile (its counter is unchanged). A crash
after publishing and before pulling publishes again; consumers are idempotent.
A slow sweep for `outbox_pending` documents (when the relay starts, then every minute)
catches events left unannounced by a crash; it scans the collection, so it stays rare.

Only one relay per collection publishes at a time: each holds a lease (`outbox_leases`,
`_id` = collection name) that it renews while it runs, and the others wait for it to
expire. Two relays reading the same announcements would otherwise publish the same
events twice. A relay that dies hands over when its lease runs out (LEASE_SECONDS).
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, DuplicateKeyError, PyMongoError

log = logging.getLogger(__name__)
ANNOUNCEMENTS = "outbox_announcements"
LEASES = "outbox_leases"
LEASE_SECONDS = 15.0


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


def announce(collection: Collection, doc_id) -> None:
    """Tell the relay that `doc_id` in `collection` has pending events."""
    collection.database[ANNOUNCEMENTS].update_one(
        {"_id": f"{collection.name}:{doc_id}"},
        {"$inc": {"n": 1}, "$set": {"collection": collection.name, "doc_id": doc_id}}, upsert=True)


def announce_many(collection: Collection, doc_ids: list) -> None:
    """announce() for many documents in one insert_many (one round trip instead of one each);
    an announcement that already exists gets its counter bumped, so a relay that read it keeps it."""
    if not doc_ids:
        return
    announcements = collection.database[ANNOUNCEMENTS]
    notes = [{"_id": f"{collection.name}:{doc_id}", "n": 1, "collection": collection.name, "doc_id": doc_id}
             for doc_id in doc_ids]
    try:
        announcements.insert_many(notes, ordered=False)
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors", [])
        if any(error.get("code") != 11000 for error in errors):
            raise
        announcements.update_many({"_id": {"$in": [notes[error["index"]]["_id"] for error in errors]}},
                                  {"$inc": {"n": 1}})


def write(collection: Collection, query: dict, update: dict, events: list[dict], upsert: bool = False):
    """Apply `update` to the document `query` selects (by `_id`) and queue `events`, atomically."""
    result = collection.update_one(query, merge_updates(update, outbox_update(events)) if events else update,
                                   upsert=upsert)
    if events and (result.matched_count or result.upserted_id is not None):
        announce(collection, query["_id"])
    return result


def insert(collection: Collection, document: dict, events: list[dict]):
    """Insert a new document together with its pending events."""
    result = collection.insert_one({**document, "outbox": list(events), "outbox_pending": bool(events)})
    if events:
        announce(collection, document["_id"])
    return result


def ensure_indexes(collection: Collection) -> None:
    collection.database[ANNOUNCEMENTS].create_index("collection")


def backlog(collection: Collection) -> int:
    """How many documents of `collection` still have events to publish."""
    return collection.database[ANNOUNCEMENTS].count_documents({"collection": collection.name})


class Lease:
    """The right to relay one collection, held by one relay at a time and renewed as it works."""

    def __init__(self, collection: Collection, seconds: float = LEASE_SECONDS):
        self.leases = collection.database[LEASES]
        self.name = collection.name
        self.seconds = seconds
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._until = 0.0

    def held(self) -> bool:
        """True while this relay holds the lease; renews it when a third of it is left."""
        now = time.time()
        if now < self._until - self.seconds / 3:
            return True
        until = now + self.seconds
        mine_or_expired = {"_id": self.name, "$or": [{"holder": self.holder}, {"until": {"$lt": now}}]}
        try:
            taken = self.leases.update_one(mine_or_expired, {"$set": {"holder": self.holder, "until": until}},
                                           upsert=True)
        except DuplicateKeyError:  # another relay holds it: the upsert met its document
            self._until = 0.0
            return False
        self._until = until if (taken.matched_count or taken.upserted_id is not None) else 0.0
        return self._until > 0

    def release(self) -> None:
        """Hand over at once on a clean stop."""
        if self._until:
            self.leases.delete_one({"_id": self.name, "holder": self.holder})
            self._until = 0.0


class OutboxRelay:
    """Publishes pending events of one collection and clears them once acknowledged."""

    def __init__(self, collection: Collection, publisher, batch: int = 500, sweep_seconds: float = 60.0,
                 lease_seconds: float = LEASE_SECONDS):
        self.collection = collection
        self.announcements = collection.database[ANNOUNCEMENTS]
        self.publisher = publisher
        self.batch = batch
        self.sweep_seconds = sweep_seconds
        self.lease = Lease(collection, lease_seconds)
        self._last_sweep = 0.0

    def relay_once(self) -> int:
        """Publish every pending event announced now; returns how many were published.
        Does nothing while another relay holds the collection's lease."""
        if not self.lease.held():
            return 0
        self._sweep_if_due()
        notes = list(self.announcements.find({"collection": self.collection.name}).limit(self.batch))
        pending = [(note, self.collection.find_one({"_id": note["doc_id"]}, {"outbox": 1})) for note in notes]
        events = [event for _, doc in pending if doc for event in doc.get("outbox") or []]
        if events:
            self.publisher.publish_all(events)
        for note, doc in pending:
            if doc and doc.get("outbox"):
                self.collection.update_one({"_id": doc["_id"]}, {"$pullAll": {"outbox": doc["outbox"]}})
            self._settle(note)
        return len(events)

    def _settle(self, note: dict) -> None:
        """Drop the announcement when the document has nothing left and nobody announced again."""
        doc = self.collection.find_one({"_id": note["doc_id"]}, {"outbox": 1})
        if doc and doc.get("outbox"):
            return
        if doc:
            self.collection.update_one({"_id": doc["_id"], "outbox": {"$size": 0}}, {"$set": {"outbox_pending": False}})
        self.announcements.delete_one({"_id": note["_id"], "n": note["n"]})

    def _sweep_if_due(self) -> None:
        """Now and then, announce documents whose events were queued without an announcement."""
        if time.monotonic() - self._last_sweep < self.sweep_seconds:
            return
        self._last_sweep = time.monotonic()
        for doc in self.collection.find({"outbox_pending": True}, {"_id": 1}):
            announce(self.collection, doc["_id"])

    def run(self, stop: threading.Event, idle_wait: float = 0.05, max_idle_wait: float = 0.2) -> None:
        """Relay until `stop`; polls faster while there is work, slower when idle or the store is down."""
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
            except Exception:  # Kafka down or a bug: keep the events, try again later
                log.exception("outbox relay failed; will retry")
                stop.wait(1.0)
        try:
            self.lease.release()
        except PyMongoError:
            pass  # it expires on its own
