"""Reminding a late judge: review emits kipp.judge.reminded, and notify mails the judge their late work."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import audit, events, progress
from services.review.domain.competitions import scored_stage
from services.review.domain.errors import NotFound, NothingLate
from services.review.handlers.common import competition, open_stage


def remind(store: Store, cid: str, stage: str, judge_id: str, principal: Principal, request_id: str | None) -> dict:
    """Ask a judge to finish their late assignments of the stage (409 nothing-late when none is late)."""
    scored_stage(competition(store, cid), stage)
    open_stage(store, cid, stage)
    judge = store.get_judge(judge_id)
    if judge is None:
        raise NotFound(f"judge {judge_id} is not in the registry")
    work = store.assignments.of_judge(judge_id, {"competition_id": cid, "stage": stage})
    late = progress.late(work, datetime.now(timezone.utc))
    if not late:
        raise NothingLate(f"judge {judge_id} has no late assignment in {stage}; nothing to remind", field="judge_id")
    at = utc_now_iso()
    doc = {"_id": uuid.uuid4().hex, "competition_id": cid, "stage": stage, "judge_id": judge_id,
           "assignments": [a["_id"] for a in late], "reminded_at": at, "by": principal.sub}
    store.panels.add_reminder(doc, events.judge_reminded(judge, cid, stage, late, at, request_id))
    store.add_audit(audit.record("judge.reminded", cid, principal, None, request_id, stage=stage, judge_id=judge_id,
                                 late=len(late)))
    return {"competition_id": cid, "stage": stage, "judge_id": judge_id, "late": len(late), "reminded_at": at,
            "entries": [a["entry_id"] for a in late]}


def last_reminded(store: Store, cid: str, stage: str) -> dict[str, str]:
    """When each judge of the stage was last reminded, by judge id."""
    found: dict[str, str] = {}
    for doc in store.panels.reminders_of(cid, stage):
        found[doc["judge_id"]] = max(found.get(doc["judge_id"], ""), doc["reminded_at"])
    return found
