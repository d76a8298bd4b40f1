"""A stage's standings from the read model's per-entry sums and marks. No I/O.

This gives exactly the numbers `shared.scoring.stage_scores` gives for the same reviews
(a unit test holds it to bitwise equality, and to the same order), but it starts from what
the read model keeps — per entry, the sum and count of its totals and of each criterion,
and each judge's total — instead of building a Review per score, and it reuses each
entry's sort-key tail (shared.scoring.ranking_key without the score) until the entry
changes. A 300,000-review stage re-ranks in well under a second. The statistics are exact
sums (math.fsum), as in shared.scoring, so the order in which scores arrived cannot move a digit.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from shared.scoring import MIN_SCORES_TO_SCALE, RANK_DECIMALS, ZERO_SPREAD
from services.reporting.domain.rows import Marks

NEAR = 10.0 ** -(RANK_DECIMALS - 1)  # scores closer than this may round to the same RANK_DECIMALS


def score_head(score: float | None) -> float:
    """The first element of shared.scoring.ranking_key (score descending, rounded to RANK_DECIMALS; None last)."""
    return -round(float(score), RANK_DECIMALS) if score is not None else math.inf


class Standing:
    """An entry's place in a stage: the EntryScore fields, computed from its Marks and its normalised score."""

    __slots__ = ("marks", "score")

    def __init__(self, marks: Marks, score: float | None):
        self.marks, self.score = marks, score

    entry_id = property(lambda self: self.marks.entry_id)
    reviews_done = property(lambda self: self.marks.done)
    submitted_at = property(lambda self: self.marks.submitted_at)
    raw_score = property(lambda self: self.marks.total_sum / self.marks.done if self.marks.done else None)
    criterion_means = property(lambda self: self.marks.criterion_means())


@dataclass(frozen=True)
class JudgeStats:
    count: int
    mean: float
    spread: float
    scaled: bool


@dataclass
class Board:
    """A stage in ranking order, and the statistics behind the scores."""

    ordered: list
    judges: dict
    stage_mean: float | None
    stage_spread: float | None
    method: str
    top_criterion: str | None = None

    def sort_key(self, standing: Standing) -> tuple:
        """shared.scoring.ranking_key of a standing (what cursors carry)."""
        return (score_head(standing.score),) + standing.marks.tail(self.top_criterion)

    def normalised(self, judge_id: str, total: float) -> float:
        """A judge's total as it counts in this stage (DESIGN §6 z-score; the total itself otherwise)."""
        stats = self.judges.get(judge_id)
        if self.method != "zscore" or stats is None:
            return float(total)
        shifted = total - stats.mean
        return self.stage_mean + (shifted / stats.spread * self.stage_spread if stats.scaled else shifted)


def _mean_spread(values: list[float]) -> tuple[float, float]:
    """Mean and population standard deviation, with exact sums (as shared.scoring does)."""
    mean = math.fsum(values) / len(values)
    return mean, math.sqrt(math.fsum([(v - mean) ** 2 for v in values]) / len(values))


def statistics(members: list[Marks]) -> tuple[dict, float | None, float | None]:
    """Each judge's statistics and the stage-wide mean and spread of every scored total."""
    by_judge: dict[str, list[float]] = defaultdict(list)
    for member in members:
        marks = member.marks
        for i in range(0, len(marks), 2):
            by_judge[marks[i]].append(marks[i + 1])
    if not by_judge:
        return {}, None, None
    stage_mean, stage_spread = _mean_spread([total for totals in by_judge.values() for total in totals])
    judges = {}
    for judge_id, totals in by_judge.items():
        mean, spread = _mean_spread(totals)
        judges[judge_id] = JudgeStats(len(totals), mean, spread, len(totals) >= MIN_SCORES_TO_SCALE and spread > ZERO_SPREAD)
    return judges, stage_mean, stage_spread


def scores(members: list[Marks], board: Board) -> list[float | None]:
    """Each member's stage score: the mean of its normalised totals (Board.normalised, inlined: this
    loop runs once per review of the stage on every re-ranking)."""
    zscore, mean_all, spread_all = board.method == "zscore", board.stage_mean, board.stage_spread
    judges = {j: (s.mean, s.spread, s.scaled) for j, s in board.judges.items()}
    found = []
    for member in members:
        marks = member.marks
        if not marks:
            found.append(None)
            continue
        values = []
        for i in range(0, len(marks), 2):
            total = marks[i + 1]
            if zscore:
                mean, spread, scaled = judges[marks[i]]
                shifted = total - mean
                total = mean_all + (shifted / spread * spread_all if scaled else shifted)
            values.append(total)
        found.append(math.fsum(values) / len(values))
    return found


def _in_order(standings: list[Standing], board: Board) -> list[Standing]:
    """Sorted by Board.sort_key. round() is slow, so sort by the exact score first, then re-sort with the
    rounded key only the runs of neighbours close enough to round alike (rounding keeps the order)."""
    top = board.top_criterion
    standings.sort(key=lambda s: (-s.score if s.score is not None else math.inf, s.marks.tail(top)))
    start = 0
    for end in range(1, len(standings) + 1):
        if end == len(standings) or standings[end].score is None or standings[end - 1].score is None \
                or standings[end - 1].score - standings[end].score > NEAR:
            if end - start > 1:
                standings[start:end] = sorted(standings[start:end], key=board.sort_key)
            start = end
    return standings


def rank_stage(members: list[Marks], method: str, top_criterion: str | None) -> Board:
    """Every member of a stage in DESIGN §6 order."""
    judges, stage_mean, stage_spread = statistics(members)
    board = Board([], judges, stage_mean, stage_spread, method or "none", top_criterion)
    board.ordered = _in_order([Standing(m, score) for m, score in zip(members, scores(members, board))], board)
    return board
