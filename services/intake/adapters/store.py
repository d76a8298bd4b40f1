"""intake's MongoDB adapter: competitions and entries, each carrying its own outbox, and screenings seen.

State changes are conditional single-document updates (`{"_id": ..., "status": ...}`), so of
two racing requests exactly one changes the entry; events ride in the same update through
`shared.mongo.outbox.write`, which also announces the document to the relay.
"""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from shared.mongo import outbox

LIST_HIDDEN = {"outbox": 0, "sections": 0, "idempotency_fingerprint": 0}


class Store:
    def __init__(self, db: Database):
        self.db = db
        self.competitions = db["competitions"]
        self.entries = db["entries"]
        self.screenings = db["screenings"]

    def ensure_indexes(self) -> None:
        """The outbox announcements and the list indexes (used by MongoDB; FerretDB scans anyway)."""
        for collection in (self.competitions, self.entries):
            outbox.ensure_indexes(collection)
        for scope in ("owner_region", "owner_province"):
            self.entries.create_index([("competition_id", ASCENDING), (scope, ASCENDING), ("_id", ASCENDING)])
        self.entries.create_index([("competition_id", ASCENDING), ("status", ASCENDING), ("_id", ASCENDING)])

    # competitions
    def get_competition(self, cid: str) -> dict | None:
        return self.competitions.find_one({"_id": cid}, {"outbox": 0})

    def save_competition(self, definition: dict, event: dict) -> None:
        """Replace the definition and queue its publication in one document update."""
        outbox.write(self.competitions, {"_id": definition["id"]}, {"$set": {"definition": definition}}, [event],
                     upsert=True)

    def list_competitions(self, after: str | None, limit: int) -> list[dict]:
        query = {"_id": {"$gt": after}} if after else {}
        return list(self.competitions.find(query, {"outbox": 0}).sort("_id", ASCENDING).limit(limit))

    # entries
    def insert_entry(self, entry: dict) -> bool:
        """Insert a new draft; False when an entry with its id exists already."""
        try:
            self.entries.insert_one(entry)
            return True
        except DuplicateKeyError:
            return False

    def get_entry(self, entry_id: str) -> dict | None:
        return self.entries.find_one({"_id": entry_id}, {"outbox": 0})

    def list_entries(self, cid: str, scope: dict, status: str | None, after: str | None, limit: int) -> list[dict]:
        query = {"competition_id": cid, **scope}
        if status:
            query["status"] = status
        if after:
            query["_id"] = {"$gt": after}
        return list(self.entries.find(query, LIST_HIDDEN).sort("_id", ASCENDING).limit(limit))

    def update_draft(self, entry_id: str, update: dict) -> bool:
        """Change the entry if it is still a draft; False when it no longer is."""
        return self.entries.update_one({"_id": entry_id, "status": "draft"}, update).matched_count == 1

    def change_with_event(self, entry_id: str, status: str, changes: dict, event: dict) -> bool:
        """Move the entry out of `status` and queue its event, in one update (DESIGN §7); False if it had left it."""
        result = outbox.write(self.entries, {"_id": entry_id, "status": status}, {"$set": changes}, [event])
        return result.matched_count == 1

    # screenings seen on <ns>.reviews
    def screening(self, entry_id: str) -> dict | None:
        """The screening decision review published for the entry, if any."""
        return self.screenings.find_one({"_id": entry_id})

    def record_screening(self, data: dict) -> None:
        """Remember the first screening decision of an entry (idempotent)."""
        self.screenings.update_one({"_id": data["entry_id"]}, {"$setOnInsert": {
            "competition_id": data["competition_id"], "stage": data["stage"], "decision": data["decision"],
            "reason": data.get("reason")}}, upsert=True)
