"""Each judge's worklist: one document per judge (`_id` = judge id) summarising every assignment
they were given, so a judge's page is one look-up by `_id` (FerretDB indexes nothing else;
a scan of a national year's 10,500 assignments took 1.5 s). The assignment documents stay the
truth: the worklist is written after them, and reading an assignment refreshes its line."""
from __future__ import annotations

from pymongo.collection import Collection

from services.review.domain.assignments import SHOWN as SUMMARY  # a line holds what an assignment shows


class Worklists:
    def __init__(self, collection: Collection):
        self.collection = collection

    def enlist(self, docs: list[dict]) -> None:
        """Add new assignments to their judges' worklists (one update per judge)."""
        by_judge: dict[str, dict] = {}
        for doc in docs:
            by_judge.setdefault(doc["judge_id"], {})[f"items.{doc['_id']}"] = summary(doc)
        for judge_id, lines in sorted(by_judge.items()):
            self.collection.update_one({"_id": judge_id}, {"$set": lines}, upsert=True)

    def note(self, judge_id: str, aid: str, changes: dict) -> None:
        """Bring one line of a judge's worklist up to date."""
        self.collection.update_one({"_id": judge_id}, {"$set": {f"items.{aid}.{k}": v for k, v in changes.items()}})

    def lines(self, judge_id: str) -> list[dict]:
        """The judge's assignments as summarised, each with its `_id`."""
        found = self.collection.find_one({"_id": judge_id}) or {}
        return [{"_id": aid, **line} for aid, line in (found.get("items") or {}).items()]


def summary(assignment: dict) -> dict:
    return {key: assignment.get(key) for key in SUMMARY}
