"""Properties of z-score normalisation and ranking on generated stages (DESIGN §6)."""
import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.scoring import Review, normalise, rank, stage_scores

FAST = settings(max_examples=200, deadline=None)
CRITERIA = [{"key": "signifikansi", "weight": 30}, {"key": "kebaruan", "weight": 15}]


@st.composite
def stages(draw):
    """Distinct (entry, judge) reviews with totals on the 0–100 scale."""
    pairs = draw(st.lists(st.tuples(st.sampled_from("ABCDEFG"), st.sampled_from(["J1", "J2", "J3", "J4"])),
                          unique=True, max_size=20))
    return [Review(entry, judge, {"signifikansi": draw(st.integers(0, 100))},
                   draw(st.one_of(st.integers(0, 100).map(float), st.floats(0, 100))))
            for entry, judge in pairs]


def mean(values):
    return math.fsum(values) / len(values)


def spread(values):
    return math.sqrt(math.fsum((v - mean(values)) ** 2 for v in values) / len(values))


@FAST
@given(stages())
def test_each_judge_lands_on_the_stage_mean_and_scaled_judges_on_its_spread(reviews):
    normalised = normalise(reviews)
    if not reviews:
        return
    totals = [r.total for r in reviews]
    for judge in {r.judge_id for r in reviews}:
        own = [r for r in reviews if r.judge_id == judge]
        values = [normalised[(judge, r.entry_id)] for r in own]
        assert mean(values) == pytest.approx(mean(totals), abs=1e-6)
        if len(own) >= 3 and spread([r.total for r in own]) > 1e-9:
            assert spread(values) == pytest.approx(spread(totals), abs=1e-6)
        else:  # only shifted: differences between the judge's totals are kept
            assert [v - values[0] for v in values] == pytest.approx([r.total - own[0].total for r in own], abs=1e-6)


@FAST
@given(stages(), st.randoms(use_true_random=False))
def test_scores_and_ranking_do_not_depend_on_arrival_order(reviews, rnd: random.Random):
    shuffled = list(reviews)
    rnd.shuffle(shuffled)
    first, again = stage_scores(reviews), stage_scores(shuffled)
    assert {e: (s.score, s.raw_score) for e, s in first.items()} == {e: (s.score, s.raw_score) for e, s in again.items()}
    ordered = [e.entry_id for e in rank(first.values(), CRITERIA)]
    assert ordered == [e.entry_id for e in rank(list(again.values())[::-1], CRITERIA)]
    scores = [first[e].score for e in ordered]
    assert all(round(a, 9) >= round(b, 9) for a, b in zip(scores, scores[1:]))
