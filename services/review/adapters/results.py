"""review's MongoDB adapter for stage results: shortlists (one per stage) and objections."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import insert_once



class ResultStore:
    def __init__(self, db: Database):
        self.shortlists = db["shortlists"]
        self.objections = db["objections"]

    def ensure_indexes(self) -> None:
        self.objections.create_index([("competition_id", ASCENDING), ("stage", ASCENDING), ("entry_id", ASCENDING)])

    def shortlist(self, cid: str, stage: str) -> dict | None:
        return self.shortlists.find_one({"_id": f"{cid}:{stage}"})

    def save_proposal(self, cid: str, stage: str, proposal: dict) -> bool:
        """Keep a proposal unless the stage's list was already published (False then)."""
        key = f"{cid}:{stage}"
        if self.shortlists.update_one({"_id": key, "status": "proposed"}, {"$set": proposal}).matched_count:
            return True
        # False: published meanwhile, or being published
        return insert_once(self.shortlists, {"_id": key, "competition_id": cid, "stage": stage, "excluded": [],
                                             **proposal})

    def mark(self, cid: str, stage: str, changes: dict, expect: dict) -> bool:
        return self.shortlists.update_one({"_id": f"{cid}:{stage}", **expect}, {"$set": changes}).matched_count == 1

    def replace_picks(self, cid: str, stage: str, picks: list[dict], removed: str) -> None:
        """The list after an upheld objection: its picks, and the removed entry barred for good."""
        self.shortlists.update_one({"_id": f"{cid}:{stage}"},
                                   {"$set": {"picks": picks}, "$push": {"excluded": removed}})

    def insert_objection(self, doc: dict) -> bool:
        return insert_once(self.objections, doc)

    def objection(self, oid: str) -> dict | None:
        return self.objections.find_one({"_id": oid})

    def objections_of(self, cid: str, stage: str, entry_id: str | None = None) -> list[dict]:
        query = {"competition_id": cid, "stage": stage, **({"entry_id": entry_id} if entry_id else {})}
        return list(self.objections.find(query).sort("filed_at", ASCENDING))

    def close_objection(self, oid: str, resolved: dict) -> bool:
        """Record the resolution if the objection is still open."""
        changes = {k: resolved[k] for k in ("status", "resolution_reason", "resolved_by", "resolved_at")}
        return self.objections.update_one({"_id": oid, "status": "open"}, {"$set": changes}).matched_count == 1
