"""Events for the unit tests, shaped as intake, review and notify publish them (DESIGN §3)."""
from __future__ import annotations

from shared.events import types as t
from shared.events.envelope import new_event
from services.reporting.domain.rows import parse, row_text
from services.reporting.domain.table import Table

CID = "kipp-2026"


def at(event: dict, time: str) -> dict:
    return {**event, "time": time}


def submitted(entry_id: str, category: str = "kesehatan", region: str = "73.71", when: str = "2026-03-01T02:00:00Z",
              revision: int = 1, cluster: str = "kota") -> dict:
    data = {"entry_id": entry_id, "competition_id": CID, "revision": revision, "title": f"Inovasi {entry_id}",
            "group": "umum", "category": category, "agency": {"name": f"Dinas {region}", "cluster": cluster,
                                                               "region_code": region},
            "province_code": region.split(".")[0], "implemented_since": "2021-01-01", "sdgs": [3], "sections": {},
            "attachments": [], "contact": {"name": "A", "email": "a@example.id"}, "submitted_at": when}
    return new_event(t.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def assigned(entry_id: str, judge: str, stage: str = "evaluasi", aid: str | None = None, replaces: str | None = None):
    data = {"assignment_id": aid or f"{entry_id}:{judge}", "entry_id": entry_id, "competition_id": CID,
            "stage": stage, "judge_id": judge, "judge_email": f"{judge}@example.id", "due_at": None}
    if replaces:
        data["replaces"] = replaces
    return new_event(t.ASSIGNMENT_CREATED, entry_id, data, "kipp/review")


def scored(entry_id: str, judge: str, scores: dict, total: float, revision: int = 1, stage: str = "evaluasi",
           aid: str | None = None) -> dict:
    data = {"assignment_id": aid or f"{entry_id}:{judge}", "entry_id": entry_id, "competition_id": CID,
            "stage": stage, "judge_id": judge, "scores": scores, "total": total, "revision": revision,
            "scored_at": f"2026-04-01T10:00:0{revision % 10}Z"}
    return new_event(t.REVIEW_SCORED, entry_id, data, "kipp/review")


def ranked(entry_id: str, advanced: bool, stage: str = "evaluasi", to_stage: str | None = "wawancara") -> dict:
    data = {"entry_id": entry_id, "competition_id": CID, "stage": stage, "to_stage": to_stage if advanced else None,
            "rank": 1, "score": 80.0, "reason": "rank"}
    return new_event(t.ENTRY_ADVANCED if advanced else t.ENTRY_ELIMINATED, entry_id, data, "kipp/review")


def screened(entry_id: str, decision: str = "eligible") -> dict:
    data = {"entry_id": entry_id, "competition_id": CID, "stage": "administrasi", "decision": decision, "reason": None}
    return new_event(t.ENTRY_SCREENED, entry_id, data, "kipp/review")


def withdrawn(entry_id: str) -> dict:
    data = {"entry_id": entry_id, "competition_id": CID, "reason": "ditarik", "withdrawn_at": "2026-03-02T00:00:00Z"}
    return new_event(t.ENTRY_WITHDRAWN, entry_id, data, "kipp/intake")


def awarded(entry_id: str, award: str = "top45") -> dict:
    return new_event(t.ENTRY_AWARDED, entry_id, {"entry_id": entry_id, "competition_id": CID, "award": award},
                     "kipp/review")


def notified(entry_id: str, delivery: str, sent: bool = True) -> dict:
    data = {"delivery_id": delivery, "event_id": "x", "template": "receipt", "recipients": ["a@example.id"],
            "message_id": "<m@kipp>", "error": None if sent else "550", "entry_id": entry_id}
    return new_event(t.NOTIFICATION_SENT if sent else t.NOTIFICATION_FAILED, entry_id, data, "kipp/notify")


def stage_closed(stage: str) -> dict:
    return new_event(t.STAGE_CLOSED, CID, {"competition_id": CID, "stage": stage, "closed_at": "2026-04-30T10:00:00Z"},
                     "kipp/review")


def published(definition: dict) -> dict:
    return new_event(t.COMPETITION_PUBLISHED, definition["id"], definition, "kipp/intake")


def table_of(docs: dict) -> Table:
    """Read-model documents as a web process holds them: their stored rows, read back into a table."""
    table = Table(capacity=2)  # small, so the tests grow it too
    for entry_id, doc in docs.items():
        table.put(parse(entry_id, row_text(doc)))
    return table
