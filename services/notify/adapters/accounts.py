"""The sign-in desk's collections: accounts (with the outbox of their events), one-time links, rate counts.

Links and counts are keyed by what the desk looks them up by (the SHA-256 of a link's secret, the
address or client with its window), so every read and write is an equality on `_id`. A link is used by
one conditional update (unused and unexpired → used), so two clicks sign in once. The demo's links
(`reusable`) are the exception only where NOTIFY_DEMO_LINKS=1 says so (`honour_reusable`).
"""
from __future__ import annotations

from datetime import datetime

from pymongo import ASCENDING, ReturnDocument
from pymongo.database import Database

from shared.mongo import outbox

HIDDEN = {"outbox": 0, "outbox_pending": 0}


def usable(key: str, now: datetime, honour_reusable: bool) -> dict:
    """A link not yet used and not expired; with `honour_reusable` (NOTIFY_DEMO_LINKS=1) a demo link also when
    used before. Without it a link stored as reusable is used up like any other."""
    if not honour_reusable:
        return {"_id": key, "expires_at": {"$gt": now}, "used_at": None}
    return {"_id": key, "expires_at": {"$gt": now}, "$or": [{"used_at": None}, {"reusable": True}]}


class Accounts:
    def __init__(self, db: Database, honour_reusable: bool = False):
        self.honour_reusable = honour_reusable
        self.accounts = db["accounts"]
        self.links = db["signin_links"]
        self.counts = db["signin_counts"]

    def ensure_indexes(self) -> None:
        outbox.ensure_indexes(self.accounts)
        self.accounts.create_index("judge_id")
        self.accounts.create_index("role")
        self.links.create_index("expires_at")
        self.counts.create_index("window")

    # accounts (`_id` = the address)
    def get(self, email: str) -> dict | None:
        return self.accounts.find_one({"_id": email}, HIDDEN)

    def save(self, record: dict, event: dict) -> None:
        """Create or replace an account's fields, its `kipp.account.changed` riding in the same update."""
        fields = {k: v for k, v in record.items() if k != "_id"}
        outbox.write(self.accounts, {"_id": record["_id"]}, {"$set": fields, "$setOnInsert": {"created_at": record["updated_at"]}},
                     [event], upsert=True)

    def of_judge(self, judge_id: str) -> list[dict]:
        return list(self.accounts.find({"judge_id": judge_id}, HIDDEN))

    def page(self, role: str | None, limit: int, after: str | None) -> list[dict]:
        """Accounts in address order, at most `limit` + 1 after the cursor (one role's, when given)."""
        query = {"role": role} if role else {}
        if after:
            query["_id"] = {"$gt": after}
        return list(self.accounts.find(query, HIDDEN).sort("_id", ASCENDING).limit(limit + 1))

    def note_sign_out(self, email: str, event: dict, now: datetime) -> None:
        """Record a sign-out on the account, its `kipp.account.signed_out` in the same update."""
        outbox.write(self.accounts, {"_id": email}, {"$set": {"signed_out_at": now}}, [event])

    # one-time links (`_id` = SHA-256 of the secret)
    def add_link(self, link: dict) -> None:
        self.links.insert_one(link)

    def peek_link(self, key: str, now: datetime) -> dict | None:
        """The link while it can still be used."""
        return self.links.find_one(usable(key, now, self.honour_reusable))

    def use_link(self, key: str, now: datetime) -> dict | None:
        """Use the link once: the link as it was, or None when it is used, expired or unknown."""
        return self.links.find_one_and_update(usable(key, now, self.honour_reusable), {"$set": {"used_at": now}},
                                              return_document=ReturnDocument.BEFORE)

    def forget_links_before(self, now: datetime) -> None:
        self.links.delete_many({"expires_at": {"$lt": now}})

    # rate counts (`_id` = kind:key:window)
    def count(self, kind: str, key: str, window: str) -> int:
        """Add one request to the count of `key` in `window`; the count now."""
        found = self.counts.find_one_and_update({"_id": f"{kind}:{key}:{window}"},
                                                {"$inc": {"n": 1}, "$set": {"window": window}},
                                                upsert=True, return_document=ReturnDocument.AFTER)
        return int(found["n"])

    def forget_counts_except(self, window: str) -> None:
        self.counts.delete_many({"window": {"$ne": window}})
