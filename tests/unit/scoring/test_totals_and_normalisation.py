"""Weighted totals and z-score normalisation, pinned on small cases computed by hand (DESIGN §6)."""
import random

import pytest

from shared.scoring import Review, normalise, stage_scores, weighted_total

DESIGN_CRITERIA = [{"key": "latar_belakang", "weight": 10}, {"key": "kebaruan", "weight": 15},
                   {"key": "implementasi", "weight": 5}, {"key": "signifikansi", "weight": 30},
                   {"key": "adaptabilitas", "weight": 20}, {"key": "sumber_daya", "weight": 5},
                   {"key": "keberlanjutan", "weight": 15}]
EXACT = 1e-9


def review(entry, judge, total, **scores):
    return Review(entry_id=entry, judge_id=judge, scores=scores, total=total)


def test_weighted_total_uses_the_design_weights():
    scores = {"latar_belakang": 80, "kebaruan": 70, "implementasi": 60, "signifikansi": 90,
              "adaptabilitas": 50, "sumber_daya": 100, "keberlanjutan": 40}
    # 10·80 + 15·70 + 5·60 + 30·90 + 20·50 + 5·100 + 15·40
    # = 800 + 1050 + 300 + 2700 + 1000 + 500 + 600 = 6950;  Σ weights = 100  →  69.5
    assert weighted_total(DESIGN_CRITERIA, scores) == 69.5


def test_weighted_total_of_an_incomplete_or_empty_sheet_is_none():
    assert weighted_total(DESIGN_CRITERIA, {"kebaruan": 70}) is None
    assert weighted_total(DESIGN_CRITERIA, {c["key"]: 50 for c in DESIGN_CRITERIA} | {"kebaruan": None}) is None
    assert weighted_total(DESIGN_CRITERIA, None) is None


def test_weighted_total_refuses_criteria_without_weight():
    with pytest.raises(ValueError):
        weighted_total([{"key": "a", "weight": 0}], {"a": 50})


def two_judges_four_entries():
    # J1: A 56, B 68, C 56, D 68 → mean 62, population SD √((36+36+36+36)/4) = 6
    # J2: A 72, B 72, C 84, D 84 → mean 78, SD 6
    # stage totals 56 68 56 68 72 72 84 84: mean 560/8 = 70;
    #   deviations −14 −2 −14 −2 2 2 14 14 → squares 196+4+196+4+4+4+196+196 = 800; 800/8 = 100 → SD 10
    return [review("A", "J1", 56), review("B", "J1", 68), review("C", "J1", 56), review("D", "J1", 68),
            review("A", "J2", 72), review("B", "J2", 72), review("C", "J2", 84), review("D", "J2", 84)]


def test_zscore_maps_each_judge_onto_the_stage_mean_and_spread():
    # z = ±1 for every total, so normalised = 70 ± 10:
    # J1: A 60, B 80, C 60, D 80;  J2: A 60, B 60, C 80, D 80
    normalised = normalise(two_judges_four_entries())
    expected = {("J1", "A"): 60, ("J1", "B"): 80, ("J1", "C"): 60, ("J1", "D"): 80,
                ("J2", "A"): 60, ("J2", "B"): 60, ("J2", "C"): 80, ("J2", "D"): 80}
    assert normalised == pytest.approx(expected, abs=EXACT)


def test_stage_scores_report_raw_and_normalised_means():
    standings = stage_scores(two_judges_four_entries())
    # raw: A (56+72)/2 = 64, B (68+72)/2 = 70, C (56+84)/2 = 70, D (68+84)/2 = 76
    # score: A (60+60)/2 = 60, B (80+60)/2 = 70, C (60+80)/2 = 70, D (80+80)/2 = 80
    assert {e: s.raw_score for e, s in standings.items()} == pytest.approx({"A": 64, "B": 70, "C": 70, "D": 76})
    assert {e: s.score for e, s in standings.items()} == pytest.approx({"A": 60, "B": 70, "C": 70, "D": 80}, abs=EXACT)
    assert {e: s.reviews_done for e, s in standings.items()} == {"A": 2, "B": 2, "C": 2, "D": 2}


def test_judges_with_fewer_than_three_entries_are_only_shifted():
    # J1: A 70, B 80 (2 entries, mean 75); J2: A 90 (1 entry, mean 90); stage mean (70+80+90)/3 = 80
    # shifted onto 80: J1 A 70−75+80 = 75, B 80−75+80 = 85; J2 A 90−90+80 = 80
    reviews = [review("A", "J1", 70), review("B", "J1", 80), review("A", "J2", 90)]
    assert normalise(reviews) == pytest.approx({("J1", "A"): 75, ("J1", "B"): 85, ("J2", "A"): 80}, abs=EXACT)
    standings = stage_scores(reviews)
    # A: raw (70+90)/2 = 80, score (75+80)/2 = 77.5;  B: raw 80, score 85
    assert (standings["A"].raw_score, standings["A"].score) == pytest.approx((80, 77.5), abs=EXACT)
    assert (standings["B"].raw_score, standings["B"].score) == pytest.approx((80, 85), abs=EXACT)


def test_a_judge_with_zero_spread_is_only_shifted_while_others_are_scaled():
    # J1 gives 68 to A B C D: zero spread → shifted 68 − 68 + stage mean
    # J2: A 64, B 80, C 64, D 80 → mean 72, SD 8
    # stage: 68 68 68 68 64 80 64 80 → mean 560/8 = 70; deviations −2 ×4, −6 10 −6 10 →
    #   squares 4·4 + 36+100+36+100 = 288; 288/8 = 36 → SD 6
    # J1 → 70 each; J2: 70 + (64−72)/8·6 = 64, 70 + (80−72)/8·6 = 76
    reviews = [review(e, "J1", 68) for e in "ABCD"] + [
        review("A", "J2", 64), review("B", "J2", 80), review("C", "J2", 64), review("D", "J2", 80)]
    standings = stage_scores(reviews)
    # score: A (70+64)/2 = 67, B (70+76)/2 = 73;  raw: A (68+64)/2 = 66, B (68+80)/2 = 74
    assert {e: s.score for e, s in standings.items()} == pytest.approx({"A": 67, "B": 73, "C": 67, "D": 73}, abs=EXACT)
    assert {e: s.raw_score for e, s in standings.items()} == pytest.approx({"A": 66, "B": 74, "C": 66, "D": 74})


def test_one_judge_keeps_the_raw_totals():
    # the stage mean and spread are the judge's own, so z·SD + mean gives each total back
    standings = stage_scores([review("A", "J1", 60), review("B", "J1", 70), review("C", "J1", 80)])
    assert {e: s.score for e, s in standings.items()} == pytest.approx({"A": 60, "B": 70, "C": 80}, abs=EXACT)
    assert {e: s.raw_score for e, s in standings.items()} == {"A": 60, "B": 70, "C": 80}


def test_identical_totals_stay_identical():
    # every total 75: stage spread 0 and every judge's spread 0 → shifted by 0
    reviews = [review(e, j, 75) for e in "ABC" for j in ("J1", "J2", "J3")]
    assert {e: s.score for e, s in stage_scores(reviews).items()} == {"A": 75, "B": 75, "C": 75}


def test_unscored_reviews_count_nowhere():
    # J3's review of B has no total yet: J1/J2 are as in the four-entry case, and B has 2 reviews done
    reviews = two_judges_four_entries() + [review("B", "J3", None)]
    standings = stage_scores(reviews)
    assert standings["B"].reviews_done == 2
    assert standings["B"].score == pytest.approx(70, abs=EXACT)
    assert ("J3", "B") not in normalise(reviews)


def test_no_reviews_gives_unscored_entries():
    assert stage_scores([]) == {}
    assert normalise([]) == {}
    standings = stage_scores([], submitted_at={"A": "2023-03-10T10:00:00Z"})
    assert standings["A"].score is None and standings["A"].raw_score is None
    assert standings["A"].reviews_done == 0 and standings["A"].submitted_at == "2023-03-10T10:00:00Z"


def test_without_zscore_the_score_is_the_raw_mean():
    standings = stage_scores(two_judges_four_entries(), method="none")
    assert {e: s.score for e, s in standings.items()} == {"A": 64, "B": 70, "C": 70, "D": 76}


def test_criterion_means_skip_missing_scores():
    # signifikansi: (90 + 70)/2 = 80; kebaruan only from J1: 60
    standings = stage_scores([review("A", "J1", 80, signifikansi=90, kebaruan=60),
                              review("A", "J2", 70, signifikansi=70, kebaruan=None)])
    assert standings["A"].criterion_means == {"kebaruan": 60, "signifikansi": 80}


def test_the_order_reviews_arrive_in_changes_nothing():
    reviews = two_judges_four_entries() + [review("A", "J3", 70.1), review("B", "J3", 80.2), review("C", "J3", 90.3)]
    first = stage_scores(reviews)
    expected = {e: (s.score, s.raw_score) for e, s in first.items()}
    shuffler = random.Random(5)
    for _ in range(20):
        order = list(reviews)
        shuffler.shuffle(order)
        again = stage_scores(order)
        assert {e: (s.score, s.raw_score) for e, s in again.items()} == expected


def test_float_noise_is_not_a_spread():
    # 0.1 + 0.2 is 0.30000000000000004: J1's three totals are "all 0.3", so J1 is only shifted
    # stage: J1 0.3 ×3, J2 0.3 0.3 0.9 … J2 keeps its spread; J1's normalised totals are all equal
    reviews = [review("A", "J1", 0.1 + 0.2), review("B", "J1", 0.3), review("C", "J1", 0.3),
               review("A", "J2", 0.3), review("B", "J2", 0.3), review("C", "J2", 0.9)]
    normalised = normalise(reviews)
    assert normalised[("J1", "A")] == pytest.approx(normalised[("J1", "B")], abs=1e-12)
