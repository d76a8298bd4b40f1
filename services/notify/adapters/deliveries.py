"""Deliveries in MongoDB, written so that no hot path updates a document in a large collection.

FerretDB 1.24 (SQLite) finds and inserts by `_id` in constant time, but every update or
delete costs time in proportion to the collection's size. So a delivery moves through
insert-only steps, each guarded by a unique `_id`:

- `pending`: one work item per attempt (`<delivery id>:<attempt>`), inserted when queued or
  rescheduled, deleted in batches once the attempt is settled;
- `claims`: `<item id>` inserted by the one sender that makes that attempt (with a lease; an
  expired, unsettled claim is taken over as `<item id>~<n>`);
- `deliveries`: the final record (`_id` = delivery id: sent or failed, the SMTP reply, and the
  outcome event in its outbox), written once; the outcome counts as published when its work
  item is gone.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

DUPLICATE_KEY = 11000
ITEM_FIELDS = ("delivery_id", "attempt", "not_before", "scan_after", "last_error")
HIDDEN = {"context": 0, "outbox": 0}


def insert_new(collection: Collection, docs: list[dict]) -> None:
    """Insert docs, ignoring those whose `_id` exists already (a redelivered event)."""
    if not docs:
        return
    try:
        collection.insert_many(docs, ordered=False)
    except BulkWriteError as exc:
        if any(error.get("code") != DUPLICATE_KEY for error in exc.details.get("writeErrors", [])):
            raise


def work_item(source: dict, attempt: int, not_before: datetime, scan_after: datetime,
              last_error: str | None = None) -> dict:
    """Attempt `attempt` of a delivery (`source` is the delivery or its previous attempt)."""
    delivery_id = source.get("delivery_id") or source["_id"]
    fields = {k: v for k, v in source.items() if k not in ITEM_FIELDS and k != "_id"}
    return {**fields, "_id": f"{delivery_id}:{attempt}", "delivery_id": delivery_id, "attempt": attempt,
            "not_before": not_before, "scan_after": scan_after, "last_error": last_error}


class Deliveries:
    def __init__(self, db: Database):
        self.pending = db["pending"]
        self.claims = db["claims"]
        self.log = db["deliveries"]

    def ensure_indexes(self) -> None:
        self.pending.create_index("scan_after")
        self.pending.create_index("delivery_id")
        self.log.create_index([("created_at", DESCENDING), ("_id", DESCENDING)])
        self.log.create_index("entry_ids")
        self.log.create_index("regions")
        self.log.create_index("status")

    # --- the work list -----------------------------------------------------------------
    def enqueue(self, deliveries: list[dict], scan_after: datetime) -> list[dict]:
        """Queue first attempts; returns their work items (for the sender to take at once)."""
        items = [work_item(d, 0, d["created_at"], scan_after) for d in deliveries]
        insert_new(self.pending, items)
        return items

    def due(self, now: datetime, limit: int, first_attempts_too: bool = False) -> list[dict]:
        """Work items a scan may take now (after a restart also every first attempt)."""
        query = {"scan_after": {"$lte": now}}
        if first_attempts_too:
            query = {"$or": [query, {"attempt": 0}]}
        return list(self.pending.find(query).limit(limit))

    def backlog(self) -> int:
        return self.pending.estimated_document_count()

    def retry(self, item: dict, error: str, at: datetime) -> None:
        """The next attempt, due at `at`; the failed one is dropped with the next batch."""
        insert_new(self.pending, [work_item(item, item["attempt"] + 1, at, at, error)])

    def done(self, item_ids: list[str]) -> None:
        """Settled attempts leave the work list (one delete for the whole batch)."""
        if item_ids:
            self.pending.delete_many({"_id": {"$in": item_ids}})

    # --- claims --------------------------------------------------------------------------
    def claim(self, item: dict, now: datetime, lease_seconds: float) -> str:
        """'claimed' (send it), 'held' (another sender has it) or 'settled' (nothing left to send)."""
        key, generation = item["_id"], 0
        while True:
            try:
                self.claims.insert_one({"_id": key, "at": now, "lease_until": now + timedelta(seconds=lease_seconds)})
                return "claimed"
            except DuplicateKeyError:
                if self.settled(item):  # a redelivered event, or a crash before the clean-up
                    return "settled"
                held = self.claims.find_one({"_id": key})
            if held and held["lease_until"] > now:
                return "held"
            generation += 1  # its sender died mid-attempt: take the attempt over
            key = f"{item['_id']}~{generation}"

    def settled(self, item: dict) -> bool:
        """The attempt's consequence is durable: a final record, or a later attempt queued."""
        if self.log.find_one({"_id": item["delivery_id"]}, {"_id": 1}):
            return True
        return self.pending.find_one({"delivery_id": item["delivery_id"], "attempt": {"$gt": item["attempt"]}},
                                     {"_id": 1}) is not None

    # --- final records -------------------------------------------------------------------
    def finish(self, item: dict, status: str, reply: str | None, error: str | None, event: dict,
               now: datetime) -> bool:
        """Write the final record with its outcome event; False if the delivery was finished already."""
        record = {k: v for k, v in item.items() if k not in ITEM_FIELDS}
        record.update(_id=item["delivery_id"], status=status, smtp_reply=reply, error=error, next_attempt_at=None,
                      attempts=item["attempt"] + 1, updated_at=now, outbox=[event])
        record[f"{status}_at"] = now
        try:
            self.log.insert_one(record)
            return True
        except DuplicateKeyError:
            return False

    def final(self, delivery_id: str) -> dict | None:
        return self.log.find_one({"_id": delivery_id})

    def current(self, delivery_id: str) -> dict | None:
        """The final record, or the latest queued attempt."""
        found = self.final(delivery_id)
        if found:
            return found
        items = list(self.pending.find({"delivery_id": delivery_id}).sort("attempt", DESCENDING).limit(1))
        return as_record(items[0]) if items else None

    def page(self, query: dict, limit: int, after: tuple[datetime, str] | None) -> list[dict]:
        """Newest first, at most `limit` + 1 rows, merged from final records and queued attempts."""
        wanted = query.get("status")
        keyset = {}
        if after is not None:
            at, ident = after
            keyset = {"$or": [{"created_at": {"$lt": at}}, {"created_at": at, "_id": {"$lt": ident}}]}
        order = [("created_at", DESCENDING), ("_id", DESCENDING)]
        rows = [] if wanted == "queued" else list(self.log.find({**query, **keyset}, HIDDEN).sort(order).limit(limit + 1))
        if wanted in (None, "queued"):
            waiting = {k: v for k, v in query.items() if k != "status"}
            latest: dict[str, dict] = {}
            for item in self.pending.find(waiting, HIDDEN).sort("attempt", ASCENDING):
                latest[item["delivery_id"]] = as_record(item)
            rows += [r for r in latest.values() if _after_ok(r, after) and not self.final(r["_id"])]
        rows.sort(key=lambda r: (r["created_at"], r["_id"]), reverse=True)
        return rows[:limit + 1]


def as_record(item: dict) -> dict:
    """A queued attempt shown as a delivery record."""
    record = {k: v for k, v in item.items() if k not in ITEM_FIELDS}
    record.update(_id=item["delivery_id"], status="queued", attempts=item["attempt"], error=item.get("last_error"),
                  next_attempt_at=item["not_before"])
    return record


def _after_ok(row: dict, after) -> bool:
    return after is None or (row["created_at"], row["_id"]) < after
