"""review's MongoDB adapter for panels (one document per competition, stage and judge, each change
with its event in the document's outbox) and for reminders sent to late judges."""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import upsert_where
from shared.mongo import outbox
from services.review.domain.panels import APPOINTED, appointment_id

NO_OUTBOX = {"outbox": 0}


class PanelStore:
    def __init__(self, db: Database):
        self.panels = db["panels"]
        self.reminders = db["reminders"]

    def ensure_indexes(self) -> None:
        for collection in (self.panels, self.reminders):
            outbox.ensure_indexes(collection)
        self.panels.create_index([("competition_id", ASCENDING), ("stage", ASCENDING)])
        self.panels.create_index([("judge_id", ASCENDING)])
        self.reminders.create_index([("competition_id", ASCENDING), ("stage", ASCENDING)])

    def of_stage(self, cid: str, stage: str) -> list[dict]:
        """Every appointment of the stage, appointed or released (read by the indexed competition and stage)."""
        return list(self.panels.find({"competition_id": cid, "stage": stage}, NO_OUTBOX).sort("_id", ASCENDING))

    def of_judge(self, judge_id: str) -> list[dict]:
        return list(self.panels.find({"judge_id": judge_id}, NO_OUTBOX))

    def appoint(self, fields: dict, event: dict) -> bool:
        """Appoint (a new or a released appointment) with its event; False when already appointed."""
        key = appointment_id(fields["competition_id"], fields["stage"], fields["judge_id"])
        # None: the document exists and is appointed, nothing to do
        return upsert_where(self.panels, {"_id": key, "status": {"$ne": APPOINTED}},
                            outbox.update_with_events({"$set": fields}, [event])) is not None

    def release(self, cid: str, stage: str, judge_id: str, fields: dict, event: dict) -> bool:
        """Release an appointed judge with its event; False when the judge is not on the panel."""
        query = {"_id": appointment_id(cid, stage, judge_id), "status": APPOINTED}
        return outbox.write(self.panels, query, {"$set": fields}, [event]).matched_count == 1

    def add_reminder(self, doc: dict, event: dict) -> None:
        outbox.insert(self.reminders, doc, [event])

    def reminders_of(self, cid: str, stage: str) -> list[dict]:
        return list(self.reminders.find({"competition_id": cid, "stage": stage}, NO_OUTBOX))
