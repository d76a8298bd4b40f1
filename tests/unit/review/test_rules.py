"""Review's small rules, pinned on hand-made cases: conflicts, stage membership, score checks, totals."""
from __future__ import annotations

import pytest

from services.review.domain import entries, judges, scores
from services.review.domain.conflicts import Entry, Judge, conflict
from services.review.domain.errors import Invalid, InvalidScores
from tests import factories

DEFINITION = factories.competition("kipp-unit")


@pytest.mark.parametrize("judge, entry, why", [
    (Judge("j", home_region="73"), Entry("e", "73.71"), "home-province"),
    (Judge("j", home_region="32", affiliation_region="73.71"), Entry("e", "73.71"), "affiliation"),
    (Judge("j", home_region="32", affiliation_region="73"), Entry("e", "73.15"), "affiliation"),
    (Judge("j", home_region="32", affiliation_region="73.15"), Entry("e", "73.71"), None),
    (Judge("j", home_region="32", region_conflicts=("73.71",)), Entry("e", "73.71"), "declared-region"),
    (Judge("j", home_region="32", entry_conflicts=frozenset({"e"})), Entry("e", "11.01"), "declared-entry"),
    (Judge("j", home_region="32"), Entry("e", "31.71"), None),
])
def test_conflicts_of_interest(judge, entry, why):
    assert conflict(judge, entry) == why


def test_declared_conflicts_split_into_regions_and_entries():
    doc = judges.new_judge({"id": "j1", "name": "A", "email": "a@b.id", "home_region": "32",
                            "conflicts": ["73", "73.71", "e-123", "99.99"]}, "admin")
    judge = judges.as_judge(doc)
    assert judge.region_conflicts == ("73", "73.71") and judge.entry_conflicts == {"e-123", "99.99"}


def test_home_region_must_be_a_province():
    with pytest.raises(Invalid) as refused:
        judges.new_judge({"id": "j1", "name": "A", "email": "a@b.id", "home_region": "73.71"}, "admin")
    assert refused.value.field == "home_region"


def test_an_entry_enters_a_scored_stage_only_when_eligible_at_screening():
    entry = {"_id": "e", "competition_id": "kipp-unit", "status": "submitted"}
    assert not entries.in_stage(DEFINITION, entry, "evaluasi")
    eligible = {**entry, "screenings": {"administrasi": {"decision": "eligible"}}}
    assert entries.in_stage(DEFINITION, eligible, "evaluasi")
    assert not entries.in_stage(DEFINITION, {**eligible, "status": "withdrawn"}, "evaluasi")
    assert not entries.in_stage(DEFINITION, eligible, "wawancara"), "the interview needs an advance from evaluasi"
    advanced = {**eligible, "results": {"evaluasi": {"outcome": "advanced"}}}
    assert entries.in_stage(DEFINITION, advanced, "wawancara")


def test_blind_review_hides_the_agency_and_never_shows_the_contact():
    entry = {"_id": "e", "title": "T", "agency": {"name": "Dinas"}, "province_code": "73", "contact": {"email": "x"}}
    assert "agency" not in entries.judge_view(entry, blind=True) and "contact" not in entries.judge_view(entry, False)
    assert entries.judge_view(entry, blind=False)["agency"] == {"name": "Dinas"}


def test_score_problems_name_each_criterion_with_its_rule():
    given = {"latar_belakang": 10, "kebaruan": 100.5, "implementasi": -0.1, "signifikansi": True,
             "adaptabilitas": float("nan"), "sumber_daya": None, "lain": 3}
    found = scores.problems(DEFINITION, given)
    assert {k: v[0][0] for k, v in found.items()} == {
        "scores.kebaruan": "above-max", "scores.implementasi": "below-min", "scores.signifikansi": "not-a-number",
        "scores.adaptabilitas": "not-a-number", "scores.sumber_daya": "required", "scores.keberlanjutan": "required",
        "scores.lain": "unknown-criterion"}
    with pytest.raises(InvalidScores):
        scores.check(DEFINITION, given)


def test_a_revision_carries_the_weighted_total_and_the_next_number():
    assignment = {"_id": "a1", "competition_id": "c", "stage": "evaluasi", "entry_id": "e", "judge_id": "j"}
    given = {"latar_belakang": 100, "kebaruan": 0, "implementasi": 0, "signifikansi": 50, "adaptabilitas": 0,
             "sumber_daya": 0, "keberlanjutan": 0}
    first = scores.new_revision(DEFINITION, assignment, None, given, "", "j", "2026-01-01T00:00:00.000Z")
    assert first["revision"] == 1 and first["total"] == 25.0 and first["_id"] == "a1:1"  # (10·100 + 30·50) / 100
    second = scores.new_revision(DEFINITION, assignment, first, {**given, "kebaruan": 100}, "", "j", "t")
    assert second["revision"] == 2 and second["total"] == 40.0
    assert scores.unchanged(first, given, "") and not scores.unchanged(first, given, "catatan")


def test_publishing_advances_the_picks_and_eliminates_the_rest_with_their_rank():
    from services.review.domain import results
    from services.review.domain.shortlist import Candidate
    ranked = [Candidate("a", 90.0, "kesehatan", "73"), Candidate("b", 80.0, "kesehatan", "73"),
              Candidate("c", 70.123456, "ekonomi", "31")]
    picks = [{"entry_id": "a", "rank": 1, "score": 90.0, "reason": "rank"},
             {"entry_id": "c", "rank": 2, "score": 70.1235, "reason": "quota:category:ekonomi"}]
    found = {o["entry_id"]: o for o in results.outcomes(DEFINITION, "evaluasi", picks, ranked, ["a", "b", "c", "d"])}
    assert found["a"] == {"entry_id": "a", "outcome": "advanced", "to_stage": "wawancara", "rank": 1, "score": 90.0,
                          "reason": "rank"}
    assert found["c"]["reason"] == "quota:category:ekonomi" and found["c"]["to_stage"] == "wawancara"
    assert found["b"] == {"entry_id": "b", "outcome": "eliminated", "to_stage": None, "rank": 2, "score": 80.0,
                          "reason": "below-cutoff"}
    assert found["d"]["reason"] == "not-scored" and found["d"]["rank"] is None
    last = results.outcomes(DEFINITION, "wawancara", picks, ranked, ["a"])
    assert last[0]["to_stage"] is None, "after the last stage there is no next one"
