"""A stage's scores over columns (DESIGN §6): the one implementation behind `stage_scores` and `normalise`. No I/O.

The input is one row per entry and one column per review slot:

    judges  int array (entries × slots), the judge's number, -1 in an empty slot
    totals  float array (entries × slots), the review's total, NaN in an empty slot

`score_stage(judges, totals, method)` gives each entry's raw score, normalised score and
reviews done, and the statistics behind them (`Statistics.normalised` maps one total).

Why columns: reporting re-ranks a whole stage (100,000 entries × 3 reviews) after every
change it sees, and review ranks a stage when it closes; the same vectorised code serves
both, so they rank identically. The result never depends on the order reviews arrive in:
every sum (per judge, stage-wide, per entry) runs over its values in ascending order.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MIN_SCORES_TO_SCALE = 3
ZERO_SPREAD = 1e-9  # below this a judge's spread is float noise (72.3 and 72.30000000000001), not a spread


@dataclass(frozen=True)
class Statistics:
    """Per judge (by number): scored count, mean and spread, and whether the judge is scaled; the stage's mean and spread."""

    method: str
    counts: np.ndarray
    means: np.ndarray
    spreads: np.ndarray
    scaled: np.ndarray
    stage_mean: float | None
    stage_spread: float | None

    def normalised(self, judge: int, total: float) -> float:
        """A judge's total as it counts in the stage (z-score onto the stage's mean and spread, or only shifted)."""
        if self.method != "zscore" or judge < 0 or judge >= len(self.counts) or not self.counts[judge]:
            return float(total)
        shifted = float(total) - float(self.means[judge])
        if self.scaled[judge]:
            return self.stage_mean + shifted / float(self.spreads[judge]) * self.stage_spread
        return self.stage_mean + shifted


@dataclass(frozen=True)
class StageScores:
    """Per entry (row): raw score and score (NaN when unscored) and reviews done; and the statistics."""

    raw: np.ndarray
    score: np.ndarray
    done: np.ndarray
    statistics: Statistics


def _sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The sum of each segment of `values` beginning at `starts` (each segment non-empty)."""
    return np.add.reduceat(values, starts) if len(starts) else np.zeros(0)


def statistics(judges: np.ndarray, totals: np.ndarray, method: str) -> Statistics:
    """Each judge's count, mean and spread over its scored totals, and the stage-wide mean and spread.

    Every sum runs over values in ascending order (the stage's totals sorted once, then grouped
    by judge with a stable sort), so it is the sum of the multiset whatever order the reviews
    came in; the spread is the population standard deviation (divide by n)."""
    scored = ~np.isnan(totals)
    flat_judges, flat_totals = judges[scored].astype(np.int64), totals[scored]
    size = int(flat_judges.max()) + 1 if len(flat_judges) else 0
    counts = np.bincount(flat_judges, minlength=size) if size else np.zeros(0, dtype=np.int64)
    if not len(flat_totals):
        zeros = np.zeros(size)
        return Statistics(method, counts, zeros, zeros, np.zeros(size, dtype=bool), None, None)
    ascending = np.argsort(flat_totals)  # equal totals may swap places: the values come out the same
    values = flat_totals[ascending]
    narrow = np.int16 if size <= np.iinfo(np.int16).max else np.int64  # a radix sort for the usual few judges
    by_judge = ascending[np.argsort(flat_judges[ascending].astype(narrow), kind="stable")]
    present = counts > 0
    starts = np.concatenate(([0], np.cumsum(counts[present])[:-1]))
    means, spreads = np.zeros(size), np.zeros(size)
    means[present] = _sums(flat_totals[by_judge], starts) / counts[present]
    deviations = flat_totals[by_judge] - np.repeat(means[present], counts[present])
    spreads[present] = np.sqrt(_sums(deviations * deviations, starts) / counts[present])
    stage_mean = float(np.sum(values)) / len(values)
    deviations = values - stage_mean
    stage_spread = math.sqrt(float(np.sum(deviations * deviations)) / len(values))
    scaled = (counts >= MIN_SCORES_TO_SCALE) & (spreads > ZERO_SPREAD)
    return Statistics(method, counts, means, spreads, scaled, stage_mean, stage_spread)


def normalised_totals(judges: np.ndarray, totals: np.ndarray, stats: Statistics) -> np.ndarray:
    """Every total as it counts in the stage (NaN stays NaN); the totals themselves unless the method is z-score."""
    if stats.method != "zscore" or stats.stage_mean is None:
        return totals
    at = np.where(np.isnan(totals), 0, judges)  # an empty slot's judge number is never looked at
    shifted = totals - stats.means[at]
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = shifted / stats.spreads[at] * stats.stage_spread
    return stats.stage_mean + np.where(stats.scaled[at], scaled, shifted)


def row_means(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's mean over its non-NaN values (NaN when none) and how many there were.
    The values are summed in ascending order, one column at a time, so the result is that of the
    multiset: neither the slot a value sits in nor the width of the matrix can move a digit."""
    done = np.count_nonzero(~np.isnan(values), axis=1)
    if values.shape[1] == 0:
        return np.full(len(values), np.nan), done
    ordered = np.sort(values, axis=1)  # NaN sorts last
    ordered[np.isnan(ordered)] = 0.0
    total = ordered[:, 0].copy()
    for slot in range(1, ordered.shape[1]):
        total += ordered[:, slot]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(done > 0, total / np.maximum(done, 1), np.nan), done


def score_stage(judges: np.ndarray, totals: np.ndarray, method: str = "zscore") -> StageScores:
    """Raw score (mean of totals), score (mean of normalised totals) and reviews done for each entry."""
    totals = np.asarray(totals, dtype=np.float64)
    judges = np.asarray(judges)
    stats = statistics(judges, totals, method or "none")
    raw, done = row_means(totals)
    score, _ = row_means(normalised_totals(judges, totals, stats))
    return StageScores(raw, score, done, stats)
