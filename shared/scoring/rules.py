"""Pure functions for totals, stage scores and ranking order. No I/O."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

MIN_SCORES_TO_SCALE = 3


@dataclass(frozen=True)
class Review:
    """One judge's latest scores for one entry in one stage."""

    entry_id: str
    judge_id: str
    scores: dict
    total: float


@dataclass
class EntryScore:
    """An entry's standing in a stage."""

    entry_id: str
    raw_score: float | None = None
    score: float | None = None
    reviews_done: int = 0
    criterion_means: dict = field(default_factory=dict)
    submitted_at: str = ""


def weighted_total(criteria: list[dict], scores: dict) -> float:
    """Σ weight·score / Σ weight over the competition's criteria."""
    weights = sum(float(c["weight"]) for c in criteria)
    return sum(float(c["weight"]) * float(scores[c["key"]]) for c in criteria) / weights


def highest_weight_criterion(criteria: list[dict]) -> str | None:
    """The key of the heaviest criterion (the first one listed on a tie)."""
    best = None
    for criterion in criteria:
        if best is None or float(criterion["weight"]) > float(best["weight"]):
            best = criterion
    return best["key"] if best else None


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def _spread(values: list[float]) -> float:
    """Population standard deviation."""
    mean = _mean(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def normalise(reviews: list[Review], method: str = "zscore") -> dict[tuple[str, str], float]:
    """Each review's normalised total, keyed by (judge_id, entry_id).

    With "zscore", a judge's totals are standardised against the judge's own mean and
    spread and mapped onto the stage-wide mean and spread of raw totals; a judge with
    fewer than three scored entries or zero spread is only shifted onto the stage mean.
    Any other method leaves totals as they are.
    """
    if method != "zscore" or not reviews:
        return {(r.judge_id, r.entry_id): r.total for r in reviews}
    all_totals = [r.total for r in reviews]
    stage_mean, stage_spread = _mean(all_totals), _spread(all_totals)
    by_judge: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_judge[review.judge_id].append(review)
    result = {}
    for judge_id, own in by_judge.items():
        totals = [r.total for r in own]
        mean, spread = _mean(totals), _spread(totals)
        scale = len(own) >= MIN_SCORES_TO_SCALE and spread > 0
        for review in own:
            shifted = review.total - mean
            result[(judge_id, review.entry_id)] = stage_mean + (shifted / spread * stage_spread if scale else shifted)
    return result


def stage_scores(reviews: list[Review], method: str = "zscore") -> dict[str, EntryScore]:
    """Raw and normalised stage score, reviews done and per-criterion means for each entry."""
    normalised = normalise(reviews, method)
    by_entry: dict[str, list[Review]] = defaultdict(list)
    for review in reviews:
        by_entry[review.entry_id].append(review)
    result = {}
    for entry_id, own in by_entry.items():
        criteria = sorted({key for r in own for key in r.scores})
        result[entry_id] = EntryScore(
            entry_id=entry_id,
            raw_score=_mean([r.total for r in own]),
            score=_mean([normalised[(r.judge_id, entry_id)] for r in own]),
            reviews_done=len(own),
            criterion_means={key: _mean([float(r.scores[key]) for r in own if key in r.scores]) for key in criteria},
        )
    return result


def ranking_key(entry: EntryScore, top_criterion: str | None):
    """Sort key for DESIGN §6 order: score desc, heaviest-criterion mean desc, more reviews,
    earlier submission, then entry id. Unscored entries come last."""
    score = entry.score if entry.score is not None else -math.inf
    top = entry.criterion_means.get(top_criterion, -math.inf) if top_criterion else -math.inf
    return (-score, -top, -entry.reviews_done, entry.submitted_at or "\uffff", entry.entry_id)


def rank(entries: list[EntryScore], criteria: list[dict]) -> list[EntryScore]:
    """Entries in ranking order."""
    top = highest_weight_criterion(criteria)
    return sorted(entries, key=lambda e: ranking_key(e, top))
