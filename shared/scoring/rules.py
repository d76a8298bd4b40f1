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
- Precision: everything is kept at full float precision; sums use math.fsum, so the
  result does not depend on the order the reviews arrive in (review reads them from its
  store, reporting from a topic). Ranking compares scores and criterion means rounded to
  RANK_DECIMALS (9) so float noise (10.1 and 20.2 average to 15.149999999999999) never
  beats a tie-break; `rounded()` gives DISPLAY_DECIMALS (4) for replies and exports.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Mapping

MIN_SCORES_TO_SCALE = 3
ZERO_SPREAD = 1e-9  # below this a judge's spread is float noise (72.3 and 72.30000000000001), not a spread
RANK_DECIMALS = 9
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


def _mean(values: list[float]) -> float:
    return math.fsum(values) / len(values)


def _spread(values: list[float]) -> float:
    """Population standard deviation (divide by n, not n - 1)."""
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def _scored(reviews: Iterable[Review]) -> list[Review]:
    return [r for r in reviews if r.total is not None]


def normalise(reviews: list[Review], method: str = "zscore") -> dict[tuple[str, str], float]:
    """Each scored review's normalised total, keyed by (judge_id, entry_id).

    With "zscore", a judge's totals are standardised against the judge's own mean and
    spread and mapped onto the stage-wide mean and spread of raw totals; a judge with
    fewer than three scored entries or zero spread (below ZERO_SPREAD) is only shifted
    (own mean onto the stage mean). Any other method ("none", "raw", None) leaves totals as they are.
    """
    scored = _scored(reviews)
    if method != "zscore" or not scored:
        return {(r.judge_id, r.entry_id): float(r.total) for r in scored}
    stage_mean, stage_spread = _mean([r.total for r in scored]), _spread([r.total for r in scored])
    by_judge: dict[str, list[Review]] = defaultdict(list)
    for review in scored:
        by_judge[review.judge_id].append(review)
    result = {}
    for judge_id, own in by_judge.items():
        totals = [r.total for r in own]
        mean, spread = _mean(totals), _spread(totals)
        scale = len(own) >= MIN_SCORES_TO_SCALE and spread > ZERO_SPREAD
        for review in own:
            shifted = review.total - mean
            result[(judge_id, review.entry_id)] = stage_mean + (shifted / spread * stage_spread if scale else shifted)
    return result


def _criterion_means(own: list[Review]) -> dict:
    keys = sorted({key for r in own for key, value in r.scores.items() if value is not None})
    return {key: _mean([float(r.scores[key]) for r in own if r.scores.get(key) is not None]) for key in keys}


def stage_scores(reviews: list[Review], method: str = "zscore",
                 submitted_at: Mapping[str, str | None] | None = None) -> dict[str, EntryScore]:
    """Raw and normalised stage score, reviews done and per-criterion means for each entry.

    `reviews` are one stage's reviews. `submitted_at` (entry_id → ISO time) fills the
    submission tie-break and adds entries without any scored review, unscored.
    """
    normalised = normalise(reviews, method)
    by_entry: dict[str, list[Review]] = defaultdict(list)
    for review in _scored(reviews):
        by_entry[review.entry_id].append(review)
    times = dict(submitted_at or {})
    result = {entry_id: EntryScore(entry_id=entry_id, submitted_at=times.get(entry_id) or "")
              for entry_id in times}
    for entry_id, own in by_entry.items():
        result[entry_id] = EntryScore(
            entry_id=entry_id,
            raw_score=_mean([r.total for r in own]),
            score=_mean([normalised[(r.judge_id, entry_id)] for r in own]),
            reviews_done=len(own),
            criterion_means=_criterion_means(own),
            submitted_at=times.get(entry_id) or "",
        )
    return result


def _instant(value: str | None) -> float:
    """Seconds since the epoch for an ISO time (naive means UTC); missing or unreadable sorts last."""
    if not value:
        return math.inf
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return math.inf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _descending(value: float | None) -> float:
    return -round(float(value), RANK_DECIMALS) if value is not None else math.inf


def ranking_key(entry: EntryScore, top_criterion: str | None):
    """Sort key for DESIGN §6 order: score desc, heaviest-criterion mean desc, more reviews,
    earlier submission (compared as instants, so time zones do not matter), then entry id.
    Unscored entries, and missing values at any level, come last at that level."""
    top = entry.criterion_means.get(top_criterion) if top_criterion else None
    return (_descending(entry.score), _descending(top), -entry.reviews_done,
            _instant(entry.submitted_at), entry.entry_id)


def rank(entries: Iterable[EntryScore], criteria: list[dict]) -> list[EntryScore]:
    """Entries in ranking order, best first."""
    top = highest_weight_criterion(criteria)
    return sorted(entries, key=lambda e: ranking_key(e, top))


def rounded(value: float | None, places: int = DISPLAY_DECIMALS) -> float | None:
    """A score for display (replies, events, exports): rounded to `places` decimals; None stays None."""
    return None if value is None else round(float(value), places)
