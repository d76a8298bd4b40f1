"""Rows of a ranked stage as the API, the exports and the dashboard show them; filters and cursor paging. No I/O.

Rows are built many at a time (the columns gathered once per chunk of places), so the CSV of
100,000 rows costs a few microseconds a row.
"""
from __future__ import annotations

import math
from bisect import bisect_right

import numpy as np

from shared import paging
from shared.scoring import rounded
from services.reporting.domain.rankings import Ranked, province_name

FILTERS = ("category", "province_code", "cluster")
CHUNK = 2000


def _shown(values: np.ndarray) -> list:
    """Scores for display (4 decimals, as shared.scoring.rounded), None for NaN."""
    return [None if math.isnan(v) else rounded(v) for v in values.tolist()]


def rows_at(ranked: Ranked, places: list[int]) -> list[dict]:
    """The ranking rows at `places` (0 for the best), scores to 4 decimals."""
    table, words = ranked.table, ranked.table.words.values
    at = ranked.order[places] if places else np.zeros(0, dtype=np.int64)
    member = ranked.member_of[at]
    columns = ranked.columns
    assigned = columns.assigned[at].tolist() if columns is not None else [0] * len(places)
    coded = {name: [words[n] for n in table.coded[name][at].tolist()]
             for name in ("status", "region_code", "province_code", "category", "cluster")}
    gathered = ranked.means(at)
    means = [(criterion, _shown(gathered[:, c])) for c, criterion in sorted(enumerate(ranked.criteria),
                                                                            key=lambda pair: pair[1])]
    score, raw, done = _shown(ranked.scores.score[member]), _shown(ranked.scores.raw[member]), ranked.scores.done[member]
    found = []
    for i, (place, position, reviews) in enumerate(zip(places, at.tolist(), done.tolist())):
        province, cluster = coded["province_code"][i], coded["cluster"][i]
        found.append({"rank": place + 1, "entry_id": table.ids[position], "title": table.text["title"][position],
                      "agency": {"name": table.text["agency"][position], "cluster": cluster,
                                 "region_code": coded["region_code"][i]},
                      "province_code": province, "province": province_name(province),
                      "category": coded["category"][i], "cluster": cluster, "status": coded["status"][i],
                      "stage": ranked.stage, "score": score[i], "raw_score": raw[i],
                      "reviews": {"done": reviews, "assigned": assigned[i]},
                      "criterion_means": {k: values[i] for k, values in means if values[i] is not None},
                      "submitted_at": table.text["submitted_at"][position] or None})
    return found


def matching(ranked: Ranked, filters: dict) -> np.ndarray:
    """The places (0 for the best) whose entries match every given filter (category, province_code, cluster)."""
    keep = np.ones(len(ranked.order), dtype=bool)
    for name, value in filters.items():
        if value:
            keep &= ranked.table.coded[name][ranked.order] == ranked.table.words.find(value)
    return np.flatnonzero(keep)


def _is_sort_key(position) -> bool:
    """A ranking's sort key as a cursor carries it: four numbers and an entry id."""
    return (isinstance(position, list) and len(position) == 5 and isinstance(position[4], str)
            and all(isinstance(p, (int, float)) and not isinstance(p, bool) and not math.isnan(p) for p in position[:4]))


def page(ranked: Ranked, filters: dict, limit: int, cursor: str | None) -> dict:
    """Rows after `cursor` that match `filters`, at most `limit`. The cursor is the last row's full
    sort key (not an offset), so paging never skips or repeats an entry, even if scores move between pages."""
    after = paging.decode_cursor(cursor, _is_sort_key)
    start = bisect_right(range(len(ranked.order)), tuple(after), key=ranked.sort_key) if after else 0
    places = matching(ranked, filters)
    places, last = paging.cut(places[np.searchsorted(places, start):][:limit + 1].tolist(), limit,
                              lambda place: list(ranked.sort_key(place)))
    return paging.reply(rows_at(ranked, places), last)


def every_row(ranked: Ranked, filters: dict):
    """Every matching row in ranking order, one at a time (for the streamed exports)."""
    places = matching(ranked, filters).tolist()
    for start in range(0, len(places), CHUNK):
        yield from rows_at(ranked, places[start:start + CHUNK])
