"""review's MongoDB adapter for the console's long jobs: one document per job, which the page polls."""
from __future__ import annotations

from datetime import datetime, timezone

from pymongo import ASCENDING
from pymongo.database import Database


class JobStore:
    def __init__(self, db: Database):
        self.jobs = db["jobs"]

    def ensure_indexes(self) -> None:
        self.jobs.create_index([("competition_id", ASCENDING), ("kind", ASCENDING)])

    def create(self, doc: dict) -> None:
        self.jobs.insert_one(doc)

    def get(self, job_id: str) -> dict | None:
        return self.jobs.find_one({"_id": job_id})

    def update(self, job_id: str, changes: dict) -> None:
        """Record progress or the outcome, and that the job is alive now (its heartbeat)."""
        self.jobs.update_one({"_id": job_id}, {"$set": {**changes, "updated_at": datetime.now(timezone.utc)}})

    def latest(self, cid: str, kind: str, stage: str | None = None) -> dict | None:
        """The competition's most recent job of this kind (of `stage`, when given), read by the indexed
        competition and kind."""
        found = [d for d in self.jobs.find({"competition_id": cid, "kind": kind}) if stage is None or d.get("stage") == stage]
        return max(found, key=lambda d: d["created_at"]) if found else None
