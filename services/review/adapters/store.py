"""review's MongoDB adapter: competitions, entries, judges, stages and the audit trail.

Entries and stages carry their own outbox; assignments live in `assignments.py`.
"""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import insert_once, upsert_where
from shared.mongo import outbox
from services.review.adapters.assignments import NO_OUTBOX, AssignmentStore
from services.review.adapters.jobs import JobStore
from services.review.adapters.panels import PanelStore
from services.review.adapters.results import ResultStore


class Store:
    def __init__(self, db: Database):
        self.db = db
        self.competitions = db["competitions"]
        self.entries = db["entries"]
        self.judges = db["judges"]
        self.stages = db["stages"]
        self.audit = db["audit"]
        self.assignments = AssignmentStore(db["assignments"], db["scores"])
        self.results = ResultStore(db)
        self.panels = PanelStore(db)
        self.jobs = JobStore(db)

    def ensure_indexes(self) -> None:
        for collection in (self.entries, self.stages, self.judges):  # assignments and scores: AssignmentStore
            outbox.ensure_indexes(collection)
        self.entries.create_index([("competition_id", ASCENDING), ("status", ASCENDING)])
        self.audit.create_index([("competition_id", ASCENDING), ("at", ASCENDING)])
        self.assignments.ensure_indexes()
        self.results.ensure_indexes()
        self.panels.ensure_indexes()
        self.jobs.ensure_indexes()

    # competitions, as published by intake
    def save_competition(self, definition: dict, published_at: str) -> bool:
        """Keep the definition unless a later publication is already stored."""
        return upsert_where(self.competitions, {"_id": definition["id"], "published_at": {"$lte": published_at}},
                            {"$set": {"definition": definition, "published_at": published_at}}) is not None

    def list_competitions(self) -> list[dict]:
        """Every published definition (a handful a year), in id order."""
        return [doc["definition"] for doc in self.competitions.find({}).sort("_id", ASCENDING) if "definition" in doc]

    def get_competition(self, cid: str) -> dict | None:
        found = self.competitions.find_one({"_id": cid})
        return found["definition"] if found else None

    # entries, copied from kipp.entries
    def save_submitted(self, entry_id: str, fields: dict) -> bool:
        """Store a submission unless this or a later revision is stored, or the entry was withdrawn."""
        return upsert_where(self.entries, {"_id": entry_id, "revision": {"$lt": fields["revision"]},
                                           "status": {"$ne": "withdrawn"}}, {"$set": fields}) is not None

    def mark_withdrawn(self, entry_id: str, competition_id: str, fields: dict) -> None:
        if not self.entries.update_one({"_id": entry_id}, {"$set": fields}).matched_count:
            placeholder = {"competition_id": competition_id, "revision": 0}  # a withdrawal seen before its entry
            self.entries.update_one({"_id": entry_id}, {"$set": fields, "$setOnInsert": placeholder}, upsert=True)

    def get_entry(self, entry_id: str) -> dict | None:
        return self.entries.find_one({"_id": entry_id}, NO_OUTBOX)

    def entries_by_id(self, cid: str, entry_ids: list[str]) -> dict[str, dict]:
        """The competition's entries among `entry_ids` (read by the indexed competition, then by id)."""
        query = {"competition_id": cid, "_id": {"$in": list(entry_ids)}}
        return {e["_id"]: e for e in self.entries.find(query, NO_OUTBOX)}

    def competition_entries(self, cid: str, status: str | None = None, after: str | None = None,
                            fields: dict | None = None) -> list[dict]:
        """The competition's entries in id order, without their sections (or only `fields`)."""
        query = {"competition_id": cid, **({"status": status} if status else {})}
        if after:
            query["_id"] = {"$gt": after}
        return list(self.entries.find(query, fields or {"outbox": 0, "sections": 0}).sort("_id", ASCENDING))

    def update_entry(self, entry_id: str, changes: dict, events: list[dict], expect: dict | None = None) -> bool:
        """Apply `changes` and queue `events` in one document update; False if `expect` no longer holds."""
        result = outbox.write(self.entries, {"_id": entry_id, **(expect or {})}, {"$set": changes}, events)
        return result.matched_count == 1

    # judges
    def insert_judge(self, judge: dict, events: list[dict]) -> bool:
        """Register a judge with its events (in the document's outbox); False when the id is taken."""
        return insert_once(self.judges, outbox.with_events(judge, events))

    def get_judge(self, judge_id: str) -> dict | None:
        return self.judges.find_one({"_id": judge_id})

    def list_judges(self, limit: int, after: str | None = None) -> list[dict]:
        query = {"_id": {"$gt": after}} if after else {}
        return list(self.judges.find(query).sort("_id", ASCENDING).limit(limit))

    def all_judges(self, include_inactive: bool = False) -> list[dict]:
        """The registry (a few hundred judges at most), active ones only unless asked, in id order."""
        query = {} if include_inactive else {"active": {"$ne": False}}
        return list(self.judges.find(query, NO_OUTBOX).sort("_id", ASCENDING))

    # stages: one document per competition and stage, with its outbox
    def get_stage(self, cid: str, stage: str) -> dict:
        return self.stages.find_one({"_id": f"{cid}:{stage}"}, NO_OUTBOX) or {"status": "open"}

    def begin_run(self, cid: str, stage: str) -> int:
        """The number of this assignment run; an unfinished (crashed) run is resumed, not restarted."""
        key = self._stage(cid, stage)
        current = self.stages.find_one({"_id": key}, {"runs": 1, "run_open": 1})
        if current.get("run_open"):
            return int(current["run_open"])
        run = int(current.get("runs") or 0) + 1
        if not self.stages.update_one({"_id": key, "runs": current.get("runs") or 0},
                                      {"$set": {"runs": run, "run_open": run}}).matched_count:
            return self.begin_run(cid, stage)  # another run started meanwhile: join it
        return run

    def finish_run(self, cid: str, stage: str, run: int) -> None:
        self.stages.update_one({"_id": f"{cid}:{stage}", "run_open": run}, {"$set": {"run_open": None}})

    def mark_stage(self, cid: str, stage: str, changes: dict, events: list[dict] = (),
                   expect: dict | None = None) -> bool:
        """Set fields on the stage document and queue events, in one update; False if `expect` fails."""
        query = {"_id": self._stage(cid, stage), **(expect or {})}
        return outbox.write(self.stages, query, {"$set": changes}, list(events)).matched_count == 1

    def _stage(self, cid: str, stage: str) -> str:
        """The stage document's id, creating the document (open) if it is missing."""
        key = f"{cid}:{stage}"
        insert_once(self.stages, {"_id": key, "competition_id": cid, "stage": stage, "status": "open", "runs": 0,
                                  "run_open": None})
        return key

    # audit trail
    def add_audit(self, *records: dict) -> None:
        if records:
            self.audit.insert_many(list(records))

    def list_audit(self, cid: str, limit: int | None, after: str | None = None, **match) -> list[dict]:
        """The competition's trail in time order; `match` narrows it by fields (action, by); no limit: all."""
        query = {"competition_id": cid, **{k: v for k, v in match.items() if v},
                 **({"_id": {"$gt": after}} if after else {})}
        found = self.audit.find(query).sort([("_id", ASCENDING)])
        return list(found.limit(limit) if limit else found)

