"""reporting's queries: the ministry's questions (the web's rankings, exports, summary, scorecard, dashboard)."""
from __future__ import annotations

from itertools import islice

from shared.errors import NotFound
from services.reporting.ports import Snapshots, Store
from services.reporting.domain import competitions, pages
from services.reporting.domain.scorecard import scorecard


def _filters(query: dict) -> dict:
    return {name: query.get(name) for name in pages.FILTERS}


def rankings_page(snapshots: Snapshots, competition_id: str, query: dict) -> dict:
    """One page of a stage's ranking under the filters."""
    view, ranked = snapshots.ranked(competition_id, query.get("stage"))
    page = pages.page(ranked, _filters(query), query["limit"], query.get("cursor"))
    closed = ranked.stage in (view.doc.get("closed") or {})
    return {**page, "stage": ranked.stage, "stage_closed": closed}


def export_rows(snapshots: Snapshots, competition_id: str, query: dict):
    """The definition, the stage and an iterator over every row of its ranking under the filters (for the exports)."""
    view, ranked = snapshots.ranked(competition_id, query.get("stage"))
    return view.definition, ranked.stage, pages.every_row(ranked, _filters(query))


def competition_summary(snapshots: Snapshots, competition_id: str) -> dict:
    return snapshots.summary(competition_id)


def entry_scorecard(snapshots: Snapshots, store: Store, entry_id: str) -> dict:
    """Each judge's scores for the entry, raw and normalised, per stage."""
    entry = store.entry(entry_id)
    if entry is None or not entry.get("status") or not entry.get("competition_id"):
        raise NotFound(f"entry {entry_id} not found")
    view = snapshots.view(entry["competition_id"])
    ranked = [snapshots.ranking(view, stage) for stage in competitions.scored_stages(view.definition)]
    return scorecard(entry, ranked)


def competitions_list(store: Store) -> list[dict]:
    """The competitions reporting knows, for the dashboard's front page."""
    return [{"id": doc["_id"], "name": (doc.get("definition") or {}).get("name") or doc["_id"]}
            for doc in store.competitions()]


def dashboard(snapshots: Snapshots, competition_id: str, top: int = 10, per_category: int = 3) -> dict:
    """What the ministry's dashboard shows: the summary and the top of each stage's ranking."""
    view = snapshots.view(competition_id)
    labels = competitions.category_labels(view.definition)
    stages = []
    for stage in competitions.scored_stages(view.definition):
        ranked = snapshots.ranking(view, stage)

        def first(count: int, **filters) -> list[dict]:
            return list(islice(pages.every_row(ranked, filters), count))
        stages.append({"stage": stage, "size": len(ranked.order), "top": first(top),
                       "by_category": {label: first(per_category, category=category) for category, label in labels.items()}})
    return {"definition": view.definition, "summary": snapshots.summary_of(view), "stages": stages, "labels": labels}
