"""reporting's MongoDB adapter: the read model, its change log, and which database holds it.

FerretDB 1.24 finds only `_id` lookups through an index, and every update, replace or
delete reads the whole collection first (measured here: 75–100 ms per write at 20,000
small documents; ~30 ms per read-and-replace with 390 entry documents of ~3 KB). The entry
documents are therefore spread over BUCKETS collections by a stable hash of the entry id,
which keeps each write proportional to 1/1024 of the competition (~100 documents at
100,000 entries). Inserts cost ~1 ms anywhere.

The change log lets each web process follow the read model without scanning it: every
flush of the worker appends one change document (`_id` = a sequence number from the
`heads` counter) carrying the rows it touched; a web process reads the head and the new
changes by `_id`. Even an `_id` lookup reads every document of its collection on FerretDB
(433 changes of ~500 KB: 0.9 s), so the log is spread over collections of CHANGES_PER
documents (`changes_<seq // CHANGES_PER>`), old ones are dropped (a drop is cheap, a delete
is a scan), and the rows travel as one BSON binary value, which FerretDB stores and
returns as is (1,568 rows: 54 ms, against 0.7 s as documents).
"""
from __future__ import annotations

import time
import zlib

import bson
from pymongo import MongoClient, ReturnDocument
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

BUCKETS = 1024
BUCKET_PREFIX = "entries_"
CHANGES_PER = 16
CHANGES_KEPT = 64  # collections: the last 1,024 changes stay readable
# what the rankings, summaries and dashboard read of an entry (its reviews, sections and contacts stay out)
ROW_FIELDS = ("competition_id", "status", "stage", "title", "agency", "province_code", "category", "cluster",
              "submitted_at", "day", "agg", "marks", "results", "notified")
PROJECTION = {name: 1 for name in ROW_FIELDS}


class CheckpointGone(Exception):
    """A checkpoint was dropped (a newer one replaced it) while it was being read."""


def row_of(doc: dict) -> dict:
    """The part of an entry document the web process keeps in memory."""
    return {"_id": doc["_id"], **{name: doc.get(name) for name in ROW_FIELDS}}


def change_id(seq: int) -> str:
    """A string, not an int: FerretDB looks up string `_id`s only through its index."""
    return f"{seq:012d}"


def chunk_id(number: int) -> str:
    return f"{number:08d}"


def changes_collection(seq: int) -> str:
    return f"changes_{seq // CHANGES_PER:08d}"


def bucket_name(entry_id: str) -> str:
    return f"{BUCKET_PREFIX}{zlib.crc32(entry_id.encode('utf-8')) % BUCKETS:03x}"


class Store:
    """One read model: competitions, entries in buckets, and the change log."""

    def __init__(self, db: Database):
        self.db = db
        self.name = db.name

    # entries
    def entry(self, entry_id: str) -> dict | None:
        return self.db[bucket_name(entry_id)].find_one({"_id": entry_id})

    def save_entry(self, doc: dict, new: bool = False) -> None:
        """Write an entry document; `new` ones are inserted (an insert does not scan the bucket, a replace does)."""
        bucket = self.db[bucket_name(doc["_id"])]
        if new:
            try:
                bucket.insert_one(doc)
                return
            except DuplicateKeyError:
                pass  # another writer got there first: replace it as usual
        bucket.replace_one({"_id": doc["_id"]}, doc, upsert=True)

    def rows(self, competition_id: str):
        """Every entry row of a competition (a scan of each bucket: done once per web process)."""
        for name in sorted(n for n in self.db.list_collection_names() if n.startswith(BUCKET_PREFIX)):
            yield from self.db[name].find({"competition_id": competition_id}, PROJECTION).batch_size(2000)

    # competitions
    def competition(self, competition_id: str) -> dict | None:
        return self.db.competitions.find_one({"_id": competition_id})

    def competitions(self) -> list[dict]:
        return list(self.db.competitions.find({}, {"definition.name": 1}).sort("_id", 1))

    def save_competition(self, doc: dict) -> None:
        self.db.competitions.replace_one({"_id": doc["_id"]}, doc, upsert=True)

    # checkpoints: a competition's rows at a sequence number, so a web process need not scan the buckets
    def checkpoint(self, competition_id: str):
        """The newest checkpoint's sequence number and an iterator over its rows, or None.

        The rows are read one chunk at a time (several chunks in one reply pass the wire
        protocol's 48 MB limit, and decoding them all at once would hold every row as dicts);
        the iterator raises CheckpointGone when a newer checkpoint dropped this one meanwhile.
        """
        pointer = self.db.checkpoints.find_one({"_id": competition_id})
        if pointer is None:
            return None
        collection, chunks = self.db[pointer["collection"]], pointer["chunks"]

        def rows():
            for number in range(chunks):
                chunk = collection.find_one({"_id": chunk_id(number)})
                if chunk is None:
                    raise CheckpointGone(pointer["collection"])
                yield from bson.decode(chunk["rows"])["rows"]
        return int(pointer["seq"]), rows()

    def save_checkpoint(self, competition_id: str, seq: int, rows, chunk_rows: int = 5000) -> None:
        """Write the rows (an iterable of row documents) as of `seq`, point at them, drop the previous ones."""
        name = f"checkpoint_{zlib.crc32(competition_id.encode('utf-8')):08x}_{seq:012d}"
        chunk, chunks = [], 0
        for row in rows:
            chunk.append(row)
            if len(chunk) == chunk_rows:
                chunks = self._chunk(name, chunks, chunk)
                chunk = []
        chunks = self._chunk(name, chunks, chunk) if chunk or not chunks else chunks
        previous = self.db.checkpoints.find_one({"_id": competition_id})
        self.db.checkpoints.replace_one({"_id": competition_id}, {"seq": seq, "collection": name, "chunks": chunks},
                                        upsert=True)
        if previous and previous["collection"] != name:
            self.db.drop_collection(previous["collection"])

    def _chunk(self, name: str, number: int, rows: list[dict]) -> int:
        self.db[name].insert_one({"_id": chunk_id(number), "rows": bson.Binary(bson.encode({"rows": rows}))})
        return number + 1

    # the change log
    def head(self) -> int:
        found = self.db.heads.find_one({"_id": "changes"})
        return int(found["seq"]) if found else 0

    def append_change(self, rows: list[dict], competitions: list[str]) -> int:
        """Announce changed rows and competitions under the next sequence number."""
        seq = int(self.db.heads.find_one_and_update({"_id": "changes"}, {"$inc": {"seq": 1}}, upsert=True,
                                                    return_document=ReturnDocument.AFTER)["seq"])
        self.db[changes_collection(seq)].insert_one({"_id": change_id(seq), "seq": seq, "competitions": competitions,
                                                     "rows": bson.Binary(bson.encode({"rows": rows})), "at": time.time()})
        if seq % CHANGES_PER == 0 and seq // CHANGES_PER >= CHANGES_KEPT:
            self.db.drop_collection(changes_collection(seq - CHANGES_PER * CHANGES_KEPT))
        return seq

    def change(self, seq: int) -> dict | None:
        """A change with its rows decoded, or None (not written yet, or dropped long ago)."""
        found = self.db[changes_collection(seq)].find_one({"_id": change_id(seq)})
        return {**found, "rows": bson.decode(found["rows"])["rows"]} if found else None


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

    def swap(self, store: Store) -> str:
        """Make `store` live; returns the name of the database it replaced."""
        previous = self.current_name()
        self.client[self.base_name].catalog.replace_one(
            {"_id": "current"}, {"database": store.name, "previous": previous, "swapped_at": time.time()}, upsert=True)
        self._cached = (0.0, store.name)
        return previous
