"""The secretariat's view of a closed stage's results: the shortlist with each pick's reason and the
quota table, the objections with what their resolution changed, and the final stage's awards."""
from __future__ import annotations

from services.review.ports import Store
from services.review.domain import quota_table, results as stage_results
from services.review.domain.competitions import scored_stage
from services.review.domain.objections import Objection
from services.review.handlers.common import competition, stage_entries
from services.review.handlers.results import ranked_candidates, view

ENTRY_FIELDS = ("title", "agency", "category", "province_code")


def shortlist(store: Store, cid: str, stage: str) -> dict:
    """The stage's state, its proposed or published list (each pick with its entry) and the quota table."""
    definition = competition(store, cid)
    stage_def = scored_stage(definition, stage)
    status = store.get_stage(cid, stage).get("status", "open")
    listed = store.results.shortlist(cid, stage)
    found = {"definition": definition, "stage": stage, "seats": stage_def.get("shortlist"), "status": status,
             "listed": view(listed) if listed else None, "picks": [], "table": None}
    if status != "closed":
        return found
    entries = stage_entries(store, definition, stage)
    ranked = ranked_candidates(store, definition, stage, entries)
    found["candidates"] = len(ranked)
    if listed:
        found["picks"] = [{**p, **_about(entries.get(p["entry_id"])), "why": quota_table.reason_of(p.get("reason"))}
                          for p in listed["picks"]]
        found["table"] = quota_table.table(definition, ranked, listed["picks"])
    return found


def objections(store: Store, cid: str, stage: str) -> dict:
    """The objections filed against the stage's list, each with its entry and, once upheld, who moved up."""
    definition = competition(store, cid)
    scored_stage(definition, stage)
    filed = [Objection.from_dict(d).as_dict() for d in store.results.objections_of(cid, stage)]
    promoted = {r.get("objection_id"): r.get("promoted") for r in store.list_audit(cid, None, action="objection.resolved")}
    ids = {o["entry_id"] for o in filed} | {p for p in promoted.values() if p}
    entries = store.entries_by_id(cid, sorted(ids))
    for item in filed:
        item["entry"] = _about(entries.get(item["entry_id"]))
        moved_up = promoted.get(item["id"])
        item["promoted"] = {"entry_id": moved_up, **_about(entries.get(moved_up))} if moved_up else None
    listed = store.results.shortlist(cid, stage) or {}
    return {"definition": definition, "stage": stage, "items": filed, "window": listed.get("window"),
            "shortlist_status": listed.get("status")}


def awards(store: Store, cid: str) -> dict:
    """The final scored stage's entries in ranking order, each with its result and the awards it holds."""
    definition = competition(store, cid)
    final = stage_results.last_scored_stage(definition)
    found = {"definition": definition, "final": final, "status": None, "items": []}
    if final is None:
        return found
    found["status"] = store.get_stage(cid, final["key"]).get("status", "open")
    entries = stage_entries(store, definition, final["key"])
    ranked = ranked_candidates(store, definition, final["key"], entries) if found["status"] == "closed" else []
    order = {c.entry_id: (n, c.score) for n, c in enumerate(ranked, start=1)}
    result_key = stage_results.result_field(final["key"]).split(".", 1)[1]
    for entry_id, entry in sorted(entries.items(), key=lambda kv: order.get(kv[0], (10 ** 9, 0))):
        found["items"].append({"entry_id": entry_id, **_about(entry), "rank": order.get(entry_id, (None, None))[0],
                               "score": order.get(entry_id, (None, None))[1],
                               "result": ((entry.get("results") or {}).get(result_key) or {}).get("outcome"),
                               "awards": sorted((entry.get("awards") or {}).values(), key=lambda a: a["award"])})
    return found


def _about(entry: dict | None) -> dict:
    """What a list shows of an entry."""
    entry = entry or {}
    return {key: entry.get(key) for key in ENTRY_FIELDS}
