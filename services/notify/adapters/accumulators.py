"""Accumulator documents in MongoDB: assignment batches and daily digests (see domain/accumulate.py)."""
from __future__ import annotations

from pymongo.collection import Collection

from shared.mongo.claims import upsert_where


class Accumulator:
    """Items gathered in one document per batch or digest, flushed by marked keys."""

    def __init__(self, collection: Collection):
        self.collection = collection

    def add(self, doc_id: str, key: str, item: dict, header: dict) -> bool:
        """Add an item unless that key was mailed already; True when it is (now) waiting."""
        for _ in range(2):
            if upsert_where(self.collection, {"_id": doc_id, f"sent.{key}": {"$exists": False}},
                            {"$set": {f"items.{key}": item}, "$setOnInsert": header}):
                return True
            # either the key was mailed already, or another worker created the document first
            found = self.collection.find_one({"_id": doc_id}, {f"sent.{key}": 1})
            if found and (found.get("sent") or {}).get(key):
                return False
        return False

    def with_items(self) -> list[dict]:
        """Documents holding items or an unfinished flush (few: one per judge run or daily contact).

        Without `sent`: it only grows (a contact's digest keeps every key it ever mailed), and the
        scheduler reads these documents twice a second.
        """
        return [doc for doc in self.collection.find({}, {"sent": 0}) if doc.get("items") or doc.get("flush")]

    def claim(self, doc_id: str, flush: dict) -> bool:
        """Mark `flush` ({id, keys}) as being mailed; False if another flush is under way."""
        return self.collection.update_one({"_id": doc_id, "flush": None}, {"$set": {"flush": flush}}).modified_count == 1

    def clear(self, doc_id: str, flush: dict) -> None:
        """Move the flushed keys from `items` to `sent` and end the flush."""
        update = {"$unset": {f"items.{k}": "" for k in flush["keys"]},
                  "$set": {**{f"sent.{k}": True for k in flush["keys"]}, "flush": None}}
        self.collection.update_one({"_id": doc_id, "flush.id": flush["id"]}, update)
