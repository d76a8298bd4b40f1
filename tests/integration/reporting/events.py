"""Events as intake, review and notify publish them (DESIGN §3), for feeding reporting in tests and benches."""
from __future__ import annotations

import uuid

from shared.events import types as t
from shared.events.envelope import new_event
from tests import factories


def published(definition: dict) -> dict:
    return new_event(t.COMPETITION_PUBLISHED, definition["id"], definition, "kipp/intake")


def submitted(cid: str, entry_id: str, region: str, category: str, at: str, cluster: str = "kota",
              revision: int = 1) -> dict:
    body = factories.entry(region, cluster, category=category)
    data = {**body, "entry_id": entry_id, "competition_id": cid, "revision": revision,
            "province_code": region.split(".")[0], "attachments": [], "submitted_at": at, "owner_region": region}
    return new_event(t.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def withdrawn(cid: str, entry_id: str) -> dict:
    data = {"entry_id": entry_id, "competition_id": cid, "reason": "Ditarik oleh instansi",
            "withdrawn_at": "2026-03-05T03:00:00Z"}
    return new_event(t.ENTRY_WITHDRAWN, entry_id, data, "kipp/intake")


def screened(cid: str, entry_id: str, decision: str = "eligible") -> dict:
    data = {"entry_id": entry_id, "competition_id": cid, "stage": "administrasi", "decision": decision, "reason": None}
    return new_event(t.ENTRY_SCREENED, entry_id, data, "kipp/review")


def assigned(cid: str, stage: str, entry_id: str, judge_id: str) -> tuple[str, dict]:
    aid = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{cid}:{stage}:{entry_id}:{judge_id}"))
    data = {"assignment_id": aid, "entry_id": entry_id, "competition_id": cid, "stage": stage, "judge_id": judge_id,
            "judge_email": f"{judge_id}@ui.ac.id", "due_at": None}
    return aid, new_event(t.ASSIGNMENT_CREATED, entry_id, data, "kipp/review")


def scored(cid: str, stage: str, aid: str, entry_id: str, judge_id: str, scores: dict, total: float,
           revision: int = 1) -> dict:
    data = {"assignment_id": aid, "entry_id": entry_id, "competition_id": cid, "stage": stage, "judge_id": judge_id,
            "scores": scores, "total": total, "revision": revision, "scored_at": f"2026-04-01T10:00:{revision:02d}Z"}
    return new_event(t.REVIEW_SCORED, entry_id, data, "kipp/review")


def notified(entry_id: str, delivery_id: str, sent: bool = True) -> dict:
    data = {"delivery_id": delivery_id, "event_id": str(uuid.uuid4()), "template": "receipt",
            "recipients": ["kontak@example.id"], "message_id": f"<{delivery_id}@kipp.local>",
            "error": None if sent else "550 mailbox unavailable", "entry_id": entry_id}
    return new_event(t.NOTIFICATION_SENT if sent else t.NOTIFICATION_FAILED, entry_id, data, "kipp/notify")


def stage_closed(cid: str, stage: str) -> dict:
    return new_event(t.STAGE_CLOSED, cid, {"competition_id": cid, "stage": stage, "closed_at": "2026-04-30T10:00:00Z"},
                     "kipp/review")
