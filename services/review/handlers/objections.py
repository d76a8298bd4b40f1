"""Objections to a published shortlist: regions file them in the window, the admin resolves them;
an upheld one takes its entry off the list and moves up the next candidate under the same quotas."""
from __future__ import annotations

from datetime import datetime, timezone

from shared.auth.tokens import Principal
from shared.scoring import rounded
from services.review.ports import Store
from services.review.domain import audit, objections, results, shortlist
from services.review.domain.competitions import next_stage, scored_stage
from services.review.domain.errors import NotFound
from services.review.handlers import results as stage_results
from services.review.handlers.common import competition


def file(store: Store, cid: str, stage_key: str, entry_id: str, reason: str, principal: Principal,
         request_id: str | None) -> dict:
    """A region objects to a shortlisted entry while the window is open (409 after it closes)."""
    definition = competition(store, cid)
    scored_stage(definition, stage_key)
    listed = store.results.shortlist(cid, stage_key) or {}
    published_at = listed.get("published_at") if listed.get("status") == "published" else None
    window = objections.objection_window(published_at, definition.get("objection_days"))
    objection = objections.file_objection(
        window, datetime.now(timezone.utc), competition_id=cid, stage=stage_key, entry_id=entry_id,
        region=principal.region, reason=reason, filed_by=principal.sub,
        shortlisted=[p["entry_id"] for p in listed.get("picks", [])],
        existing=store.results.objections_of(cid, stage_key, entry_id))
    if not store.results.insert_objection({"_id": objection.id, **objection.as_dict()}):
        raise objections.DuplicateObjection(f"region {principal.region} already objected to {entry_id}",
                                            objection_id=objection.id)
    store.add_audit(audit.record("objection.filed", cid, principal, objection.reason, request_id, stage=stage_key,
                                 entry_id=entry_id, objection_id=objection.id, region=principal.region))
    return objection.as_dict()


def resolve(store: Store, oid: str, decision: str, reason: str, principal: Principal, request_id: str | None) -> dict:
    """Uphold (the entry is eliminated, the next candidate promoted) or reject, with a reason kept."""
    found = store.results.objection(oid)
    if found is None:
        raise NotFound(f"objection {oid} not found")
    resolved = objections.resolve(found, decision, reason, principal.sub, datetime.now(timezone.utc))
    if not store.results.close_objection(oid, resolved.as_dict()):
        raise objections.AlreadyResolved(f"objection {oid} was resolved meanwhile")
    change = _remove_and_promote(store, resolved, request_id) if resolved.status == objections.UPHELD else {}
    store.add_audit(audit.record("objection.resolved", resolved.competition_id, principal, resolved.resolution_reason,
                                 request_id, stage=resolved.stage, entry_id=resolved.entry_id, objection_id=oid,
                                 decision=resolved.status, promoted=(change.get("promoted") or {}).get("entry_id")))
    return {"objection": resolved.as_dict(), **change}


def read(store: Store, oid: str, principal: Principal) -> dict:
    """An objection, for the secretariat, the ministry, or the region that filed it."""
    found = store.results.objection(oid)
    if found is None or (principal.role == "region" and found.get("region") != principal.region):
        raise NotFound(f"objection {oid} not found")
    return objections.Objection.from_dict(found).as_dict()


def of_stage(store: Store, cid: str, stage_key: str) -> list[dict]:
    scored_stage(competition(store, cid), stage_key)
    return [objections.Objection.from_dict(d).as_dict() for d in store.results.objections_of(cid, stage_key)]


def _remove_and_promote(store: Store, objection, request_id: str | None) -> dict:
    """Eliminate the entry, then promote the best candidate the quota rules pick in its place."""
    definition = competition(store, objection.competition_id)
    cid, stage_key = objection.competition_id, objection.stage
    listed = store.results.shortlist(cid, stage_key)
    if not objections.removes_entry(objection, [p["entry_id"] for p in listed["picks"]]):
        return {"removed": None, "promoted": None}
    ranked = stage_results.ranked_candidates(store, definition, stage_key)
    after = shortlist.promote(ranked, listed["picks"], objection.entry_id, definition.get("quotas"),
                              definition.get("priority_regions"), excluded=listed.get("excluded") or [])
    store.results.replace_picks(cid, stage_key, [p.as_dict() for p in after.shortlist.picks], objection.entry_id)
    gone = next(((n, c.score) for n, c in enumerate(ranked, start=1) if c.entry_id == objection.entry_id), (None, None))
    stage_results.record_outcome(store, cid, stage_key, results.outcome(
        objection.entry_id, False, None, gone[0], rounded(gone[1]), "objection-upheld"), request_id)
    store.assignments.withdraw_entry(objection.entry_id)  # its unfinished work in the next stage ends
    promoted = after.promoted
    if promoted is not None:
        following = next_stage(definition, stage_key)
        stage_results.record_outcome(store, cid, stage_key, results.outcome(
            promoted.entry_id, True, following["key"] if following else None, promoted.rank,
            rounded(promoted.score), promoted.reason), request_id)
    return {"removed": objection.entry_id, "promoted": promoted.as_dict() if promoted else None}
