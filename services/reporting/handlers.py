"""reporting's handlers: apply each event to the read model; answer the ministry's queries."""
from __future__ import annotations

import threading

from shared.errors import Invalid, NotFound
from services.reporting.adapters.store import Store
from services.reporting.domain import rankings, readmodel, summary
from services.reporting.domain.scorecard import scorecard as build_scorecard


def on_event(store: Store, event: dict) -> bool:
    """Apply one event once; True when it changed the read model."""
    writes, competition_id = readmodel.writes_for(event)
    return store.apply(event, writes, competition_id)


class Snapshots:
    """A competition's entries and rankings, recomputed only when its version moved."""

    def __init__(self):
        self._lock = threading.Lock()
        self._cache: dict = {}

    def entries(self, store: Store, cid: str) -> tuple[dict, list[dict]]:
        definition = store.competition(cid)
        if definition is None:
            raise NotFound(f"competition {cid} not found")
        version = store.version(cid)
        key = (store.name, cid)
        with self._lock:
            cached = self._cache.get(key)
            if cached and cached["version"] == version:
                return cached["definition"], cached["entries"]
        entries = store.entries(cid)
        with self._lock:
            self._cache[key] = {"version": version, "definition": definition, "entries": entries, "rankings": {}}
        return definition, entries

    def ranking(self, store: Store, cid: str, stage: str | None) -> tuple[dict, rankings.Ranking, str]:
        definition, entries = self.entries(store, cid)
        stage = stage or rankings.default_stage(definition)
        if stage not in rankings.scored_stages(definition):
            raise Invalid(f"'{stage}' is not a scored stage of {cid}", field="stage")
        with self._lock:
            cached = self._cache[(store.name, cid)]["rankings"].get(stage)
        if cached is None:
            cached = rankings.build(definition, entries, stage)
            with self._lock:
                self._cache[(store.name, cid)]["rankings"][stage] = cached
        return definition, cached, stage


def rankings_page(snapshots: Snapshots, store: Store, cid: str, query: dict) -> dict:
    """One page of a stage's rankings under the filters."""
    _, ranking, stage = snapshots.ranking(store, cid, query.get("stage"))
    filters = {name: query.get(name) for name in ("category", "province_code", "cluster")}
    try:
        result = rankings.page(ranking, filters, query["limit"], query.get("cursor"))
    except ValueError as exc:
        raise Invalid(str(exc), field="cursor") from exc
    return {**result, "stage": stage}


def all_rows(snapshots: Snapshots, store: Store, cid: str, query: dict) -> tuple[str, list[dict]]:
    """Every row of a stage's rankings under the filters, for the exports."""
    _, ranking, stage = snapshots.ranking(store, cid, query.get("stage"))
    filters = {name: query.get(name) for name in ("category", "province_code", "cluster")}
    return stage, [r for r in ranking.rows if rankings.matches(r, filters)]


def competition_summary(snapshots: Snapshots, store: Store, cid: str) -> dict:
    definition, entries = snapshots.entries(store, cid)
    return summary.summarise(definition, entries)


def entry_scorecard(snapshots: Snapshots, store: Store, entry_id: str) -> dict:
    entry = store.entry(entry_id)
    if entry is None or not entry.get("competition_id"):
        raise NotFound(f"entry {entry_id} not found")
    definition, _ = snapshots.entries(store, entry["competition_id"])
    rankings_by_stage = {stage: snapshots.ranking(store, entry["competition_id"], stage)[1]
                         for stage in rankings.scored_stages(definition)}
    return build_scorecard(definition, entry, rankings_by_stage)
