"""The column functions behind stage_scores and rank: the same answers however the columns are laid out,
the order of `ranking_key` exactly, and the numbers of a plain computation (DESIGN §6)."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.scoring import (EntryScore, Review, rank_units, ranking_key, ranking_order, score_stage, stage_scores,
                            submission_instant)
from shared.scoring.order import descending

FAST = settings(max_examples=200, deadline=None)
near_ties = st.sampled_from([70.0, 70.0000000005, 70.0000000004999, 70.00000000049999, 69.9999999995, 70.1, 15.15,
                             15.149999999999999, 0.0, 100.0])
value = st.one_of(st.none(), near_ties, st.floats(0, 100, allow_nan=False))


@st.composite
def standings(draw):
    size = draw(st.integers(0, 25))
    return [EntryScore(entry_id=draw(st.sampled_from(["a", "b", "c", "e1", "e10", "e2", "Z"])) + str(n % 3),
                       score=draw(value), reviews_done=draw(st.integers(0, 3)),
                       criterion_means={"top": v} if (v := draw(value)) is not None else {},
                       submitted_at=draw(st.sampled_from(["", "2026-03-01T00:00:00Z", "2026-03-01T07:00:00+07:00",
                                                          "2026-03-02T00:00:00Z", "bukan waktu"])))
            for n in range(size)]


def nan(value):
    return math.nan if value is None else value


@FAST
@given(standings())
def test_ranking_order_is_the_order_of_ranking_key(entries):
    order = ranking_order([nan(e.score) for e in entries], [nan(e.criterion_means.get("top")) for e in entries],
                          [e.reviews_done for e in entries], [submission_instant(e.submitted_at) for e in entries],
                          [e.entry_id for e in entries])
    got = [ranking_key(entries[i], "top") for i in order.tolist()]
    assert got == sorted(ranking_key(e, "top") for e in entries)


@FAST
@given(st.lists(st.one_of(near_ties, st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 10 ** 6).map(lambda n: n / 2e9)),
                max_size=30))
def test_rank_units_compare_like_python_rounding(values):
    units = rank_units(np.array(values, dtype=float)).tolist()
    for a, ua in zip(values, units):
        for b, ub in zip(values, units):
            assert (ua < ub) == (descending(a) < descending(b)) and (ua == ub) == (descending(a) == descending(b))


def reference(reviews):
    """The stage by hand: per judge and stage-wide mean and population spread, z-scores mapped back."""
    totals = [r.total for r in reviews]
    mean_all = sum(totals) / len(totals)
    spread_all = math.sqrt(sum((t - mean_all) ** 2 for t in totals) / len(totals))
    scores = {}
    for review in reviews:
        own = [r.total for r in reviews if r.judge_id == review.judge_id]
        mean = sum(own) / len(own)
        spread = math.sqrt(sum((t - mean) ** 2 for t in own) / len(own))
        shifted = review.total - mean
        value = mean_all + (shifted / spread * spread_all if len(own) >= 3 and spread > 1e-9 else shifted)
        scores.setdefault(review.entry_id, []).append(value)
    return {entry_id: sum(values) / len(values) for entry_id, values in scores.items()}


@st.composite
def stages(draw):
    pairs = draw(st.lists(st.tuples(st.sampled_from("ABCDEFGH"), st.sampled_from(["J1", "J2", "J3", "J4", "J5"])),
                          unique=True, min_size=1, max_size=30))
    return [Review(e, j, {}, draw(st.integers(0, 100).map(float) | st.floats(0, 100))) for e, j in pairs]


@FAST
@given(stages(), st.randoms(use_true_random=False), st.integers(0, 3))
def test_score_stage_ignores_slot_order_and_matrix_width_and_matches_a_plain_computation(reviews, rnd, extra):
    entries = sorted({r.entry_id for r in reviews})
    judges = sorted({r.judge_id for r in reviews})
    width = max(sum(r.entry_id == e for r in reviews) for e in entries) + extra

    def matrices(order):
        numbers, totals = np.full((len(entries), width), -1), np.full((len(entries), width), np.nan)
        used = dict.fromkeys(entries, 0)
        for review in order:
            row = entries.index(review.entry_id)
            slot = rnd.randrange(width) if extra else used[review.entry_id]
            while not np.isnan(totals[row, slot]):
                slot = (slot + 1) % width
            numbers[row, slot], totals[row, slot] = judges.index(review.judge_id), review.total
            used[review.entry_id] += 1
        return numbers, totals
    shuffled = list(reviews)
    rnd.shuffle(shuffled)
    first, second = score_stage(*matrices(reviews)), score_stage(*matrices(shuffled))
    assert first.score.tolist() == second.score.tolist() and first.raw.tolist() == second.raw.tolist()
    expected = reference(reviews)
    assert dict(zip(entries, first.score.tolist())) == pytest.approx(expected, abs=1e-9)
    assert {e: s.score for e, s in stage_scores(reviews).items()} == dict(zip(entries, first.score.tolist()))


def test_a_judge_total_maps_through_the_statistics_as_in_the_stage():
    # the two-judge stage of test_totals_and_normalisation: z = ±1 everywhere, stage mean 70, spread 10
    numbers = np.array([[0, 1], [0, 1], [0, 1], [0, 1]])
    totals = np.array([[56.0, 72.0], [68.0, 72.0], [56.0, 84.0], [68.0, 84.0]])
    stats = score_stage(numbers, totals).statistics
    assert (stats.stage_mean, stats.stage_spread) == (70.0, 10.0)
    assert [stats.normalised(0, 56), stats.normalised(1, 84), stats.normalised(7, 50)] == [60.0, 80.0, 50.0]
