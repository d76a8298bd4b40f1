"""The secretariat's view of competitions: each with its stages and where their work stands."""
from __future__ import annotations

from services.review.ports import Store
from services.review.domain import panels, progress, scores
from services.review.domain.entries import in_stage
from services.review.handlers.common import competition as published

STATE_FIELDS = {"status": 1, "competition_id": 1, "screenings": 1, "results": 1, "awards": 1}


def competitions(store: Store) -> list[dict]:
    """Every competition review knows, newest id last, each with its stages' progress."""
    return [summary(store, definition) for definition in store.list_competitions()]


def competition(store: Store, cid: str) -> dict:
    """One competition with its stages' progress (404 when review does not know it)."""
    return summary(store, published(store, cid))


def summary(store: Store, definition: dict) -> dict:
    """The definition and, per stage, the figures the console shows."""
    cid = definition["id"]
    entries = store.competition_entries(cid, fields=STATE_FIELDS)
    submitted = [e for e in entries if e.get("status") == "submitted"]
    stages = [_stage(store, definition, stage, submitted) for stage in definition.get("stages") or []]
    awards = sum(len(e.get("awards") or {}) for e in submitted)
    return {"definition": definition, "id": cid, "entries": len(submitted),
            "withdrawn": sum(1 for e in entries if e.get("status") == "withdrawn"), "stages": stages, "awards": awards}


def _stage(store: Store, definition: dict, stage: dict, submitted: list[dict]) -> dict:
    cid, key = definition["id"], stage["key"]
    state = store.get_stage(cid, key)
    found = {"key": key, "label": stage.get("label") or key, "kind": stage.get("kind"),
             "status": state.get("status", "open"), "closed_at": state.get("closed_at")}
    if stage.get("kind") == "screening":
        return {**found, "screening": progress.screening(submitted, key)}
    taking_part = sum(1 for e in submitted if in_stage(definition, e, key))
    listed = store.results.shortlist(cid, key) or {}
    return {**found, "entries": taking_part, "judges_per_entry": stage.get("judges_per_entry"),
            "shortlist": stage.get("shortlist"), "panel": len(panels.members(store.panels.of_stage(cid, key))),
            "work": scores.progress(store.assignments.counts({"competition_id": cid, "stage": key})),
            "shortlist_status": listed.get("status"), "window": listed.get("window")}
