"""intake's MongoDB adapter: competitions and entries, each carrying its own outbox."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

from shared.mongo import outbox


class Store:
    def __init__(self, db: Database):
        self.db = db
        self.competitions = db["competitions"]
        self.entries = db["entries"]

    def ensure_indexes(self) -> None:
        for collection in (self.competitions, self.entries):
            outbox.ensure_indexes(collection)
        self.entries.create_index([("competition_id", ASCENDING), ("status", ASCENDING)])
        self.entries.create_index([("competition_id", ASCENDING), ("province_code", ASCENDING)])

    # competitions
    def get_competition(self, cid: str) -> dict | None:
        return self.competitions.find_one({"_id": cid}, {"outbox": 0})

    def save_competition(self, definition: dict, event: dict) -> None:
        """Replace the definition and queue its publication in one document update."""
        update = outbox.merge_updates({"$set": {"definition": definition}}, outbox.outbox_update([event]))
        self.competitions.update_one({"_id": definition["id"]}, update, upsert=True)

    def list_competitions(self) -> list[dict]:
        return list(self.competitions.find({}, {"outbox": 0}).sort("_id", ASCENDING))

    # entries
    def insert_entry(self, entry: dict) -> bool:
        try:
            self.entries.insert_one(entry)
            return True
        except DuplicateKeyError:
            return False

    def get_entry(self, entry_id: str) -> dict | None:
        return self.entries.find_one({"_id": entry_id}, {"outbox": 0})

    def submit_entry(self, entry_id: str, changes: dict, event: dict) -> bool:
        """Mark a draft submitted and queue its event; False if it was no longer a draft."""
        update = outbox.merge_updates({"$set": changes}, outbox.outbox_update([event]))
        result = self.entries.update_one({"_id": entry_id, "status": "draft"}, update)
        return result.modified_count == 1
