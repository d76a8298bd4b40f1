"""Deliveries in MongoDB: one document per (event, recipient), `_id` = the delivery id, moved
through its states by conditional single-document updates.

- queued: waiting for a sender; `available_at` is the moment any sender may take it;
- claimed: still queued, but one sender holds it for one attempt (`claim` names that attempt,
  `available_at` is the end of its lease); once the lease has run out another sender may take
  it over, so a sender that died mid-attempt delays the mail and loses nothing;
- sent or failed: final, with the SMTP reply and the outcome event in the document's outbox
  (the same update); or queued again for a retry, `available_at` = the next attempt's time.

Only the holder of the current claim can settle an attempt, and a settled delivery is never
claimed again, so each message goes out once; only a crash between the server's reply and the
settling update can repeat it, with the same Message-ID (DESIGN §7). Senders find due work
with an equality on `status` (indexed) and `available_at` ≤ now over the queued ones.
"""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.database import Database
from pymongo.errors import PyMongoError

from shared.mongo.claims import insert_new
from shared.mongo import outbox

HIDDEN = {"context": 0, "outbox": 0}
RECORD_RETRY_SECONDS = 1.0
# readiness counts unsettled deliveries up to this many: "is there a backlog" needs no more, and
# FerretDB reads every document it counts (20,000 queued: 5 s counted in full, 1 s up to 1,000)
BACKLOG_COUNTED_UP_TO = 1_000
NEWEST_FIRST = [("created_at", DESCENDING), ("_id", DESCENDING)]


def due_query(now: datetime) -> dict:
    """The deliveries a sender may take at `now`: queued, and due or with a lapsed lease."""
    return {"status": "queued", "available_at": {"$lte": now}}


def stored(delivery: dict) -> dict:
    """A new delivery as it is stored: queued, unclaimed, available from its first attempt's time."""
    return {**delivery, "status": "queued", "available_at": delivery["next_attempt_at"], "claim": None}


def newer_than(after: tuple[datetime, str] | None) -> dict:
    """The keyset condition for rows after the cursor `(created_at, id)`, newest first."""
    if after is None:
        return {}
    at, ident = after
    return {"$or": [{"created_at": {"$lt": at}}, {"created_at": at, "_id": {"$lt": ident}}]}


def _within_lease(claimed: dict, write) -> bool:
    """Run `write`, the update that settles an attempt (True when it matched the claim), trying again while
    the store is unreachable until the claim's lease (`lease_ends`, the sender's monotonic clock) is nearly
    over: an outcome not recorded lets another sender take the delivery over and, after a 250, send the
    message a second time."""
    while True:
        try:
            return write().matched_count == 1
        except PyMongoError:
            if time.monotonic() + 2 * RECORD_RETRY_SECONDS >= claimed["lease_ends"]:
                raise
            time.sleep(RECORD_RETRY_SECONDS)


class Deliveries:
    def __init__(self, db: Database):
        self.collection = db["deliveries"]

    def ensure_indexes(self) -> None:
        outbox.ensure_indexes(self.collection)
        self.collection.create_index([("status", ASCENDING), ("available_at", ASCENDING)])
        self.collection.create_index("entry_ids")
        self.collection.create_index("regions")
        self.collection.create_index(NEWEST_FIRST)

    def enqueue(self, deliveries: list[dict]) -> list[str]:
        """Record deliveries as queued; returns the ids that are new (a redelivered event adds none)."""
        docs = [stored(d) for d in deliveries]
        known = insert_new(self.collection, docs)
        return [d["_id"] for d in docs if d["_id"] not in known]

    def due(self, now: datetime, limit: int) -> list[str]:
        """Ids of deliveries a sender may take now: first attempts, retries that fell due, lapsed claims."""
        return [d["_id"] for d in self.collection.find(due_query(now), {"_id": 1}).limit(limit)]

    def claim(self, delivery_id: str, now: datetime, lease_seconds: float) -> dict | None:
        """Take the delivery for one attempt; the delivery as claimed, or None when it is not due,
        another sender holds it, or it is settled."""
        hold = {"claim": uuid.uuid4().hex, "available_at": now + timedelta(seconds=lease_seconds)}
        return self.collection.find_one_and_update({"_id": delivery_id, **due_query(now)}, {"$set": hold},
                                                   return_document=ReturnDocument.AFTER)

    def renew(self, claimed: dict, now: datetime, lease_seconds: float) -> bool:
        """Extend the claim's lease while its attempt goes on; False when the claim is no longer held."""
        until = now + timedelta(seconds=lease_seconds)
        return self.collection.update_one({"_id": claimed["_id"], "claim": claimed["claim"], "status": "queued"},
                                          {"$set": {"available_at": until}}).matched_count == 1

    def reschedule(self, claimed: dict, error: str, at: datetime, now: datetime) -> bool:
        """Give the claim back with the attempt's error; the next attempt is due at `at`. False if the claim was
        lost; kept trying while the store is unreachable, until the claim's lease is nearly over."""
        changes = {"claim": None, "available_at": at, "next_attempt_at": at, "error": error, "updated_at": now}
        return _within_lease(claimed, lambda: self.collection.update_one(
            {"_id": claimed["_id"], "claim": claimed["claim"]}, {"$set": changes, "$inc": {"attempts": 1}}))

    def finish(self, claimed: dict, status: str, reply: str | None, error: str | None, event: dict,
               now: datetime) -> bool:
        """Record the final state with its outcome event, in one update; False if the claim was lost; kept
        trying while the store is unreachable, until the claim's lease is nearly over."""
        changes = {"status": status, "claim": None, "available_at": None, "next_attempt_at": None,
                   "smtp_reply": reply, "error": error, "updated_at": now, f"{status}_at": now}
        update = {"$set": changes, "$inc": {"attempts": 1}, "$unset": {"context": ""}}
        return _within_lease(claimed, lambda: outbox.write(
            self.collection, {"_id": claimed["_id"], "claim": claimed["claim"]}, update, [event]))

    def get(self, delivery_id: str) -> dict | None:
        return self.collection.find_one({"_id": delivery_id}, HIDDEN)

    def page(self, query: dict, limit: int, after: tuple[datetime, str] | None) -> list[dict]:
        """Newest first, at most `limit` + 1 rows after the cursor."""
        found = self.collection.find({**query, **newer_than(after)}, HIDDEN)
        return list(found.sort(NEWEST_FIRST).limit(limit + 1))

    def backlog(self) -> int:
        """Deliveries not yet settled (up to BACKLOG_COUNTED_UP_TO), plus settled ones whose outcome
        is not yet published."""
        unsettled = self.collection.count_documents({"status": "queued"}, limit=BACKLOG_COUNTED_UP_TO)
        return unsettled + outbox.backlog(self.collection)
