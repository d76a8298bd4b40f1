"""Pure functions for totals, stage scores and ranking order (DESIGN §6). No I/O.

Usage (review and reporting call the same code, so they rank identically):

    total = weighted_total(definition["criteria"], {"kebaruan": 80, ...})      # None if incomplete
    reviews = [Review(entry_id, judge_id, scores, total), ...]                 # one stage only
    standings = stage_scores(reviews, definition.get("normalization", "zscore"),
                             submitted_at={entry_id: "2023-03-10T16:59:59Z", ...})
    ordered = rank(list(standings.values()), definition["criteria"])          # best first
    shown = rounded(ordered[0].score)                                         # 4 decimals, for display

Decisions:
- Spread is the population standard deviation (divide by n), for a judge and for the stage.
- The stage-wide mean and spread are taken over every scored review's total in the stage.
- A review whose total is None (not scored yet) counts nowhere: not in the statistics,
  not in `reviews_done`; an entry without a scored review has score None and ranks last.
- A judge with fewer than MIN_SCORES_TO_SCALE (3) scored entries, or a spread below
  ZERO_SPREAD, is only shifted; "normalization" other than "zscore" means raw means.
- `submitted_at` is compared as an instant, so "10:00+07:00" is earlier than "04:00Z".
- Precision: everything is kept at full float precision, and the result does not depend
  on the order the reviews arrive in (review reads them from its store, reporting from a
  topic): judges' and the stage's sums are exact (math.fsum), an entry's few values are
  summed in ascending order. Ranking compares scores and criterion means rounded to
  RANK_DECIMALS (9) so float noise (10.1 and 20.2 average to 15.149999999999999) never
  beats a tie-break; `rounded()` gives DISPLAY_DECIMALS (4) for replies and exports.
- The work is done over columns by `stage.score_stage` and `order.ranking_order` (numpy);
  the functions here turn lists of reviews into those columns and back. Reporting calls
  the column functions directly, on the columns it keeps.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import numpy as np

from shared.scoring.order import RANK_DECIMALS, descending, ranking_order, submission_instant
from shared.scoring.stage import MIN_SCORES_TO_SCALE, ZERO_SPREAD, normalised_totals, score_stage, statistics

__all__ = ["DISPLAY_DECIMALS", "MIN_SCORES_TO_SCALE", "RANK_DECIMALS", "ZERO_SPREAD", "EntryScore", "Review",
           "criterion_means", "highest_weight_criterion", "normalise", "rank", "ranking_key", "rounded",
           "stage_scores", "weighted_total"]
DISPLAY_DECIMALS = 4


@dataclass(frozen=True)
class Review:
    """One judge's latest scores for one entry in one stage; `total` None means not scored yet."""

    entry_id: str
    judge_id: str
    scores: dict
    total: float | None


@dataclass
class EntryScore:
    """An entry's standing in a stage; `score` and `raw_score` are None without scored reviews."""

    entry_id: str
    raw_score: float | None = None
    score: float | None = None
    reviews_done: int = 0
    criterion_means: dict = field(default_factory=dict)
    submitted_at: str = ""


def weighted_total(criteria: list[dict], scores: Mapping | None) -> float | None:
    """Σ weight·score / Σ weight over the competition's criteria; None if any score is missing."""
    weights = math.fsum(float(c["weight"]) for c in criteria)
    if weights <= 0:
        raise ValueError("the criteria weights must add up to more than zero")
    if not scores or any(scores.get(c["key"]) is None for c in criteria):
        return None
    return math.fsum(float(c["weight"]) * float(scores[c["key"]]) for c in criteria) / weights


def highest_weight_criterion(criteria: list[dict]) -> str | None:
    """The key of the heaviest criterion (the first one listed on a tie)."""
    best = None
    for criterion in criteria:
        if best is None or float(criterion["weight"]) > float(best["weight"]):
            best = criterion
    return best["key"] if best else None


def criterion_means(sheets: Iterable[Mapping | None]) -> dict:
    """Per criterion, the mean of the scores given (missing ones skipped), with exact sums."""
    sheets = [sheet for sheet in sheets if sheet]
    keys = sorted({key for sheet in sheets for key, value in sheet.items() if value is not None})
    means = {}
    for key in keys:
        given = [float(sheet[key]) for sheet in sheets if sheet.get(key) is not None]
        means[key] = math.fsum(given) / len(given)
    return means


def _scored(reviews: Iterable[Review]) -> list[Review]:
    return [r for r in reviews if r.total is not None]


def _columns(scored: list[Review]) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """The entries, the judges and the (entries × review slots) matrices of judge numbers and totals."""
    entries = list(dict.fromkeys(r.entry_id for r in scored))
    judges = list(dict.fromkeys(r.judge_id for r in scored))
    row, number = {e: i for i, e in enumerate(entries)}, {j: i for i, j in enumerate(judges)}
    slots: dict[str, int] = defaultdict(int)
    for review in scored:
        slots[review.entry_id] += 1
    width = max(slots.values(), default=0)
    judge_matrix, totals = np.full((len(entries), width), -1, dtype=np.int32), np.full((len(entries), width), np.nan)
    used: dict[str, int] = defaultdict(int)
    for review in scored:
        at = row[review.entry_id], used[review.entry_id]
        judge_matrix[at], totals[at] = number[review.judge_id], float(review.total)
        used[review.entry_id] += 1
    return entries, judges, judge_matrix, totals


def normalise(reviews: list[Review], method: str = "zscore") -> dict[tuple[str, str], float]:
    """Each scored review's normalised total, keyed by (judge_id, entry_id).

    With "zscore", a judge's totals are standardised against the judge's own mean and
    spread and mapped onto the stage-wide mean and spread of raw totals; a judge with
    fewer than three scored entries or zero spread (below ZERO_SPREAD) is only shifted
    (own mean onto the stage mean). Any other method ("none", "raw", None) leaves totals as they are.
    """
    entries, judges, judge_matrix, totals = _columns(_scored(reviews))
    values = normalised_totals(judge_matrix, totals, statistics(judge_matrix, totals, method or "none"))
    return {(judges[judge_matrix[i, k]], entries[i]): float(values[i, k])
            for i, k in zip(*np.nonzero(~np.isnan(totals)))}


def stage_scores(reviews: list[Review], method: str = "zscore",
                 submitted_at: Mapping[str, str | None] | None = None) -> dict[str, EntryScore]:
    """Raw and normalised stage score, reviews done and per-criterion means for each entry.

    `reviews` are one stage's reviews. `submitted_at` (entry_id → ISO time) fills the
    submission tie-break and adds entries without any scored review, unscored.
    """
    scored = _scored(reviews)
    entries, _, judge_matrix, totals = _columns(scored)
    found = score_stage(judge_matrix, totals, method)
    sheets: dict[str, list] = defaultdict(list)
    for review in scored:
        sheets[review.entry_id].append(review.scores)
    times = dict(submitted_at or {})
    result = {entry_id: EntryScore(entry_id=entry_id, submitted_at=times.get(entry_id) or "") for entry_id in times}
    for i, entry_id in enumerate(entries):
        result[entry_id] = EntryScore(entry_id=entry_id, raw_score=float(found.raw[i]), score=float(found.score[i]),
                                      reviews_done=int(found.done[i]), criterion_means=criterion_means(sheets[entry_id]),
                                      submitted_at=times.get(entry_id) or "")
    return result


def ranking_key(entry: EntryScore, top_criterion: str | None):
    """Sort key for DESIGN §6 order: score desc, heaviest-criterion mean desc, more reviews,
    earlier submission (compared as instants, so time zones do not matter), then entry id.
    Unscored entries, and missing values at any level, come last at that level."""
    top = entry.criterion_means.get(top_criterion) if top_criterion else None
    return (descending(entry.score), descending(top), -entry.reviews_done,
            submission_instant(entry.submitted_at), entry.entry_id)


def rank(entries: Iterable[EntryScore], criteria: list[dict]) -> list[EntryScore]:
    """Entries in ranking order, best first (the order of `ranking_key`)."""
    entries = list(entries)
    top = highest_weight_criterion(criteria)
    none = lambda value: math.nan if value is None else value  # noqa: E731
    order = ranking_order([none(e.score) for e in entries],
                          [none(e.criterion_means.get(top)) if top else math.nan for e in entries],
                          [e.reviews_done for e in entries], [submission_instant(e.submitted_at) for e in entries],
                          [e.entry_id for e in entries])
    return [entries[i] for i in order.tolist()]


def rounded(value: float | None, places: int = DISPLAY_DECIMALS) -> float | None:
    """A score for display (replies, events, exports): rounded to `places` decimals; None stays None."""
    return None if value is None else round(float(value), places)
