"""Who is ranked in a stage, how a ranking row looks, and cursor paging over it. No I/O."""
from __future__ import annotations

import base64
import json
import math
from bisect import bisect_right
from functools import lru_cache

from shared import regions
from shared.errors import Invalid
from shared.scoring import rounded
from services.reporting.domain.competitions import scored_stages
from services.reporting.domain.derived import key
from services.reporting.domain.rows import Marks, Row
from services.reporting.domain.standings import Board

OUT_OF_RUNNING = {None, "withdrawn", "ineligible"}
FILTERS = ("category", "province_code", "cluster")


@lru_cache(maxsize=1024)
def province_name(code: str | None) -> str | None:
    return regions.name(code) if code else None


def chosen_stage(definition: dict, stage: str | None) -> str:
    """The stage asked for, or the first scored stage; Invalid (422, field `stage`) for any other."""
    stages = scored_stages(definition)
    if stage is None and stages:
        return stages[0]
    if stage not in stages:
        raise Invalid(f"stage must be a scored stage of this competition: {', '.join(stages) or 'none'}", field="stage")
    return stage


def in_stage(row: Row, stage: str, first_stage: str | None) -> bool:
    """Ranked in `stage`: in the running and either judged there, decided there, moved there,
    or (the first scored stage) simply submitted — unscored entries then rank last."""
    if row.status in OUT_OF_RUNNING:
        return False
    if stage == first_stage or row.stage == stage:
        return True
    return row.marks(key(stage)) is not None or key(stage) in row.decided


def members(rows: dict, stage: str, first_stage: str | None) -> list[Marks]:
    """The stage's view of each of its entries: its sums and marks there (empty when not judged yet)."""
    stage_key = key(stage)
    return [row.marks(stage_key) or Marks(row.id, row.submitted_at) for row in rows.values()
            if in_stage(row, stage, first_stage)]


def row(position: int, standing, entry: Row, stage: str) -> dict:
    """A ranking row as the API, the exports and the dashboard show it (scores to 4 decimals)."""
    return {"rank": position, "entry_id": entry.id, "title": entry.title,
            "agency": {"name": entry.agency, "cluster": entry.cluster, "region_code": entry.region_code},
            "province_code": entry.province_code, "province": province_name(entry.province_code),
            "category": entry.category, "cluster": entry.cluster, "status": entry.status,
            "stage": stage, "score": rounded(standing.score), "raw_score": rounded(standing.raw_score),
            "reviews": {"done": standing.reviews_done, "assigned": standing.marks.assigned},
            "criterion_means": {k: rounded(v) for k, v in standing.criterion_means.items()},
            "submitted_at": entry.submitted_at or None}


def matches(entry: Row, filters: dict) -> bool:
    return all(entry.get(name) == value for name, value in filters.items() if value)


def encode_cursor(sort_key: tuple) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(sort_key)).encode()).decode()


def decode_cursor(cursor: str) -> tuple:
    """The sort key a cursor carries; ValueError when it is not one of ours."""
    try:
        sort_key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise ValueError("cursor is not one this API gave out") from exc
    if not (isinstance(sort_key, list) and len(sort_key) == 5 and isinstance(sort_key[4], str)
            and all(isinstance(p, (int, float)) and not isinstance(p, bool) and not math.isnan(p) for p in sort_key[:4])):
        raise ValueError("cursor is not one this API gave out")
    return tuple(sort_key)


def page(board: Board, rows: dict, stage: str, filters: dict, limit: int, cursor: str | None) -> dict:
    """Rows after `cursor` that match `filters`, at most `limit`. The cursor is the last row's full
    sort key (not an offset), so paging never skips or repeats an entry, even if scores move between pages."""
    start = bisect_right(board.ordered, decode_cursor(cursor), key=board.sort_key) if cursor else 0
    items, last = [], None
    for index in range(start, len(board.ordered)):
        standing = board.ordered[index]
        if matches(rows[standing.entry_id], filters):
            if len(items) == limit:
                return {"items": items, "next_cursor": encode_cursor(board.sort_key(last))}
            items.append(row(index + 1, standing, rows[standing.entry_id], stage))
            last = standing
    return {"items": items, "next_cursor": None}


def every_row(board: Board, rows: dict, stage: str, filters: dict):
    """Every matching row in ranking order, one at a time (for the streamed exports)."""
    for index, standing in enumerate(board.ordered):
        if matches(rows[standing.entry_id], filters):
            yield row(index + 1, standing, rows[standing.entry_id], stage)
