"""Rankings of a stage from the read model's entries, with the shared scoring code. No I/O."""
from __future__ import annotations

import base64
import json
from bisect import bisect_right
from dataclasses import dataclass

from shared.scoring import Review, highest_weight_criterion, ranking_key, rank, stage_scores
from shared.scoring.rules import rounded

OUT_OF_RUNNING = {"withdrawn", "ineligible"}


def scored_stages(definition: dict) -> list[str]:
    return [stage["key"] for stage in definition.get("stages", []) if stage.get("kind") == "scored"]


def default_stage(definition: dict) -> str | None:
    stages = scored_stages(definition)
    return stages[0] if stages else None


def in_stage(entry: dict, stage: str, first_stage: str | None) -> bool:
    """An entry is ranked in a stage once it has work there, or (first stage) while it is in the running."""
    if entry.get("status") in OUT_OF_RUNNING:
        return False
    if (entry.get("reviews") or {}).get(stage) or (entry.get("assigned") or {}).get(stage):
        return True
    return stage == first_stage and entry.get("submitted_at") is not None and entry.get("stage") in (None, stage)


@dataclass
class Ranking:
    """A stage's rows in ranking order, with their sort keys (for cursors)."""

    rows: list[dict]
    keys: list[tuple]
    reviews: list = None  # the stage's reviews, for normalised totals on scorecards


def build(definition: dict, entries: list[dict], stage: str) -> Ranking:
    """Every entry of `stage` in DESIGN §6 order, as API rows."""
    first = default_stage(definition)
    members = {e["_id"]: e for e in entries if in_stage(e, stage, first)}
    reviews = [Review(entry_id, r["judge_id"], r.get("scores") or {}, r.get("total"))
               for entry_id, entry in members.items() for r in ((entry.get("reviews") or {}).get(stage) or {}).values()]
    standings = stage_scores(reviews, definition.get("normalization", "zscore"),
                             submitted_at={entry_id: e.get("submitted_at") for entry_id, e in members.items()})
    top = highest_weight_criterion(definition.get("criteria", []))
    ordered = rank(standings.values(), definition.get("criteria", []))
    rows = [row(position, standing, members[standing.entry_id], stage) for position, standing in enumerate(ordered, 1)]
    return Ranking(rows=rows, keys=[ranking_key(s, top) for s in ordered], reviews=reviews)


def row(position: int, standing, entry: dict, stage: str) -> dict:
    agency = entry.get("agency") or {}
    return {"rank": position, "entry_id": standing.entry_id, "title": entry.get("title"),
            "agency": {"name": agency.get("name"), "cluster": agency.get("cluster"),
                       "region_code": agency.get("region_code")},
            "province_code": entry.get("province_code"), "category": entry.get("category"),
            "cluster": entry.get("cluster"), "status": entry.get("status"), "stage": stage,
            "score": rounded(standing.score), "raw_score": rounded(standing.raw_score),
            "reviews": {"done": standing.reviews_done, "assigned": len((entry.get("assigned") or {}).get(stage) or {})},
            "criterion_means": {k: rounded(v) for k, v in standing.criterion_means.items()},
            "submitted_at": entry.get("submitted_at")}


def matches(row_: dict, filters: dict) -> bool:
    return all(row_.get(name) == value for name, value in filters.items() if value)


def encode_cursor(key: tuple) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def decode_cursor(cursor: str) -> tuple:
    """The sort key a cursor carries; ValueError when it is not one of ours."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise ValueError("cursor is not valid") from exc
    if not (isinstance(key, list) and len(key) == 5 and isinstance(key[4], str)
            and all(isinstance(part, (int, float)) and not isinstance(part, bool) for part in key[:4])):
        raise ValueError("cursor is not valid")
    return tuple(key)


def page(ranking: Ranking, filters: dict, limit: int, cursor: str | None) -> dict:
    """Rows after `cursor` that match `filters`, at most `limit`; the cursor is the last row's sort key,
    so paging neither skips nor repeats an entry even when the ranking moves in between."""
    start = bisect_right(ranking.keys, decode_cursor(cursor)) if cursor else 0
    items, last_key = [], None
    for index in range(start, len(ranking.rows)):
        if matches(ranking.rows[index], filters):
            if len(items) == limit:
                return {"items": items, "next_cursor": encode_cursor(last_key)}
            items.append(ranking.rows[index])
            last_key = ranking.keys[index]
    return {"items": items, "next_cursor": None}
