"""The secretariat's view of a scored stage: its panel beside the registry, and its assignments (each
judge's load and late work, each entry's judges and every conflict of interest avoided, and why)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone

from services.review.ports import Store
from services.review.domain import panels, progress, scores
from services.review.domain.competitions import scored_stage
from services.review.domain.conflicts import conflict, region_conflict
from services.review.domain.entries import as_entry
from services.review.domain.judges import as_judge
from services.review.handlers import jobs
from services.review.handlers.common import competition, stage_entries
from services.review.handlers.reminders import last_reminded

JUDGE_FIELDS = ("name", "email", "home_region", "affiliation_region", "expertise", "conflicts", "active")


def panel_view(store: Store, cid: str, stage: str) -> dict:
    """The stage's panel and every other judge of the registry, each with their load in the stage, how many of
    its entries they may not judge, and (for the others) whether they may be appointed."""
    definition = competition(store, cid)
    scored_stage(definition, stage)
    members = set(panels.members(store.panels.of_stage(cid, stage)))
    entries = [as_entry(e) for e in stage_entries(store, definition, stage).values()]
    loads = progress.loads(store.assignments.of_stage(cid, stage), datetime.now(timezone.utc))
    rows = []
    for judge in store.all_judges(include_inactive=True):
        rows.append({"id": judge["_id"], **{key: judge.get(key) for key in JUDGE_FIELDS},
                     "on_panel": judge["_id"] in members, "unavailable": panels.availability(judge, cid, stage),
                     "conflicting": _conflicting(as_judge(judge), entries), "load": loads.get(judge["_id"])})
    return {"definition": definition, "stage": stage, "entries": len(entries), "status": _status(store, cid, stage),
            "members": [r for r in rows if r["on_panel"]], "others": [r for r in rows if not r["on_panel"]]}


def stage_work(store: Store, cid: str, stage: str, number: int, size: int) -> dict:
    """Where the stage's assignment stands: per judge of the panel the load and late work, and a page of
    entries with their judges and the conflicts avoided."""
    definition = competition(store, cid)
    scored_stage(definition, stage)
    now = datetime.now(timezone.utc)
    current = store.assignments.of_stage(cid, stage)
    members = panels.members(store.panels.of_stage(cid, stage))
    registry = {j["_id"]: j for j in store.all_judges(include_inactive=True)}
    entries = list(stage_entries(store, definition, stage).values())
    pages = max(1, -(-len(entries) // size))
    number = min(max(number, 1), pages)
    shown = entries[(number - 1) * size: number * size]
    return {"definition": definition, "stage": stage, "status": _status(store, cid, stage), "entries": len(entries),
            "page": number, "pages": pages, "work": scores.progress(Counter(a["status"] for a in current)),
            "judges": _judges(members, registry, current, now, last_reminded(store, cid, stage)),
            "rows": _rows(shown, members, registry, current), "names": {k: v.get("name") for k, v in registry.items()},
            "last_run": _last(store, cid, "assignment", stage)}


def _judges(members: list[str], registry: dict, current: list[dict], now: datetime, reminded: dict) -> list[dict]:
    loads = progress.loads(current, now)
    ids = list(members) + sorted(j for j in loads if j not in members)  # judges released with work done stay listed
    empty = {"pending": 0, "scored": 0, "recused": 0, "late": 0, "load": 0}
    return [{"id": j, "name": (registry.get(j) or {}).get("name") or j, "on_panel": j in members,
             **loads.get(j, empty), "reminded_at": reminded.get(j)} for j in ids]


def _rows(entries: list[dict], members: list[str], registry: dict, current: list[dict]) -> list[dict]:
    """Each entry with its judges, and the panel's judges it may not get, with the reason."""
    by_entry = progress.judges_per_entry(current)
    recused = {(a["entry_id"], a["judge_id"]) for a in current if a["status"] == "recused"}
    model = {j: as_judge(registry[j]) for j in members if j in registry}
    rows = []
    for entry in entries:
        subject = as_entry(entry)
        on = {a["judge_id"] for a in by_entry.get(entry["_id"], []) if a["status"] != "recused"}
        avoided = [{"judge_id": j, "why": "recused" if (entry["_id"], j) in recused else conflict(judge, subject)}
                   for j, judge in model.items() if j not in on]
        rows.append({"id": entry["_id"], "title": entry.get("title"), "region_code": subject.region_code,
                     "category": entry.get("category"), "judges": by_entry.get(entry["_id"], []),
                     "avoided": [a for a in avoided if a["why"]]})
    return rows


def _conflicting(judge, entries: list) -> int:
    """How many of the stage's entries the judge may not judge (conflicts of interest)."""
    by_region = Counter(e.region_code for e in entries)
    barred = sum(n for code, n in by_region.items() if region_conflict(judge, code))
    return barred + sum(1 for e in entries if e.id in judge.entry_conflicts and not region_conflict(judge, e.region_code))


def _status(store: Store, cid: str, stage: str) -> str:
    return store.get_stage(cid, stage).get("status", "open")


def _last(store: Store, cid: str, kind: str, stage: str) -> dict | None:
    found = store.jobs.latest(cid, kind, stage)
    return jobs.view(found, datetime.now(timezone.utc)) if found else None
