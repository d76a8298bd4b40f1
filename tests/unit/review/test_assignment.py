"""Assignment properties on generated data (DESIGN §6): coverage, no conflict, spread ≤ 1,
determinism, completeness (infeasible only when an independent max-flow says so), fill runs."""
from __future__ import annotations

import random
from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings, strategies as st

from services.review.domain.assignment import Infeasible, Plan, assign
from services.review.domain.conflicts import Entry, Judge
from tests.unit.review.oracle import barred, feasible

PROVINCES = ["11", "31", "32", "73"]
TOWNS = ["11.01", "11.71", "31.71", "32.01", "32.73", "73.71", "73.15"]
CODES = PROVINCES + TOWNS
CATEGORIES = ["kesehatan", "pendidikan", "ekonomi"]


@st.composite
def stages(draw, max_entries=24, max_judges=9):
    """Entries and judges of a stage, with a sprinkling of every kind of conflict."""
    n_entries = draw(st.integers(1, max_entries))
    entries = [Entry(id=f"e{n:02d}", region_code=draw(st.sampled_from(CODES)), category=draw(st.sampled_from(CATEGORIES)))
               for n in range(n_entries)]
    judges = []
    for n in range(draw(st.integers(1, max_judges))):
        judges.append(Judge(
            id=f"j{n:02d}", home_region=draw(st.sampled_from(PROVINCES)),
            affiliation_region=draw(st.one_of(st.none(), st.sampled_from(CODES))),
            expertise=frozenset(draw(st.lists(st.sampled_from(CATEGORIES), max_size=2))),
            region_conflicts=tuple(draw(st.lists(st.sampled_from(CODES), max_size=1))),
            entry_conflicts=frozenset(draw(st.lists(st.sampled_from([e.id for e in entries]), max_size=2)))))
    per_entry = draw(st.integers(1, min(4, len(judges))))
    return entries, judges, per_entry


def check_valid(plan: Plan, entries, judges, per_entry, existing=None) -> None:
    got = defaultdict(list)
    for entry_id, judge_id in plan.pairs:
        got[entry_id].append(judge_id)
    judge_of = {j.id: j for j in judges}
    for e in entries:
        all_judges = list((existing or {}).get(e.id, [])) + got[e.id]
        assert len(all_judges) == per_entry == len(set(all_judges)), (e.id, all_judges)
        assert not [j for j in got[e.id] if barred(judge_of[j], e)], e.id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stages())
def test_fresh_run_is_valid_even_and_complete(stage):
    entries, judges, per_entry = stage
    result = assign(entries, judges, per_entry)
    if isinstance(result, Infeasible):
        assert result.entries or result.judges
        assert not feasible(entries, judges, per_entry), "reported infeasible, yet a valid assignment exists"
        return
    check_valid(result, entries, judges, per_entry)
    loads = Counter(j for _, j in result.pairs)
    spread = [loads.get(j.id, 0) for j in judges]
    assert max(spread) - min(spread) <= 1, spread
    assert feasible(entries, judges, per_entry)


@settings(max_examples=100, deadline=None)
@given(stages(), st.randoms(use_true_random=False))
def test_same_inputs_give_the_same_assignment_in_any_order(stage, rng):
    entries, judges, per_entry = stage
    first = assign(entries, judges, per_entry)
    again = assign(rng.sample(entries, len(entries)), rng.sample(judges, len(judges)), per_entry)
    assert first == again


@settings(max_examples=100, deadline=None)
@given(stages(), st.integers(1, 3))
def test_fill_run_keeps_what_exists_and_fills_only_gaps(stage, newcomers):
    entries, judges, per_entry = stage
    first = assign(entries, judges, per_entry)
    if isinstance(first, Infeasible):
        return
    existing = defaultdict(list)
    for entry_id, judge_id in first.pairs:
        existing[entry_id].append(judge_id)
    recused = {first.pairs[0]}
    existing[first.pairs[0][0]].remove(first.pairs[0][1])
    added = [Judge(id=f"z{n}", home_region="99") for n in range(newcomers)]
    result = assign(entries, judges + added, per_entry, existing=existing, excluded=frozenset(recused))
    assert isinstance(result, Plan) and not result.fresh
    assert [p for p in result.pairs if p in recused] == []
    assert len(result.pairs) == 1, "only the recused seat is a gap"
    check_valid(result, entries, judges + added, per_entry, existing)
    entry_id, chosen = result.pairs[0]
    before = Counter(j for js in existing.values() for j in js)
    entry = next(e for e in entries if e.id == entry_id)
    free = [j.id for j in judges + added if not barred(j, entry) and j.id not in existing[entry_id]
            and (entry_id, j.id) not in recused]
    assert before[chosen] == min(before[j] for j in free), "the gap goes to a free judge of lowest load"


def test_too_few_judges_without_conflict_names_the_entry_and_why():
    entries = [Entry("e-ok", "73.71", "kesehatan"), Entry("e-jabar", "32.01", "kesehatan")]
    judges = [Judge("j1", "32"), Judge("j2", "11"), Judge("j3", "31"), Judge("j4", "73", affiliation_region="32")]
    result = assign(entries, judges, 3)
    assert isinstance(result, Infeasible)
    assert result.entries == [{"entry_id": "e-jabar",
                               "reason": "only 2 judge(s) of the stage's panel without a conflict of interest, need 3",
                               "free_judges": 2, "needed": 3,
                               "conflicts": [{"judge_id": "j1", "why": "home-province"},
                                             {"judge_id": "j4", "why": "affiliation"}]}]


def test_a_judge_free_for_too_few_entries_makes_even_loads_infeasible():
    entries = [Entry(f"e{n}", "32.01") for n in range(4)] + [Entry("e9", "73.71")]
    judges = [Judge("a", "11"), Judge("b", "31"), Judge("c", "32")]  # c may only take e9, but needs 3
    result = assign(entries, judges, 2)
    assert isinstance(result, Infeasible)
    assert result.judges[0]["judge_id"] == "c" and "only 1 entries" in result.judges[0]["reason"]
    assert not feasible(entries, judges, 2)


def test_expertise_is_preferred_when_loads_allow():
    entries = [Entry("e1", "73.71", "pendidikan")]
    judges = [Judge("a", "11"), Judge("b", "31", expertise=frozenset({"pendidikan"})), Judge("c", "32")]
    plan = assign(entries, judges, 1)
    assert plan.pairs == [("e1", "b")] and plan.expertise_matches == 1


def test_large_realistic_stage_is_valid_and_even():
    rng = random.Random(7)
    entries = [Entry(f"e{n:04d}", rng.choice(CODES), rng.choice(CATEGORIES)) for n in range(600)]
    judges = [Judge(f"j{n:02d}", rng.choice(PROVINCES), rng.choice(CODES)) for n in range(40)]
    plan = assign(entries, judges, 3)
    check_valid(plan, entries, judges, 3)
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
