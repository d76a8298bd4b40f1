"""Judges at work: reading assignments, scoring them (with revisions), recusing."""
from __future__ import annotations

from shared.auth.tokens import Principal
from shared.errors import only_if_visible
from shared.events.envelope import utc_now_iso
from services.review.ports import Store
from services.review.domain import assignments, audit, events, scores
from services.review.domain.competitions import rubric
from services.review.domain.entries import judge_view
from services.review.domain.errors import AssignmentNotOpen, Busy
from services.review.handlers.assigning import replace_judge
from services.review.handlers.common import competition, open_stage


def visible(store: Store, aid: str, principal: Principal) -> dict:
    """The assignment if the caller may see it; another judge's is 'not found' (404)."""
    return only_if_visible(store.assignments.get(aid), lambda found: assignments.visible_to(principal, found),
                           f"assignment {aid}")


def read(store: Store, aid: str, principal: Principal) -> dict:
    """The assignment, the entry as the judge may see it, and the weighted rubric."""
    found = visible(store, aid, principal)
    definition = competition(store, found["competition_id"])
    entry = store.get_entry(found["entry_id"]) or {"_id": found["entry_id"]}
    return {"assignment": assignments.public_view(found, store.assignments.history(aid)),
            "entry": judge_view(entry, bool(definition.get("blind_review"))),
            "rubric": rubric(definition), "competition": {"id": definition["id"], "name": definition.get("name")},
            "stage": {"key": found["stage"], **_stage_state(store, found)}}


def score(store: Store, aid: str, given: dict, comment: str, principal: Principal, request_id: str | None,
          attempt: int = 0) -> dict:
    """Save a new revision of the judge's scores with its kipp.review.scored; a repeat changes nothing."""
    scored_at = utc_now_iso()  # taken before the stage check, so every accepted revision predates the closing
    found = visible(store, aid, principal)
    definition = competition(store, found["competition_id"])
    open_stage(store, found["competition_id"], found["stage"])
    _must_be_live(found)
    scores.check(definition, given)
    latest = store.assignments.latest(aid)
    if not scores.unchanged(latest, given, comment):
        revision = scores.new_revision(definition, found, latest, given, comment, principal.sub, scored_at)
        event = events.review_scored(found, revision, request_id)
        if not store.assignments.add_revision(revision, event):
            if attempt >= 3:
                raise Busy("other revisions of this assignment keep arriving; try again")
            return score(store, aid, given, comment, principal, request_id, attempt + 1)
        store.assignments.mark_scored(found, scores.summary(revision))
    return assignments.public_view(found, store.assignments.history(aid))


def recuse(store: Store, aid: str, reason: str, principal: Principal, request_id: str | None, due_days: int) -> dict:
    """Record the judge's recusal, then give the entry to another valid judge (409 when none is free)."""
    found = visible(store, aid, principal)
    definition = competition(store, found["competition_id"])
    open_stage(store, found["competition_id"], found["stage"])
    _must_be_live(found, allow_scored=False)
    recusal = {"reason": reason, "at": utc_now_iso(), "by": principal.sub}
    if not store.assignments.recuse(found, recusal):
        _must_be_live(store.assignments.get(aid), allow_scored=False)
        raise AssignmentNotOpen("the assignment changed meanwhile; try again")
    store.add_audit(audit.record("recusal", found["competition_id"], principal, reason, request_id,
                                 stage=found["stage"], entry_id=found["entry_id"], assignment_id=aid))
    recused = {**found, "status": "recused", "recusal": recusal}
    replacement = replace_judge(store, definition, recused, request_id, due_days)
    return {"assignment": assignments.public_view(recused), "reassigned": True,
            "replacement_id": replacement["_id"] if principal.role == "admin" else None}


def _must_be_live(found: dict, allow_scored: bool = True) -> None:
    allowed = scores.LIVE if allow_scored else ("pending",)
    if found["status"] not in allowed:
        raise AssignmentNotOpen(f"this assignment is {found['status']}; it can no longer be "
                                f"{'scored' if allow_scored else 'recused'}")


def _stage_state(store: Store, found: dict) -> dict:
    state = store.get_stage(found["competition_id"], found["stage"])
    return {"status": state.get("status", "open"), "closed_at": state.get("closed_at")}
