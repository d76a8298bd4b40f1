"""Top-N under quotas on small stages worked out by hand (DESIGN §6)."""
import pytest

from services.review.domain.errors import NotShortlisted
from services.review.domain.shortlist import Candidate, Pick, candidates_from, is_priority, promote, propose
from shared.errors import Invalid
from shared.scoring import EntryScore


def cand(entry_id, score, category, region):
    return Candidate(entry_id, score, category, region.split(".")[0], region)


def picks(shortlist):
    return [(p.entry_id, p.rank, p.reason) for p in shortlist.picks]


STAGE = [cand("a1", 95, "A", "11.01"), cand("a2", 90, "A", "11.02"), cand("a3", 85, "A", "12.01"),
         cand("b1", 80, "B", "11.03"), cand("a4", 75, "A", "13.01"), cand("c1", 70, "C", "91.01"),
         cand("b2", 65, "B", "91.02")]


def test_without_quotas_the_top_n_is_the_ranking():
    assert picks(propose(STAGE, 3)) == [("a1", 1, "rank"), ("a2", 2, "rank"), ("a3", 3, "rank")]


def test_each_category_gets_its_best_candidate_first():
    # B's best is b1 (4th), C's best is c1 (6th); the one seat left goes to a1 by rank
    result = propose(STAGE, 3, {"min_per_category": 1})
    assert picks(result) == [("a1", 1, "quota:category:A"), ("b1", 2, "quota:category:B"),
                             ("c1", 3, "quota:category:C")]
    assert result.infeasible == []
    assert [c.entry_id for c in result.remaining] == ["a2", "a3", "a4", "b2"]


def test_no_province_goes_over_its_cap():
    # cap 1: a1 takes province 11, so a2 and b1 (both 11) are passed over
    assert picks(propose(STAGE, 4, {"max_per_province": 1})) == [
        ("a1", 1, "rank"), ("a3", 2, "rank"), ("a4", 3, "rank"), ("c1", 4, "rank")]


def test_priority_regions_match_provinces_and_kabupaten_kota():
    assert is_priority(cand("x", 1, "A", "91.02"), ["91"])
    assert is_priority(cand("x", 1, "A", "91.02"), ["91.02"])
    assert not is_priority(cand("x", 1, "A", "91.03"), ["91.02"])
    assert not is_priority(cand("x", 1, "A", "91"), ["91.02"])
    assert not is_priority(cand("x", 1, "A", "11.01"), [])
    # priority 91 (c1, b2): two from there, then a1 by rank
    result = propose(STAGE, 3, {"min_priority_regions": 2}, ["91"])
    assert picks(result) == [("a1", 1, "rank"), ("c1", 2, "quota:priority-region"), ("b2", 3, "quota:priority-region")]


def test_a_quota_pick_already_counts_for_the_priority_quota():
    # C's quota takes c1 (from 91), which also meets min_priority_regions 1
    result = propose(STAGE, 3, {"min_per_category": 1, "min_priority_regions": 1}, ["91"])
    assert [p for p in picks(result) if p[2] == "quota:priority-region"] == []
    assert result.infeasible == []


def test_quotas_that_share_seats_are_met_together_when_possible():
    # seats 2: the greedy order takes a1 (A) and b1 (B) and has no seat for a priority entry;
    # taking a2 (A, priority) instead of a1 meets all three quotas
    stage = [cand("a1", 90, "A", "11.01"), cand("b1", 80, "B", "12.01"), cand("a2", 70, "A", "91.01")]
    result = propose(stage, 2, {"min_per_category": 1, "min_priority_regions": 1}, ["91"])
    assert picks(result) == [("b1", 1, "quota:category:B"), ("a2", 2, "quota:category:A")]
    assert result.infeasible == []


def test_quotas_that_share_a_province_are_met_together_when_possible():
    # cap 1: B's best b1 is in 11 as is A's only a1; B takes b2 (12) so A can have a1
    stage = [cand("b1", 90, "B", "11.01"), cand("b2", 80, "B", "12.01"), cand("a1", 70, "A", "11.02")]
    result = propose(stage, 2, {"min_per_category": 1, "max_per_province": 1})
    assert picks(result) == [("b2", 1, "quota:category:B"), ("a1", 2, "quota:category:A")]


def test_too_few_candidates_is_reported_with_the_numbers():
    # C has one candidate but needs 2: it gets c1 and the shortfall is reported
    result = propose(STAGE, 6, {"min_per_category": 2})
    assert {"quota": "min_per_category", "category": "C", "needed": 2, "available": 1, "picked": 1,
            "cause": "too-few-candidates"} in result.infeasible
    assert len(result.infeasible) == 1


def test_too_few_seats_is_reported_with_the_numbers():
    result = propose(STAGE, 2, {"min_per_category": 1})
    assert picks(result) == [("a1", 1, "quota:category:A"), ("b1", 2, "quota:category:B")]
    assert result.infeasible == [{"quota": "min_per_category", "category": "C", "needed": 1, "available": 1,
                                  "picked": 0, "cause": "too-few-seats", "seats": 2}]


def test_a_province_cap_blocking_a_quota_is_reported():
    # both categories live only in province 11 and the cap is 1: B cannot be represented
    stage = [cand("a1", 90, "A", "11.01"), cand("b1", 80, "B", "11.02")]
    result = propose(stage, 2, {"min_per_category": 1, "max_per_province": 1})
    assert picks(result) == [("a1", 1, "quota:category:A")]
    assert result.infeasible == [{"quota": "min_per_category", "category": "B", "needed": 1, "available": 1,
                                  "picked": 0, "cause": "max-per-province"}]


def test_a_priority_minimum_without_priority_regions_is_reported():
    result = propose(STAGE, 3, {"min_priority_regions": 5}, [])
    assert result.infeasible == [{"quota": "min_priority_regions", "needed": 5, "available": 0, "picked": 0,
                                  "cause": "no-priority-regions"}]


def test_edge_cases():
    assert picks(propose([], 3, {"min_per_category": 1})) == []
    assert picks(propose(STAGE, 0)) == []
    assert len(propose(STAGE, 99).picks) == len(STAGE)
    assert propose(STAGE, 3, {"max_per_province": 0}).picks == propose(STAGE, 3).picks  # 0 = no cap


@pytest.mark.parametrize("quotas, field", [({"max_per_province": "12"}, "quotas.max_per_province"),
                                           ({"min_per_category": -1}, "quotas.min_per_category"),
                                           ({"min_priority_regions": True}, "quotas.min_priority_regions")])
def test_bad_quotas_are_refused_naming_the_field(quotas, field):
    with pytest.raises(Invalid) as caught:
        propose(STAGE, 3, quotas)
    assert caught.value.status == 422 and caught.value.field == field


def test_a_stage_without_a_shortlist_size_is_refused():
    with pytest.raises(Invalid) as caught:
        propose(STAGE, None)
    assert caught.value.field == "shortlist"


def test_as_dict_rounds_scores_for_display():
    body = propose([cand("x", 2 / 3, "A", "11.01")], 1).as_dict()
    assert body["picks"] == [{"entry_id": "x", "rank": 1, "score": 0.6667, "reason": "rank"}]
    assert body["infeasible"] == [] and body["remaining"] == []


def test_candidates_come_from_standings_and_entry_copies():
    ranked = [EntryScore("e1", score=80), EntryScore("e2", score=None), EntryScore("e3", score=70),
              EntryScore("gone", score=60)]
    entries = {"e1": {"category": "A", "province_code": "73", "agency": {"region_code": "73.71"}},
               "e2": {"category": "A", "agency": {"region_code": "73.71"}},
               "e3": {"category": "B", "agency": {"region_code": "91.01"}}}
    assert candidates_from(ranked, entries) == [Candidate("e1", 80, "A", "73", "73.71"),
                                                Candidate("e3", 70, "B", "91", "91.01")]


QUOTAS = {"min_per_category": 1, "max_per_province": 2, "min_priority_regions": 1}


def published():
    # seats 4, cap 2, priority 91: A takes a1, B takes b1, C takes c1 (from 91, so the
    # priority quota is met too); the last seat goes by rank to a2 (11 now holds a1, a2)
    stage = [cand("a1", 95, "A", "11.01"), cand("a2", 90, "A", "11.02"), cand("a3", 85, "A", "11.03"),
             cand("b1", 80, "B", "12.01"), cand("a4", 75, "A", "13.01"), cand("c1", 70, "C", "91.01"),
             cand("b2", 65, "B", "12.02"), cand("c2", 60, "C", "91.02")]
    return stage, propose(stage, 4, QUOTAS, ["91"])


def test_published_example_is_as_expected():
    stage, result = published()
    assert picks(result) == [("a1", 1, "quota:category:A"), ("a2", 2, "rank"), ("b1", 3, "quota:category:B"),
                             ("c1", 4, "quota:category:C")]


def test_removing_a_quota_pick_promotes_the_best_candidate_restoring_it():
    # c1 was C's only pick and the only priority one: c2 restores both
    stage, result = published()
    after = promote(stage, result.picks, "c1", QUOTAS, ["91"])
    assert after.promoted == Pick("c2", 4, 60, "quota:category:C")
    assert [p.entry_id for p in after.shortlist.picks] == ["a1", "a2", "b1", "c2"]
    assert after.shortlist.infeasible == []


def test_removing_a_rank_pick_promotes_the_best_ranked_candidate_under_the_cap():
    # a2 leaves; a3 (85) is best-ranked and province 11 has room again (a1 only)
    stage, result = published()
    after = promote(stage, result.picks, "a2", QUOTAS, ["91"])
    assert after.promoted == Pick("a3", 2, 85, "rank")
    assert picks(after.shortlist)[0] == ("a1", 1, "quota:category:A")  # published reasons are kept


def test_removing_a_pick_whose_quota_stays_met_uses_the_ranking():
    # a1 leaves; A still has a2, so nothing breaks: a3 (85) moves up by rank
    stage, result = published()
    after = promote(stage, [p.as_dict() for p in result.picks], "a1", QUOTAS, ["91"])
    assert after.promoted == Pick("a3", 2, 85, "rank")


def test_entries_removed_before_never_come_back():
    stage, result = published()
    first = promote(stage, result.picks, "c1", QUOTAS, ["91"])
    second = promote(stage, first.shortlist.picks, "c2", QUOTAS, ["91"], excluded={"c1"})
    # C has no candidate left and 91 no entry left: both reported; the seat goes by rank to
    # a4 (75), since a3 (85) would be a third from province 11 (a1, a2)
    assert second.promoted == Pick("a4", 4, 75, "rank")
    assert {"quota": "min_per_category", "category": "C", "needed": 1, "available": 0, "picked": 0,
            "cause": "too-few-candidates"} in second.shortlist.infeasible
    assert {"quota": "min_priority_regions", "needed": 1, "available": 0, "picked": 0,
            "cause": "too-few-candidates"} in second.shortlist.infeasible
    assert "c1" not in [c.entry_id for c in second.shortlist.remaining]


def test_nobody_to_promote_leaves_the_list_one_shorter():
    stage = [cand("a1", 90, "A", "11.01"), cand("a2", 80, "A", "11.02")]
    result = propose(stage, 2, {"max_per_province": 2})
    after = promote(stage, result.picks, "a1", {"max_per_province": 2})
    assert after.promoted is None and picks(after.shortlist) == [("a2", 1, "rank")]


def test_only_a_shortlisted_entry_can_be_removed():
    stage, result = published()
    with pytest.raises(NotShortlisted):
        promote(stage, result.picks, "a4", QUOTAS, ["91"])


def test_a_candidate_restoring_every_broken_quota_is_preferred():
    # a1 (A, from 91) was both A's pick and the priority pick; a2 is better ranked but
    # restores only A, a3 (A, from 91) restores both
    stage = [cand("a1", 90, "A", "91.01"), cand("b1", 85, "B", "11.01"), cand("a2", 80, "A", "12.01"),
             cand("a3", 70, "A", "91.02")]
    quotas = {"min_per_category": 1, "min_priority_regions": 1}
    result = propose(stage, 2, quotas, ["91"])
    assert picks(result) == [("a1", 1, "quota:category:A"), ("b1", 2, "quota:category:B")]
    after = promote(stage, result.picks, "a1", quotas, ["91"])
    assert after.promoted == Pick("a3", 2, 70, "quota:category:A")
    assert after.shortlist.infeasible == []


def test_a_broken_quota_comes_before_one_that_was_already_unmet():
    # cap 1 and everyone in province 11: B never fitted beside a1. When a1 leaves, A (broken)
    # and B (unmet before) could each take the seat; A's a2 gets it and B stays reported
    stage = [cand("a1", 90, "A", "11.01"), cand("b1", 85, "B", "11.02"), cand("a2", 80, "A", "11.03")]
    quotas = {"min_per_category": 1, "max_per_province": 1}
    result = propose(stage, 2, quotas)
    assert picks(result) == [("a1", 1, "quota:category:A")]
    after = promote(stage, result.picks, "a1", quotas)
    assert after.promoted == Pick("a2", 1, 80, "quota:category:A")
    assert after.shortlist.infeasible == [{"quota": "min_per_category", "category": "B", "needed": 1,
                                           "available": 1, "picked": 0, "cause": "max-per-province"}]
