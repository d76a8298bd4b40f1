"""Ranking membership, rows, cursor paging and filters, and the numbers of shared.scoring (pure, no I/O)."""
from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings, strategies as st

from shared.errors import Invalid
from shared.paging import encode_cursor
from shared.scoring import Review, rank as scoring_rank, stage_scores
from services.reporting.domain import pages, rankings
from services.reporting.domain.readmodel import merge
from tests.unit.reporting import events as ev

DEFINITION = {"id": ev.CID, "stages": [{"key": "administrasi", "kind": "screening"},
                                       {"key": "evaluasi", "kind": "scored"}, {"key": "wawancara", "kind": "scored"}],
              "criteria": [{"key": "a", "weight": 1}], "normalization": "none"}
PLACES = [("73.71", "kesehatan", "kota"), ("33.01", "pendidikan", "kabupaten"), ("73.15", "ekonomi", "kabupaten")]


def table_with(n: int, ties: bool = False):
    docs = {}
    for i in range(n):
        region, category, cluster = PLACES[i % 3]
        doc = merge(None, ev.submitted(f"e{i:03d}", category, region, cluster=cluster))
        if i % 5:  # every fifth entry stays unscored
            total = 70.0 if ties else float(40 + (i * 37) % 55)
            doc = merge(merge(doc, ev.assigned(doc["_id"], "j1")), ev.scored(doc["_id"], "j1", {"a": total}, total))
        docs[doc["_id"]] = doc
    return ev.table_of(docs)


def ranked(table, stage="evaluasi", definition=DEFINITION):
    return rankings.rank(table, definition, stage)


def ids(ranked_stage) -> list[str]:
    return [ranked_stage.table.ids[p] for p in ranked_stage.order.tolist()]


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40), st.integers(1, 7), st.booleans(),
       st.sampled_from([{}, {"category": "kesehatan"}, {"province_code": "73"}, {"cluster": "kabupaten"},
                        {"category": "ekonomi", "province_code": "73"}, {"province_code": "99"}]))
def test_paging_never_skips_or_repeats_under_any_filter(n, limit, ties, filters):
    stage = ranked(table_with(n, ties))
    wanted = [row["entry_id"] for row in pages.every_row(stage, {})
              if all(row[name] == value for name, value in filters.items())]
    seen, cursor = [], None
    while True:
        page = pages.page(stage, filters, limit, cursor)
        assert len(page["items"]) <= limit
        seen += [r["entry_id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(page["items"]) == limit
    assert seen == wanted


def test_a_row_carries_what_the_ministry_reads():
    row = pages.page(ranked(table_with(2)), {}, 1, None)["items"][0]
    assert row["entry_id"] == "e001" and row["rank"] == 1 and row["province"] == "Jawa Tengah"
    assert row["reviews"] == {"done": 1, "assigned": 1} and row["criterion_means"] == {"a": 77.0}
    assert (row["score"], row["raw_score"]) == (77.0, 77.0) and row["agency"]["cluster"] == "kabupaten"
    unscored = pages.page(ranked(table_with(2)), {}, 2, None)["items"][1]
    assert (unscored["score"], unscored["reviews"], unscored["criterion_means"]) == (None, {"done": 0, "assigned": 0}, {})


@pytest.mark.parametrize("cursor", ["nonsense", encode_cursor(["a", 1]), encode_cursor([float("nan"), 0, 0, 0, "x"]),
                                    base64.urlsafe_b64encode(b'["a", 1]').decode(), "%%%"])
def test_a_cursor_that_is_not_ours_is_refused(cursor):
    with pytest.raises(Invalid) as refused:
        pages.page(ranked(table_with(3)), {}, 2, cursor)
    assert refused.value.field == "cursor"


def test_withdrawn_and_ineligible_entries_are_not_ranked_and_later_stages_hold_only_their_entries():
    docs = {entry_id: merge(None, ev.submitted(entry_id)) for entry_id in ("e000", "e001", "e002", "e003")}
    docs["e000"] = merge(docs["e000"], ev.withdrawn("e000"))
    docs["e001"] = merge(docs["e001"], ev.screened("e001", "ineligible"))
    docs["e002"] = merge(docs["e002"], ev.ranked("e002", True))
    table = ev.table_of(docs)
    assert ids(ranked(table)) == ["e002", "e003"]
    assert ids(ranked(table, "wawancara")) == ["e002"]


def test_the_stage_asked_for_must_be_a_scored_stage():
    assert rankings.chosen_stage(DEFINITION, None) == "evaluasi"
    assert rankings.chosen_stage(DEFINITION, "wawancara") == "wawancara"
    with pytest.raises(Invalid) as refused:
        rankings.chosen_stage(DEFINITION, "administrasi")
    assert refused.value.field == "stage"


CRITERIA = [{"key": "kebaruan", "weight": 1}, {"key": "signifikansi", "weight": 3}]
score = st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2)))


@st.composite
def stages(draw):
    """Entries with 0–4 judges each, a few judges (so some have fewer than three scores), ties likely."""
    judges = [f"j{n}" for n in range(draw(st.integers(1, 6)))]
    entries = []
    for n in range(draw(st.integers(1, 14))):
        own = draw(st.lists(st.sampled_from(judges), max_size=4, unique=True))
        entries.append((f"e{n:02d}", f"2026-03-{1 + draw(st.integers(0, 3)):02d}T09:00:00+07:00",
                        [(judge, draw(score), draw(score)) for judge in own]))
    return entries


@settings(max_examples=150, deadline=None)
@given(stages(), st.sampled_from(["zscore", "none"]))
def test_the_read_model_ranks_with_the_numbers_and_order_of_shared_scoring(entries, method):
    docs = {}
    for entry_id, when, marks in entries:
        doc = merge(None, ev.submitted(entry_id, when=when))
        for judge, a, b in marks:
            doc = merge(merge(doc, ev.assigned(entry_id, judge)),
                        ev.scored(entry_id, judge, {"kebaruan": a, "signifikansi": b}, (a + 3 * b) / 4))
        docs[entry_id] = doc
    stage = ranked(ev.table_of(docs), definition={**DEFINITION, "criteria": CRITERIA, "normalization": method})
    reviews = [Review(entry_id, judge, {"kebaruan": a, "signifikansi": b}, (a + 3 * b) / 4)
               for entry_id, _, marks in entries for judge, a, b in marks]
    expected = scoring_rank(stage_scores(reviews, method, {e: when for e, when, _ in entries}).values(), CRITERIA)
    rows = list(pages.every_row(stage, {}))
    assert [r["entry_id"] for r in rows] == [s.entry_id for s in expected]
    for got, want in zip(rows, expected):
        standing = stage.standing(stage.table.position[got["entry_id"]])
        assert (standing.score, standing.raw_score, standing.reviews_done, standing.criterion_means) == \
            (want.score, want.raw_score, want.reviews_done, want.criterion_means)
