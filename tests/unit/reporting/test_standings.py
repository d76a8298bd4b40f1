"""The read model's standings are exactly shared.scoring's, number for number and in the same order."""
from __future__ import annotations

import math

from hypothesis import given, settings, strategies as st

from shared.scoring import Review, rank, stage_scores
from services.reporting.domain import rankings
from services.reporting.domain.readmodel import merge
from services.reporting.domain.standings import rank_stage
from tests.unit.reporting import events as ev

CRITERIA = [{"key": "kebaruan", "weight": 1}, {"key": "signifikansi", "weight": 3}]
score = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)))


@st.composite
def stages(draw):
    """Entries with 0–4 judges each, a few judges (so some have fewer than three scores), ties likely."""
    judges = [f"j{n}" for n in range(draw(st.integers(1, 6)))]
    entries = []
    for n in range(draw(st.integers(1, 14))):
        own = draw(st.lists(st.sampled_from(judges), max_size=4, unique=True))
        marks = [(judge, draw(score), draw(score)) for judge in own]
        entries.append((f"e{n:02d}", f"2026-03-{1 + draw(st.integers(0, 3)):02d}T09:00:00+07:00", marks))
    return entries


def documents(entries) -> dict:
    rows = {}
    for entry_id, when, marks in entries:
        doc = merge(None, ev.submitted(entry_id, when=when))
        for judge, a, b in marks:
            total = (a * 1 + b * 3) / 4
            doc = merge(doc, ev.assigned(entry_id, judge))
            doc = merge(doc, ev.scored(entry_id, judge, {"kebaruan": a, "signifikansi": b}, total))
        rows[entry_id] = doc
    return ev.as_rows(rows)


@settings(max_examples=300, deadline=None)
@given(stages(), st.sampled_from(["zscore", "none"]))
def test_standings_equal_shared_scoring_bitwise_and_rank_the_same(entries, method):
    rows = documents(entries)
    board = rank_stage(rankings.members(rows, "evaluasi", "evaluasi"), method, "signifikansi")
    reviews = [Review(entry_id, judge, {"kebaruan": a, "signifikansi": b}, (a + 3 * b) / 4)
               for entry_id, _, marks in entries for judge, a, b in marks]
    expected = rank(list(stage_scores(reviews, method, {e: when for e, when, _ in entries}).values()), CRITERIA)
    assert [s.entry_id for s in board.ordered] == [s.entry_id for s in expected]
    for got, want in zip(board.ordered, expected):
        assert (got.score, got.raw_score, got.reviews_done, got.criterion_means) == \
            (want.score, want.raw_score, want.reviews_done, want.criterion_means)


def test_a_hand_computed_zscore_stage():
    """Three judges, three entries each: z-scores mapped onto the stage mean and spread, by hand."""
    totals = {"j1": [60, 70, 80], "j2": [90, 80, 70], "j3": [50, 50, 80]}
    entries = [(f"e{i}", "2026-03-01T00:00:00Z", [(j, t[i], t[i]) for j, t in totals.items()]) for i in range(3)]
    board = rank_stage(rankings.members(documents(entries), "evaluasi", "evaluasi"), "zscore", "signifikansi")
    every = [t for ts in totals.values() for t in ts]
    mean = sum(every) / 9
    spread = math.sqrt(sum((t - mean) ** 2 for t in every) / 9)

    def z(judge, i):
        own = totals[judge]
        m = sum(own) / 3
        s = math.sqrt(sum((t - m) ** 2 for t in own) / 3)
        return mean + (own[i] - m) / s * spread
    expected = {f"e{i}": sum(z(j, i) for j in totals) / 3 for i in range(3)}
    assert [s.entry_id for s in board.ordered] == sorted(expected, key=lambda e: -expected[e])
    for standing in board.ordered:
        assert math.isclose(standing.score, expected[standing.entry_id], abs_tol=1e-9)


def test_unscored_entries_rank_after_scored_ones():
    rows = documents([("e1", "2026-03-01T00:00:00Z", []), ("e2", "2026-03-02T00:00:00Z", [("j1", 10, 10)])])
    board = rank_stage(rankings.members(rows, "evaluasi", "evaluasi"), "zscore", "signifikansi")
    assert [s.entry_id for s in board.ordered] == ["e2", "e1"] and board.ordered[1].score is None
