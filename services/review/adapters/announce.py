"""Announcing many new documents to the outbox relay at once (shared.mongo.outbox's protocol).

`shared.mongo.outbox.insert()` announces one document per round trip (about 2 ms here), which
would add some 20 s to an assignment run of 10,500 documents. This writes the same
announcement documents (`_id` = collection:document id, counter `n`) in one insert_many,
after the documents themselves, as the protocol asks. An announcement that already exists
gets its counter bumped, so a relay that read it earlier keeps it.
"""
from __future__ import annotations

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError

from shared.mongo.outbox import ANNOUNCEMENTS


def announce_many(collection: Collection, doc_ids: list) -> None:
    """Tell the relay that these documents of `collection` have pending events."""
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
        existing = [notes[error["index"]]["_id"] for error in errors]
        announcements.update_many({"_id": {"$in": existing}}, {"$inc": {"n": 1}})
