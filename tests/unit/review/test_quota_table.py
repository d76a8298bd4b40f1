"""The quota table beside a shortlist: what each quota asks, what the list gives, read from the picks."""
from __future__ import annotations

from services.review.domain import quota_table, shortlist
from services.review.domain.shortlist import Candidate

DEFINITION = {"categories": [{"key": "kesehatan", "label": "Kesehatan"}, {"key": "pendidikan", "label": "Pendidikan"},
                             {"key": "ekonomi", "label": "Ekonomi"}],
              "quotas": {"min_per_category": 1, "max_per_province": 2, "min_priority_regions": 1},
              "priority_regions": ["91"]}
CANDIDATES = [Candidate("a", 90, "kesehatan", "73", "73.71"), Candidate("b", 85, "kesehatan", "73", "73.15"),
              Candidate("c", 80, "kesehatan", "73", "73.71"), Candidate("d", 50, "pendidikan", "31", "31.71"),
              Candidate("e", 40, "kesehatan", "91", "91.03")]


def test_the_table_counts_candidates_and_picks_per_quota():
    proposal = shortlist.propose(CANDIDATES, 3, DEFINITION["quotas"], DEFINITION["priority_regions"])
    picks = [p.as_dict() for p in proposal.picks]
    assert [p["entry_id"] for p in picks] == ["a", "d", "e"]
    found = quota_table.table(DEFINITION, CANDIDATES, picks)
    assert found["categories"] == [
        {"key": "kesehatan", "label": "Kesehatan", "candidates": 4, "picked": 2, "minimum": 1, "met": True},
        {"key": "pendidikan", "label": "Pendidikan", "candidates": 1, "picked": 1, "minimum": 1, "met": True},
        {"key": "ekonomi", "label": "Ekonomi", "candidates": 0, "picked": 0, "minimum": 0, "met": True}]
    by_code = {row["code"]: row for row in found["provinces"]}
    assert by_code["73"] == {"code": "73", "name": "Sulawesi Selatan", "candidates": 3, "picked": 1, "cap": 2,
                             "at_cap": False, "over": False}
    assert by_code["91"]["picked"] == 1 and found["seats"] == 3
    assert found["priority"] == {"regions": [{"code": "91", "name": "Papua"}], "candidates": 1, "picked": 1,
                                 "minimum": 1, "met": True}


def test_a_province_at_its_cap_and_an_unmet_minimum_show():
    picks = [{"entry_id": e} for e in ("a", "b")]
    found = quota_table.table(DEFINITION, CANDIDATES, picks)
    assert next(r for r in found["provinces"] if r["code"] == "73")["at_cap"] is True
    assert next(r for r in found["categories"] if r["key"] == "pendidikan")["met"] is False
    assert found["priority"]["met"] is False


def test_no_quotas_ask_for_nothing():
    found = quota_table.table({"categories": DEFINITION["categories"]}, CANDIDATES, [{"entry_id": "a"}])
    assert all(row["met"] and row["minimum"] == 0 for row in found["categories"])
    assert all(row["cap"] is None and not row["at_cap"] for row in found["provinces"])
    assert found["priority"] == {"regions": [], "candidates": 0, "picked": 0, "minimum": 0, "met": True}


def test_pick_reasons_read_as_kind_and_key():
    assert quota_table.reason_of("rank") == ("rank", None)
    assert quota_table.reason_of("quota:category:kesehatan") == ("category", "kesehatan")
    assert quota_table.reason_of("quota:priority-region") == ("priority", None)
    assert quota_table.reason_of(None) == ("rank", None)
