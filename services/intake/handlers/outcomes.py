"""intake's commands and queries on review's outcomes: the worker keeps them, the portal shows them.

Not through shared.mongo.dedup.apply_once: each write is a conditional upsert that keeps the newest
outcome per entry and stage (services/intake/adapters/outcomes.py), so a redelivery, a replay or
events out of order leave the same documents.
"""
from __future__ import annotations

from datetime import datetime

from shared.auth.tokens import Principal
from services.intake.ports import Deps
from services.intake.domain import entries, outcomes

ENTRY_FIELDS = {"title": 1, "category": 1, "agency": 1, "province_code": 1}


def record(deps: Deps, event: dict) -> bool:
    """Worker: keep the outcome an event of review stands for (and its stage's publication); True when it
    changed what intake shows. Events that are no outcome (assignments, scores) are passed over."""
    if event.get("type") not in outcomes.KINDS:
        return False
    entry = deps.store.get_entry(event["data"]["entry_id"], ENTRY_FIELDS)
    doc = outcomes.from_event(event, entry)
    written = deps.outcomes.record(doc)
    publication = outcomes.publication(doc)
    if publication is not None:
        deps.outcomes.record_publication(publication)
    return written


def latest_by_entry(deps: Deps, cid: str, principal: Principal) -> dict[str, dict]:
    """The newest outcome of each entry of the competition the caller may see, by entry id."""
    by_entry: dict[str, list[dict]] = {}
    scope = entries.scope_filter(principal)
    for doc in deps.outcomes.in_area(cid, scope) if scope else []:
        by_entry.setdefault(doc["entry_id"], []).append(doc)
    return {entry_id: outcomes.public(outcomes.latest(found)) for entry_id, found in by_entry.items()}


def open_objection_windows(deps: Deps, definition: dict, now: datetime) -> list[dict]:
    """The competition's published shortlists whose objection window is open now: stage, opens, closes."""
    found = []
    for publication in deps.outcomes.publications_of(definition["id"]):
        days = definition.get("objection_days")
        if outcomes.window_open(publication["published_at"], days, now):
            opens, closes = outcomes.objection_window(publication["published_at"], days)
            found.append({"stage": publication["stage"], "opens_at": opens, "closes_at": closes})
    return sorted(found, key=lambda w: w["opens_at"])


def shortlist(deps: Deps, cid: str, stage: str) -> list[dict]:
    """The entries a stage's published shortlist holds, best rank first (the published list is public)."""
    found = deps.outcomes.shortlisted(cid, stage)
    return sorted(found, key=lambda o: (o.get("rank") is None, o.get("rank") or 0, o.get("title") or ""))
