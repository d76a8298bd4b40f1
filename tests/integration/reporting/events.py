"""Events as intake and review publish them (DESIGN §3), for feeding reporting in tests."""
from __future__ import annotations

import uuid

from shared.events import types as t
from shared.events.envelope import new_event
from tests import factories


def published(definition: dict) -> dict:
    return new_event(t.COMPETITION_PUBLISHED, definition["id"], definition, "kipp/intake")


def submitted(cid: str, entry_id: str, region: str, category: str, at: str, cluster: str = "kota") -> dict:
    body = factories.entry(region, cluster, category=category)
    data = {**body, "entry_id": entry_id, "competition_id": cid, "revision": 1, "province_code": region.split(".")[0],
            "attachments": [], "submitted_at": at}
    return new_event(t.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def assigned(cid: str, stage: str, entry_id: str, judge_id: str) -> tuple[str, dict]:
    aid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{cid}:{stage}:{entry_id}:{judge_id}"))
    data = {"assignment_id": aid, "entry_id": entry_id, "competition_id": cid, "stage": stage, "judge_id": judge_id,
            "judge_email": f"{judge_id}@ui.ac.id", "due_at": None}
    return aid, new_event(t.ASSIGNMENT_CREATED, entry_id, data, "kipp/review")


def scored(cid: str, stage: str, aid: str, entry_id: str, judge_id: str, scores: dict, total: float,
           revision: int = 1) -> dict:
    data = {"assignment_id": aid, "entry_id": entry_id, "competition_id": cid, "stage": stage, "judge_id": judge_id,
            "scores": scores, "total": total, "revision": revision, "scored_at": "2026-04-01T10:00:00Z"}
    return new_event(t.REVIEW_SCORED, entry_id, data, "kipp/review")
