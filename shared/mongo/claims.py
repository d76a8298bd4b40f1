"""Claims and leases, once, the MongoDB way: one document per claimed thing, and the unique `_id`
index settles every race.

- `insert_once`: the first writer of an `_id` wins (a processed event, a score revision, a batch
  marker, an Idempotency-Key, a draft named after its key); `insert_new` the same for many documents.
- `upsert_where`: a conditional single-document update that creates the document when it is new;
  an upsert that meets an existing `_id` whose conditions fail raises DuplicateKeyError, so of
  racing writers exactly those the conditions admit win (a newer revision, a free slot, an expired
  lease).
- `Lease`: a right held by one process at a time, renewed while it works and taken over when its
  holder stops renewing (the outbox relay of a collection).
"""
from __future__ import annotations

import os
import socket
import time
import uuid

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, DuplicateKeyError

CREATED, CHANGED = "created", "changed"
DUPLICATE_KEY = 11000


def insert_once(collection: Collection, document: dict) -> bool:
    """Insert `document`; False when a document with its `_id` exists already (nothing is written)."""
    try:
        collection.insert_one(document)
        return True
    except DuplicateKeyError:
        return False


def insert_new(collection: Collection, documents: list[dict]) -> set:
    """Insert each document whose `_id` is new (unordered: one taken `_id` stops none of the others); the
    `_id`s that existed already, for which nothing was written."""
    if not documents:
        return set()
    try:
        collection.insert_many(documents, ordered=False)
        return set()
    except BulkWriteError as exc:
        errors = exc.details.get("writeErrors") or []
        if any(error.get("code") != DUPLICATE_KEY for error in errors):
            raise
        return {documents[error["index"]]["_id"] for error in errors}


def upsert_where(collection: Collection, query: dict, update: dict) -> str | None:
    """Apply `update` to the document `query` selects (by `_id`, with conditions) or create it when no
    document has that `_id`: CREATED, CHANGED, or None when the document exists and the conditions do
    not hold."""
    try:
        result = collection.update_one(query, update, upsert=True)
    except DuplicateKeyError:  # the upsert met the existing document: its conditions failed
        return None
    if result.upserted_id is not None:
        return CREATED
    return CHANGED if result.matched_count else None


class Lease:
    """The right named `name` in `collection`, held by one holder at a time and renewed as it works."""

    def __init__(self, collection: Collection, name: str, seconds: float):
        self.leases = collection
        self.name = name
        self.seconds = seconds
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._until = 0.0

    def held(self) -> bool:
        """True while this holder has the lease; renews it when a third of it is left."""
        now = time.time()
        if now < self._until - self.seconds / 3:
            return True
        until = now + self.seconds
        mine_or_expired = {"_id": self.name, "$or": [{"holder": self.holder}, {"until": {"$lt": now}}]}
        taken = upsert_where(self.leases, mine_or_expired, {"$set": {"holder": self.holder, "until": until}})
        self._until = until if taken else 0.0
        return self._until > 0

    def release(self) -> None:
        """Hand over at once on a clean stop."""
        if self._until:
            self.leases.delete_one({"_id": self.name, "holder": self.holder})
            self._until = 0.0
