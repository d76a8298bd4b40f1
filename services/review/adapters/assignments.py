"""review's MongoDB adapter for assignments (each created with its event in its own outbox)
and their score revisions (one document per revision, each with its kipp.review.scored)."""
from __future__ import annotations

from pymongo import ASCENDING, DESCENDING
from pymongo.collection import Collection

from shared.mongo.claims import insert_new, insert_once
from shared.mongo import outbox
from services.review.domain.assignments import SHOWN
from services.review.domain.scores import LIVE

CHUNK = 500
NO_OUTBOX = {"outbox": 0}
LISTED = dict.fromkeys(SHOWN, 1)  # what a list shows of each assignment


class AssignmentStore:
    def __init__(self, collection: Collection, revisions: Collection):
        self.collection = collection
        self.revisions = revisions

    def ensure_indexes(self) -> None:
        for collection in (self.collection, self.revisions):
            outbox.ensure_indexes(collection)
        self.collection.create_index([("competition_id", ASCENDING), ("stage", ASCENDING), ("status", ASCENDING)])
        self.collection.create_index([("judge_id", ASCENDING), ("competition_id", ASCENDING), ("stage", ASCENDING)])
        self.collection.create_index([("entry_id", ASCENDING)])
        self.revisions.create_index([("assignment_id", ASCENDING), ("revision", ASCENDING)], unique=True)
        self.revisions.create_index([("competition_id", ASCENDING), ("stage", ASCENDING)])

    def get(self, aid: str) -> dict | None:
        return self.collection.find_one({"_id": aid}, NO_OUTBOX)

    def of_stage(self, cid: str, stage: str) -> list[dict]:
        """Every assignment of a stage, without scores: what planning and progress need."""
        fields = {"entry_id": 1, "judge_id": 1, "status": 1, "run": 1, "due_at": 1}
        return list(self.collection.find({"competition_id": cid, "stage": stage}, fields))

    def insert_new(self, docs: list[dict], stored: dict[str, str], progress=None) -> int:
        """Insert the documents not among `stored` (id → status; ids are deterministic, and one written
        meanwhile is skipped) and revive planned ones a crashed run had cancelled; returns how many
        were new."""
        fresh = [d for d in docs if d["_id"] not in stored]
        self._set_status([d["_id"] for d in docs if stored.get(d["_id"]) == "cancelled"], "cancelled", "pending")
        inserted = 0
        for start in range(0, len(fresh), CHUNK):
            chunk = fresh[start:start + CHUNK]
            inserted += self._insert(chunk)
            if progress:
                progress(min(start + CHUNK, len(fresh)), len(fresh))
        return inserted

    def of_judge(self, judge_id: str, within: dict) -> list[dict]:
        """A judge's assignments (within a competition or stage, if `within` names them), as lists show them."""
        return list(self.collection.find({"judge_id": judge_id, **within}, LISTED))

    def _insert(self, docs: list[dict]) -> int:
        # those that existed were written meanwhile by a concurrent run: the same documents
        return len(docs) - len(insert_new(self.collection, docs))

    def cancel_leftovers(self, cid: str, stage: str, run: int, keep: set[str]) -> int:
        """Pending assignments of an unfinished run that the resumed run no longer plans."""
        query = {"competition_id": cid, "stage": stage, "run": run, "status": "pending"}
        stale = [d["_id"] for d in self.collection.find(query, {"_id": 1}) if d["_id"] not in keep]
        return self._set_status(stale, "pending", "cancelled")

    def page(self, query: dict, limit: int, after: str | None = None) -> list[dict]:
        if after:
            query = {**query, "_id": {"$gt": after}}
        return list(self.collection.find(query, NO_OUTBOX).sort("_id", ASCENDING).limit(limit))

    def counts(self, query: dict) -> dict:
        """How many assignments match `query`, by status."""
        groups = self.collection.aggregate([{"$match": query}, {"$group": {"_id": "$status", "n": {"$sum": 1}}}])
        return {group["_id"]: group["n"] for group in groups}

    def recuse(self, assignment: dict, recusal: dict) -> bool:
        changes = {"status": "recused", "recusal": recusal}
        query = {"_id": assignment["_id"], "status": "pending"}
        return self.collection.update_one(query, {"$set": changes}).matched_count == 1

    def withdraw_entry(self, entry_id: str) -> int:
        """Take a withdrawn entry out of unfinished work: its pending assignments stop counting."""
        return self.collection.update_many({"entry_id": entry_id, "status": "pending"},
                                           {"$set": {"status": "withdrawn"}}).modified_count

    def _set_status(self, ids: list[str], before: str, after: str) -> int:
        """Move the assignments `ids` that are still `before` to `after`."""
        if not ids:
            return 0
        return self.collection.update_many({"_id": {"$in": ids}, "status": before},
                                           {"$set": {"status": after}}).modified_count

    def entries_with_live_work(self, cid: str, entry_ids: list[str]) -> set[str]:
        """Of the competition's `entry_ids`, those with a pending or scored assignment in any stage."""
        query = {"competition_id": cid, "entry_id": {"$in": list(entry_ids)}, "status": {"$in": LIVE}}
        return {d["entry_id"] for d in self.collection.find(query, {"entry_id": 1})}

    # score revisions: inserted, never updated, so concurrent revisions cannot overwrite each other
    def add_revision(self, doc: dict, event: dict) -> bool:
        """Store a revision with its event in its outbox; False when that number is taken."""
        return insert_once(self.revisions, outbox.with_events(doc, [event]))

    def history(self, aid: str) -> list[dict]:
        return list(self.revisions.find({"assignment_id": aid}, NO_OUTBOX).sort("revision", ASCENDING))

    def latest(self, aid: str) -> dict | None:
        found = list(self.revisions.find({"assignment_id": aid}, NO_OUTBOX).sort("revision", DESCENDING).limit(1))
        return found[0] if found else None

    def mark_scored(self, assignment: dict, summary: dict) -> None:
        """Keep the assignment's summary (status, revision, total) at its latest revision."""
        behind = {"_id": assignment["_id"], "status": {"$in": LIVE}, "revision": {"$lt": summary["revision"]}}
        self.collection.update_one(behind, {"$set": {"status": "scored", **summary}})

    def latest_of_stage(self, cid: str, stage: str) -> list[dict]:
        """The latest revision of every scored assignment of a stage."""
        latest: dict[str, dict] = {}
        fields = {"assignment_id": 1, "entry_id": 1, "judge_id": 1, "scores": 1, "total": 1, "revision": 1}
        for doc in self.revisions.find({"competition_id": cid, "stage": stage}, fields):
            if doc["revision"] > latest.get(doc["assignment_id"], {}).get("revision", 0):
                latest[doc["assignment_id"]] = doc
        return list(latest.values())
