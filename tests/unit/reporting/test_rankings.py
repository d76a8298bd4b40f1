"""Ranking membership, rows, cursor paging and filters (pure, no I/O)."""
from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings, strategies as st

from shared.errors import Invalid
from services.reporting.domain import rankings
from services.reporting.domain.readmodel import merge
from services.reporting.domain.standings import rank_stage
from tests.unit.reporting import events as ev

DEFINITION = {"id": ev.CID, "stages": [{"key": "administrasi", "kind": "screening"},
                                       {"key": "evaluasi", "kind": "scored"}, {"key": "wawancara", "kind": "scored"}]}
PLACES = [("73.71", "kesehatan", "kota"), ("33.01", "pendidikan", "kabupaten"), ("73.15", "ekonomi", "kabupaten")]


def rows_with(n: int, ties: bool = False) -> dict:
    rows = {}
    for i in range(n):
        region, category, cluster = PLACES[i % 3]
        doc = merge(None, ev.submitted(f"e{i:03d}", category, region, cluster=cluster))
        if i % 5:  # every fifth entry stays unscored
            total = 70.0 if ties else float(40 + (i * 37) % 55)
            doc = merge(merge(doc, ev.assigned(doc["_id"], "j1")), ev.scored(doc["_id"], "j1", {"a": total}, total))
        rows[doc["_id"]] = doc
    return ev.as_rows(rows)


def docs_with(n: int) -> dict:
    return {entry_id: merge(None, ev.submitted(entry_id)) for entry_id in (f"e{i:03d}" for i in range(n))}


def ranked(rows):
    return rank_stage(rankings.members(rows, "evaluasi", "evaluasi"), "none", "a")


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 40), st.integers(1, 7), st.booleans(),
       st.sampled_from([{}, {"category": "kesehatan"}, {"province_code": "73"}, {"cluster": "kabupaten"},
                        {"category": "ekonomi", "province_code": "73"}, {"province_code": "99"}]))
def test_paging_never_skips_or_repeats_under_any_filter(n, limit, ties, filters):
    rows = rows_with(n, ties)
    board = ranked(rows)
    wanted = [s.entry_id for s in board.ordered if rankings.matches(rows[s.entry_id], filters)]
    seen, cursor = [], None
    while True:
        page = rankings.page(board, rows, "evaluasi", filters, limit, cursor)
        assert len(page["items"]) <= limit
        seen += [r["entry_id"] for r in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(page["items"]) == limit
    assert seen == wanted


def test_a_row_carries_what_the_ministry_reads():
    rows = rows_with(2)
    row = rankings.page(ranked(rows), rows, "evaluasi", {}, 1, None)["items"][0]
    assert row["entry_id"] == "e001" and row["rank"] == 1 and row["province"] == "Jawa Tengah"
    assert row["reviews"] == {"done": 1, "assigned": 1} and row["criterion_means"] == {"a": 77.0}
    assert (row["score"], row["raw_score"]) == (77.0, 77.0) and row["agency"]["cluster"] == "kabupaten"


@pytest.mark.parametrize("cursor", ["nonsense", base64.urlsafe_b64encode(b'["a", 1]').decode(),
                                    base64.urlsafe_b64encode(b"[NaN, 0, 0, 0, \"x\"]").decode(), "%%%"])
def test_a_cursor_that_is_not_ours_is_refused(cursor):
    rows = rows_with(3)
    with pytest.raises(ValueError):
        rankings.page(ranked(rows), rows, "evaluasi", {}, 2, cursor)


def test_withdrawn_and_ineligible_entries_are_not_ranked_and_later_stages_hold_only_their_entries():
    docs = docs_with(3)
    docs["e000"] = merge(docs["e000"], ev.withdrawn("e000"))
    docs["e001"] = merge(docs["e001"], ev.screened("e001", "ineligible"))
    docs["e002"] = merge(docs["e002"], ev.ranked("e002", True))
    rows = ev.as_rows(docs)
    assert [m.entry_id for m in rankings.members(rows, "evaluasi", "evaluasi")] == ["e002"]
    assert [m.entry_id for m in rankings.members(rows, "wawancara", "evaluasi")] == ["e002"]


def test_the_stage_asked_for_must_be_a_scored_stage():
    assert rankings.chosen_stage(DEFINITION, None) == "evaluasi"
    assert rankings.chosen_stage(DEFINITION, "wawancara") == "wawancara"
    with pytest.raises(Invalid) as refused:
        rankings.chosen_stage(DEFINITION, "administrasi")
    assert refused.value.field == "stage"
