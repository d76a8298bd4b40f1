"""Ranking order with a tie at every tie-break level, and display rounding (DESIGN §6)."""
from shared.scoring import EntryScore, Review, highest_weight_criterion, rank, rounded, stage_scores

CRITERIA = [{"key": "kebaruan", "weight": 15}, {"key": "signifikansi", "weight": 30},
            {"key": "adaptabilitas", "weight": 20}]


def standing(entry_id, score, top=None, done=3, submitted="2023-03-01T00:00:00Z"):
    means = {"signifikansi": top, "kebaruan": 99} if top is not None else {"kebaruan": 99}
    return EntryScore(entry_id=entry_id, raw_score=score, score=score, reviews_done=done,
                      criterion_means=means, submitted_at=submitted)


def test_highest_weight_criterion_takes_the_first_listed_on_a_tie():
    assert highest_weight_criterion(CRITERIA) == "signifikansi"
    assert highest_weight_criterion([{"key": "a", "weight": 20}, {"key": "b", "weight": 20}]) == "a"
    assert highest_weight_criterion([]) is None


def test_each_tie_break_decides_in_turn():
    entries = [
        standing("e10", None),                                                  # unscored: last
        standing("e9", 60, top=60),                                             # same as e8 down to the time
        standing("e8", 60, top=60),                                             # … so the id decides: e8 first
        standing("e11", 60),                                                    # no top-criterion mean: after e8/e9
        standing("e7", 65, top=60, submitted="2023-03-10T04:00:00Z"),           # 04:00 UTC
        standing("e6", 65, top=60, submitted="2023-03-10T10:00:00+07:00"),      # 03:00 UTC: earlier, first
        standing("e5", 70, top=70, done=2),
        standing("e4", 70, top=70, done=3),                                     # more reviews done: first
        standing("e3", 75, top=80),
        standing("e2", 75, top=85),                                             # higher signifikansi mean: first
        standing("e1", 80, top=10),                                             # highest score: first overall
    ]
    assert [e.entry_id for e in rank(entries, CRITERIA)] == [
        "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e11", "e10"]


def test_missing_submission_time_sorts_after_a_known_one():
    known, unknown = standing("b", 50, top=50), standing("a", 50, top=50, submitted="")
    assert [e.entry_id for e in rank([unknown, known], CRITERIA)] == ["b", "a"]


def test_float_noise_does_not_beat_a_tie_break():
    # X: (10.1 + 20.2)/2 and Y: (15.15 + 15.15)/2 are both 15.15, though floats give
    # 15.149999999999999 for X; the tie goes to the signifikansi mean: X 90 > Y 80, so X first
    reviews = [Review("X", "J1", {"signifikansi": 90}, 10.1), Review("X", "J2", {"signifikansi": 90}, 20.2),
               Review("Y", "J1", {"signifikansi": 80}, 15.15), Review("Y", "J2", {"signifikansi": 80}, 15.15)]
    standings = stage_scores(reviews, method="none")
    assert standings["X"].score < standings["Y"].score  # the noise is really there
    assert [e.entry_id for e in rank(standings.values(), CRITERIA)] == ["X", "Y"]


def test_rounded_gives_four_decimals_for_display():
    assert rounded(15.149999999999999) == 15.15
    assert rounded(2 / 3) == 0.6667
    assert rounded(None) is None
    assert rounded(2 / 3, places=2) == 0.67
