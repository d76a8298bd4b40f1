"""review's outcomes as intake keeps them: one per stage or award, the newest by event time. No I/O."""
from __future__ import annotations

from datetime import datetime, timezone

from shared.events import types
from shared.events.envelope import new_event
from services.intake.domain import outcomes

ENTRY = {"_id": "e1", "title": "Puskesmas Keliling", "category": "kesehatan", "province_code": "73",
         "agency": {"name": "Dinas Kesehatan Pinrang", "cluster": "kabupaten", "region_code": "73.15"}}


def event(kind: str, time: str, **data) -> dict:
    made = new_event(kind, "e1", {"entry_id": "e1", "competition_id": "c1", **data}, "kipp/review")
    made["time"] = time
    return made


def ranked(kind: str, time: str, **data) -> dict:
    return event(kind, time, stage="evaluasi", to_stage=data.pop("to_stage", None), rank=data.pop("rank", None),
                 score=data.pop("score", None), reason=data.pop("reason", None))


def test_each_kind_of_outcome_keeps_its_fields_and_the_entrys_area():
    screened = outcomes.from_event(event(types.ENTRY_SCREENED, "2026-04-01T10:00:00.123Z", stage="administrasi",
                                         decision="ineligible", reason="Belum 2 tahun"), ENTRY)
    assert screened["_id"] == "e1|administrasi" and screened["decision"] == "ineligible"
    assert (screened["area_region"], screened["area_province"], screened["title"]) == ("73.15", "73",
                                                                                        "Puskesmas Keliling")
    advanced = outcomes.from_event(ranked(types.ENTRY_ADVANCED, "2026-05-01T00:00:00Z", to_stage="wawancara", rank=3,
                                          score=81.5, reason="rank"), None)
    assert (advanced["kind"], advanced["to_stage"], advanced["rank"], advanced["score"]) == ("advanced", "wawancara",
                                                                                             3, 81.5)
    assert "area_region" not in advanced  # an entry intake does not know: no area to list it under
    awarded = outcomes.from_event(event(types.ENTRY_AWARDED, "2026-06-01T00:00:00Z", award="top45"), ENTRY)
    assert awarded["_id"] == "e1|award:top45" and awarded["award"] == "top45"
    assert outcomes.from_event(event(types.STAGE_CLOSED, "2026-06-01T00:00:00Z"), ENTRY) is None


def test_times_in_any_iso_form_sort_as_instants():
    assert outcomes.canonical_time("2026-04-01T10:00:00.5Z") == "2026-04-01T10:00:00.500000Z"
    assert outcomes.canonical_time("2026-04-01T17:00:00+07:00") == "2026-04-01T10:00:00.000000Z"
    assert outcomes.canonical_time(None) == "" and outcomes.canonical_time("kemarin") == ""


def test_the_newest_outcome_of_a_stage_wins_whatever_order_the_events_came_in():
    first = outcomes.from_event(ranked(types.ENTRY_ADVANCED, "2026-05-01T00:00:00.000Z", rank=2), ENTRY)
    upheld = outcomes.from_event(ranked(types.ENTRY_ELIMINATED, "2026-05-03T00:00:00.000Z",
                                        reason="objection-upheld"), ENTRY)
    assert first["_id"] == upheld["_id"] and first["order"] < upheld["order"]
    assert outcomes.latest([upheld, first]) is upheld and outcomes.in_order([upheld, first]) == [first, upheld]


def test_the_screening_is_the_newest_screened_outcome():
    old = outcomes.from_event(event(types.ENTRY_SCREENED, "2026-04-01T00:00:00Z", stage="administrasi",
                                    decision="ineligible", reason=None), ENTRY)
    new = outcomes.from_event(event(types.ENTRY_SCREENED, "2026-04-02T00:00:00Z", stage="administrasi",
                                    decision="eligible", reason=None), ENTRY)
    later = outcomes.from_event(ranked(types.ENTRY_ADVANCED, "2026-05-01T00:00:00Z"), ENTRY)
    assert outcomes.screening([old, later, new]) is new and outcomes.screening([later]) is None


def test_a_publication_opens_an_objection_window_of_the_competitions_days():
    doc = outcomes.from_event(ranked(types.ENTRY_ADVANCED, "2026-05-01T00:00:00Z"), ENTRY)
    publication = outcomes.publication(doc)
    assert publication == {"_id": "c1|evaluasi", "competition_id": "c1", "stage": "evaluasi",
                           "published_at": "2026-05-01T00:00:00.000000Z"}
    opens, closes = outcomes.objection_window(publication["published_at"], 3)
    assert (closes - opens).days == 3
    assert outcomes.window_open(publication["published_at"], 3, datetime(2026, 5, 3, 23, tzinfo=timezone.utc))
    assert not outcomes.window_open(publication["published_at"], 3, closes)
    assert outcomes.objection_window(publication["published_at"], None)[1].day == 6  # review's default: 5 days
    screened = outcomes.from_event(event(types.ENTRY_SCREENED, "2026-04-01T00:00:00Z", stage="administrasi",
                                         decision="eligible", reason=None), ENTRY)
    assert outcomes.publication(screened) is None
