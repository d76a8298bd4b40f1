"""reporting's MongoDB adapter: the read model, and which database currently holds it."""
from __future__ import annotations

import time

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from shared.mongo.dedup import apply_once

# Only what the rankings, summaries and exports read; sections and contacts stay out.
ENTRY_FIELDS = {"title": 1, "agency": 1, "province_code": 1, "category": 1, "cluster": 1, "group": 1,
                "status": 1, "stage": 1, "submitted_at": 1, "day": 1, "reviews": 1, "assigned": 1,
                "results": 1, "awards": 1, "competition_id": 1, "screening": 1}


class Store:
    """One read model: competitions, entries (with their reviews) and a version per competition."""

    def __init__(self, db: Database):
        self.db = db
        self.name = db.name

    def apply(self, event: dict, writes: list[tuple[str, dict, dict]], competition_id: str | None) -> bool:
        """Apply an event's writes once (by event id); bump the competition's version."""
        def run(_event):
            for collection, query, update in writes:
                self.write(collection, query, update)
            if competition_id:
                self.db.versions.update_one({"_id": competition_id}, {"$inc": {"n": 1}}, upsert=True)
        return apply_once(self.db, event, run)

    def write(self, collection: str, query: dict, update: dict) -> None:
        """An upsert guarded by `query`; a guard that fails on an existing document is a no-op."""
        try:
            self.db[collection].update_one(query, update, upsert=True)
        except DuplicateKeyError:
            pass  # the document exists and the guard (a newer revision) kept it as it is

    def competition(self, cid: str) -> dict | None:
        found = self.db.competitions.find_one({"_id": cid})
        return found.get("definition") if found else None

    def version(self, cid: str) -> int:
        found = self.db.versions.find_one({"_id": cid})
        return int(found["n"]) if found else 0

    def entries(self, cid: str) -> list[dict]:
        return list(self.db.entries.find({"competition_id": cid}, ENTRY_FIELDS).batch_size(5000))

    def entry(self, entry_id: str) -> dict | None:
        return self.db.entries.find_one({"_id": entry_id})


class Catalog:
    """Points at the database that holds the live read model; `swap` makes a rebuilt one live."""

    def __init__(self, client: MongoClient, base_name: str, cache_seconds: float = 1.0):
        self.client = client
        self.base_name = base_name
        self.cache_seconds = cache_seconds
        self._cached = (0.0, base_name)

    def current_name(self) -> str:
        checked_at, name = self._cached
        if time.monotonic() - checked_at > self.cache_seconds:
            found = self.client[self.base_name].catalog.find_one({"_id": "current"})
            name = found["database"] if found else self.base_name
            self._cached = (time.monotonic(), name)
        return name

    def current(self) -> Store:
        return Store(self.client[self.current_name()])

    def fresh(self, suffix: str) -> Store:
        return Store(self.client[f"{self.base_name}_{suffix}"])

    def swap(self, store: Store) -> str | None:
        """Make `store` live; returns the name of the database it replaced."""
        previous = self.current_name()
        self.client[self.base_name].catalog.update_one({"_id": "current"}, {"$set": {"database": store.name}},
                                                        upsert=True)
        self._cached = (0.0, store.name)
        return previous
