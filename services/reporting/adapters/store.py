"""reporting's MongoDB adapter: the read model, and which database holds it.

Collections of one read model (`<ns>_reporting`, or a rebuilt one):

- `entries`   one document per entry (`_id` = entry id): the facts each event owns and what
              is derived from them (domain/readmodel.py). The worker reads and writes it by
              `_id`; the scorecard reads it by `_id`.
- `rows`      one small document per entry (`_id` = entry id): `competition_id`, `batch` (the
              worker's batch that last wrote it) and `row`, the entry as the web processes
              keep it (domain/rows.py). Web processes load a competition with
              `{competition_id}` and follow it with `{competition_id, batch}`.
- `heads`     one document per competition: the last batch number the worker took for it.
- `batches`   one marker per finished batch (`_id` = "<competition>:<batch>"), written after
              the batch's rows: a web process reads a batch's rows only once its marker is there.
- `competitions` one document per competition: the definition and the closed stages.

Every hot query is an equality on indexed top-level fields (`_id`, `competition_id`,
`batch`), which FerretDB 1.24 pushes down to PostgreSQL and MongoDB answers from an index.
"""
from __future__ import annotations

import time

from pymongo import ASCENDING, MongoClient, ReplaceOne, ReturnDocument
from pymongo.database import Database

from shared.mongo.claims import insert_new, insert_once

MARKERS_KEPT = 1000  # a web process further behind than this reloads the competition instead
PER_COMMAND = 200  # documents per insert or update command: each one answers well within the socket timeout


def marker_id(competition_id: str, batch: int) -> str:
    return f"{competition_id}:{batch:012d}"


class Store:
    """One read model."""

    def __init__(self, db: Database):
        self.db = db
        self.name = db.name

    def declare_indexes(self) -> None:
        """The indexes the hot queries use (idempotent)."""
        self.db.entries.create_index([("competition_id", ASCENDING)])
        self.db.rows.create_index([("competition_id", ASCENDING)])
        self.db.rows.create_index([("batch", ASCENDING)])

    # entries, written by the worker
    def entry(self, entry_id: str) -> dict | None:
        return self.db.entries.find_one({"_id": entry_id})

    def save_entries(self, docs: list[dict], new: set) -> None:
        _save(self.db.entries, docs, new)

    def save_rows(self, rows: list[dict], new: set) -> None:
        _save(self.db.rows, rows, new)

    # competitions
    def competition(self, competition_id: str) -> dict | None:
        return self.db.competitions.find_one({"_id": competition_id})

    def competitions(self) -> list[dict]:
        return list(self.db.competitions.find({}, {"definition.name": 1}).sort("_id", 1))

    def save_competition(self, doc: dict) -> None:
        self.db.competitions.replace_one({"_id": doc["_id"]}, doc, upsert=True)

    # batches: how web processes learn what changed
    def next_batch(self, competition_id: str) -> int:
        """A new batch number for the competition (atomic: two workers never get the same one)."""
        return int(self.db.heads.find_one_and_update({"_id": competition_id}, {"$inc": {"batch": 1}}, upsert=True,
                                                     return_document=ReturnDocument.AFTER)["batch"])

    def finish_batch(self, competition_id: str, batch: int, rows: int, competition_changed: bool) -> None:
        """Say the batch's documents are all written; forget the marker MARKERS_KEPT batches back."""
        insert_once(self.db.batches, {"_id": marker_id(competition_id, batch), "competition_id": competition_id,
                                      "batch": batch, "rows": rows, "competition": competition_changed,
                                      "at": time.time()})  # a retried flush finds its marker there already
        if batch > MARKERS_KEPT:
            self.db.batches.delete_one({"_id": marker_id(competition_id, batch - MARKERS_KEPT)})

    def head(self, competition_id: str) -> int:
        found = self.db.heads.find_one({"_id": competition_id})
        return int(found["batch"]) if found else 0

    def marker(self, competition_id: str, batch: int) -> dict | None:
        return self.db.batches.find_one({"_id": marker_id(competition_id, batch)})

    # rows, read by the web processes
    def rows(self, competition_id: str):
        """Every row document of a competition (once per web process and competition)."""
        return self.db.rows.find({"competition_id": competition_id}).batch_size(2000)

    def rows_of_batch(self, competition_id: str, batch: int) -> list[dict]:
        return list(self.db.rows.find({"competition_id": competition_id, "batch": batch}))


def _save(collection, docs: list[dict], new: set) -> None:
    """Insert the documents that were new when read (cheap), replace the others; safe to repeat."""
    for start in range(0, len(docs), PER_COMMAND):
        chunk = docs[start:start + PER_COMMAND]
        fresh = [doc for doc in chunk if doc["_id"] in new]
        again = [doc for doc in chunk if doc["_id"] not in new]
        existed = insert_new(collection, fresh)  # written already (a retried flush, another writer): replace those
        again += [doc for doc in fresh if doc["_id"] in existed]
        if again:
            collection.bulk_write([ReplaceOne({"_id": doc["_id"]}, doc, upsert=True) for doc in again], ordered=False)


class Catalog:
    """Points at the database that holds the live read model; `swap` makes a rebuilt one live."""

    def __init__(self, client: MongoClient, base_name: str, cache_seconds: float = 1.0):
        self.client = client
        self.base_name = base_name
        self.cache_seconds = cache_seconds
        self._cached = (-cache_seconds - 1.0, base_name)

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

    def swap(self, store: Store) -> str:
        """Make `store` live; returns the name of the database it replaced."""
        previous = self.current_name()
        self.client[self.base_name].catalog.replace_one(
            {"_id": "current"}, {"database": store.name, "previous": previous, "swapped_at": time.time()}, upsert=True)
        self._cached = (time.monotonic(), store.name)
        return previous
