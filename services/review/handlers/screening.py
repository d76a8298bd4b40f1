"""The administrative stage: bulk screening decisions, each with its kipp.entry.screened."""
from __future__ import annotations

from shared.auth.tokens import Principal
from services.review.ports import Store
from services.review.domain import audit, events, screening
from services.review.domain.competitions import field_key, screening_stage
from services.review.domain.errors import FieldErrors
from services.review.handlers.common import competition, open_stage


def screen(store: Store, cid: str, stage: str, decisions: list[dict], principal: Principal,
           request_id: str | None, progress=None) -> dict:
    """Record every decision or none: all are checked before the first is written. `progress(done, total)`,
    when given, hears how many are written."""
    screening_stage(competition(store, cid), stage)
    open_stage(store, cid, stage)
    found = store.entries_by_id(cid, [d["entry_id"] for d in decisions])
    _check(store, cid, stage, decisions, found)
    trail: list[dict] = []
    items = []
    for n, decision in enumerate(decisions, start=1):
        items.append(_decide(store, cid, stage, decision, found[decision["entry_id"]], principal, request_id, trail))
        if progress:
            progress(n, len(decisions))
    store.add_audit(*trail)
    recorded = sum(1 for item in items if item["result"] == "recorded")
    return {"competition_id": cid, "stage": stage, "recorded": recorded, "unchanged": len(items) - recorded,
            "items": items}


def _check(store: Store, cid: str, stage: str, decisions: list[dict], found: dict) -> None:
    errors, seen = {}, set()
    changing = [d["entry_id"] for d in decisions if d["entry_id"] in found
                and not screening.repeats(found[d["entry_id"]], field_key(stage), d["decision"], d.get("reason"))]
    assigned = store.assignments.entries_with_live_work(cid, changing) if changing else set()
    for n, decision in enumerate(decisions):
        entry_id = decision["entry_id"]
        why = screening.refusal(found.get(entry_id), cid)
        if why is None and entry_id in seen:
            why = "decided twice in one request"
        if why is None and entry_id in assigned:
            why = "already assigned to judges; its screening can no longer change"
        if why:
            errors[f"decisions.{n}.entry_id"] = [f"{entry_id}: {why}"]
        seen.add(entry_id)
    if errors:
        raise FieldErrors(f"{len(errors)} decision(s) cannot be recorded; nothing was recorded", errors)


def _decide(store: Store, cid: str, stage: str, decision: dict, entry: dict, principal: Principal,
            request_id: str | None, trail: list) -> dict:
    entry_id, verdict, reason = decision["entry_id"], decision["decision"], decision.get("reason")
    key = field_key(stage)
    if screening.repeats(entry, key, verdict, reason):
        return {"entry_id": entry_id, "decision": verdict, "result": "unchanged"}
    event = events.entry_screened(entry_id, cid, stage, verdict, reason, request_id)
    if not store.update_entry(entry_id, {f"screenings.{key}": screening.record(stage, verdict, reason, principal.sub)},
                              [event], expect={"status": "submitted"}):
        return {"entry_id": entry_id, "decision": verdict, "result": "withdrawn meanwhile"}
    trail.append(audit.record("screening", cid, principal, reason, request_id, stage=stage, entry_id=entry_id,
                              decision=verdict))
    return {"entry_id": entry_id, "decision": verdict, "result": "recorded"}
