"""Stages as a whole: which entries are in them, and closing them."""
from __future__ import annotations

import time

from shared import paging
from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import audit, events, scores
from services.review.domain.competitions import stage_of
from services.review.domain.entries import admin_view, in_stage
from services.review.handlers.common import competition

GRACE_SECONDS = 1.0  # far longer than a scoring request takes from its stage check to its write


def entries_in(store: Store, cid: str, stage: str | None, status: str | None, limit: int,
               cursor: str | None) -> tuple[list[dict], str | None]:
    """A page of review's copy of a competition's entries; with `stage`, only those taking part in it."""
    definition = competition(store, cid)
    if stage:
        stage_of(definition, stage)
    found = [e for e in store.competition_entries(cid, status, cursor) if not stage or in_stage(definition, e, stage)]
    page, last = paging.cut(found, limit, lambda entry: entry["_id"])
    return [admin_view(e) for e in page], last


def state(store: Store, cid: str, stage: str) -> dict:
    """Where a stage stands: open or closed, and its assignments' progress."""
    stage_of(competition(store, cid), stage)
    return _state(store, cid, stage, store.get_stage(cid, stage))


def _state(store: Store, cid: str, stage: str, doc: dict) -> dict:
    """`state` from the stage document `doc`, already read."""
    counts = store.assignments.counts({"competition_id": cid, "stage": stage})
    return {"competition_id": cid, "stage": stage, "status": doc.get("status", "open"),
            "closed_at": doc.get("closed_at"), "closed_by": doc.get("closed_by"), "reason": doc.get("reason"),
            "progress": scores.progress(counts)}


def close(store: Store, cid: str, stage: str, reason: str | None, principal: Principal, request_id: str | None) -> dict:
    """Lock the stage's scores, then record it closed with kipp.stage.closed; closing twice is a no-op."""
    stage_of(competition(store, cid), stage)
    current = store.get_stage(cid, stage)
    if current.get("status") == "closed":
        return _state(store, cid, stage, current)
    # refuse new scores first, give scoring requests already past their check time to finish, then announce
    store.mark_stage(cid, stage, {"status": "closing"}, expect={"status": {"$ne": "closed"}})
    time.sleep(GRACE_SECONDS)
    closed_at = utc_now_iso()
    changes = {"status": "closed", "closed_at": closed_at, "closed_by": principal.sub, "reason": reason}
    if store.mark_stage(cid, stage, changes, [events.stage_closed(cid, stage, closed_at, request_id)],
                        expect={"status": {"$ne": "closed"}}):
        store.add_audit(audit.record("stage.closed", cid, principal, reason, request_id, stage=stage))
    return _state(store, cid, stage, store.get_stage(cid, stage))
