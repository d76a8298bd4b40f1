"""The screening queue: a stage's submitted entries a page at a time, each with its decision, and the
proposal of the one being read; the ids a bulk decision applies to."""
from __future__ import annotations

from services.review.ports import Store
from services.review.domain import progress
from services.review.domain.competitions import field_key, screening_stage
from services.review.domain.entries import admin_view, judge_view
from services.review.handlers.common import competition

SHOWS = ("undecided", "eligible", "ineligible", "all")
LISTED = {"title": 1, "agency": 1, "category": 1, "group": 1, "province_code": 1, "status": 1, "screenings": 1,
          "submitted_at": 1, "competition_id": 1}


def page(store: Store, cid: str, stage: str, show: str, number: int, size: int, reading: str | None) -> dict:
    """Page `number` (from 1) of the entries `show` selects, the stage's progress, and the entry `reading`
    (else the page's first) with its proposal."""
    definition = competition(store, cid)
    screening_stage(definition, stage)
    entries = store.competition_entries(cid, "submitted", fields=LISTED)
    chosen = [e for e in entries if show == "all" or (progress.decision_of(e, stage) or "undecided") == show]
    pages = max(1, -(-len(chosen) // size))
    number = min(max(number, 1), pages)
    rows = chosen[(number - 1) * size: number * size]
    ids = [e["_id"] for e in chosen]
    if reading not in {e["_id"] for e in entries}:
        reading = rows[0]["_id"] if rows else None
    return {"definition": definition, "stage": stage, "show": show, "page": number, "pages": pages,
            "matching": len(chosen), "progress": progress.screening(entries, stage),
            "items": [{**admin_view(e), "decision": progress.decision_of(e, stage)} for e in rows],
            "reading": _reading(store, reading, stage), "next": _after(ids, reading)}


def undecided(store: Store, cid: str, stage: str) -> list[str]:
    """Every submitted entry of the competition still without a decision at `stage`, in id order."""
    screening_stage(competition(store, cid), stage)
    return [e["_id"] for e in store.competition_entries(cid, "submitted", fields={"screenings": 1})
            if progress.decision_of(e, stage) is None]


def _reading(store: Store, entry_id: str | None, stage: str) -> dict | None:
    entry = store.get_entry(entry_id) if entry_id else None
    if entry is None:
        return None
    screened = (entry.get("screenings") or {}).get(field_key(stage)) or {}
    return {**judge_view(entry, blind=False), "decision": screened.get("decision"), "reason": screened.get("reason"),
            "decided_by": screened.get("by"), "decided_at": screened.get("at")}


def _after(ids: list[str], current: str | None) -> str | None:
    """The entry after `current` in the list the page shows (to read next), or None."""
    if current not in ids:
        return ids[0] if ids else None
    position = ids.index(current)
    return ids[position + 1] if position + 1 < len(ids) else None
