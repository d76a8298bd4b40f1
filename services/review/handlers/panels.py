"""Panels: appointing judges to a scored stage and releasing them (admin), each change an event and an
audit record; a released judge's unscored work passes to the rest of the panel."""
from __future__ import annotations

from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import audit, events, panels
from services.review.domain.competitions import scored_stage
from services.review.domain.errors import NotFound, NotOnPanel
from services.review.handlers.assigning import hand_over
from services.review.handlers.common import competition, open_stage


def appoint(store: Store, cid: str, stage: str, judge_id: str, principal: Principal,
            request_id: str | None) -> tuple[dict, bool]:
    """Put a registered judge on the stage's panel with kipp.judge.appointed; appointing again is a no-op
    (created False)."""
    scored_stage(competition(store, cid), stage)
    open_stage(store, cid, stage)
    judge = _registered(store, judge_id)
    panels.check_available(judge, cid, stage)
    at = utc_now_iso()
    fields = panels.appointment(cid, stage, judge_id, principal.sub, at)
    created = store.panels.appoint(fields, events.panel_changed(True, judge_id, cid, stage, at, request_id))
    if created:
        store.add_audit(audit.record("panel.appointed", cid, principal, None, request_id, stage=stage,
                                     judge_id=judge_id))
    current = next(a for a in store.panels.of_stage(cid, stage) if a["judge_id"] == judge_id)
    return panels.public_view(current, judge), created


def release(store: Store, cid: str, stage: str, judge_id: str, reason: str | None, principal: Principal,
            request_id: str | None, due_days: int, progress=None) -> dict:
    """Take a judge off the panel with kipp.judge.released; each of their pending assignments in the stage
    goes to the panel's free judge of lowest load (entries nobody can take are listed; a run fills them later)."""
    definition = competition(store, cid)
    scored_stage(definition, stage)
    open_stage(store, cid, stage)
    at = utc_now_iso()
    event = events.panel_changed(False, judge_id, cid, stage, at, request_id)
    if not store.panels.release(cid, stage, judge_id, panels.release(principal.sub, at), event):
        raise NotOnPanel(f"judge {judge_id} is not on the panel of {stage} in {cid}", field="judge_id")
    moved = hand_over(store, definition, stage, judge_id, principal.sub, request_id, due_days, progress)
    store.add_audit(audit.record("panel.released", cid, principal, reason, request_id, stage=stage, judge_id=judge_id,
                                 reassigned=len(moved["reassigned"]), unassigned=[u["entry_id"] for u in
                                                                                  moved["unassigned"]]))
    return {"competition_id": cid, "stage": stage, "judge_id": judge_id, "status": panels.RELEASED,
            "released_at": at, **moved}


def panel(store: Store, cid: str, stage: str) -> list[dict]:
    """The stage's panel: every appointed judge with their registry entry, in id order."""
    scored_stage(competition(store, cid), stage)
    appointed = [a for a in store.panels.of_stage(cid, stage) if a.get("status") == panels.APPOINTED]
    judges = {j["_id"]: j for j in store.all_judges(include_inactive=True)}
    return [panels.public_view(a, judges.get(a["judge_id"])) for a in appointed]


def _registered(store: Store, judge_id: str) -> dict:
    judge = store.get_judge(judge_id)
    if judge is None:
        raise NotFound(f"judge {judge_id} is not in the registry")
    return judge
