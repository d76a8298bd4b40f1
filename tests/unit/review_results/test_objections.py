"""Objection rules: the window, who may file, and how an objection is resolved (DESIGN §6)."""
from datetime import datetime, timedelta, timezone

import pytest

from services.review.domain.objections import (AlreadyResolved, DuplicateObjection, InvalidDecision, Objection,
                                               ObjectionWindowClosed, NotShortlisted, ReasonRequired,
                                               ShortlistNotPublished, file_objection, objection_id,
                                               objection_window, removes_entry, resolve)
from shared.errors import Invalid

PUBLISHED = "2023-06-01T10:00:00+07:00"  # 03:00 UTC
WINDOW = objection_window(PUBLISHED, 5)
LIST = {"e1", "e2"}


def file(now="2023-06-02T00:00:00Z", entry_id="e1", region="73", reason="Inovasi ini sudah ada sejak 2010",
         existing=(), window=WINDOW):
    return file_objection(window, now, competition_id="kipp-2023", stage="evaluasi", entry_id=entry_id,
                          region=region, reason=reason, filed_by="region-73", shortlisted=LIST, existing=existing)


def test_the_window_is_objection_days_from_publication():
    # 2023-06-01 03:00 UTC + 5 × 24 h = 2023-06-06 03:00 UTC, closing instant excluded
    assert WINDOW.as_dict() == {"opens_at": "2023-06-01T03:00:00.000Z", "closes_at": "2023-06-06T03:00:00.000Z"}
    assert WINDOW.is_open("2023-06-01T03:00:00Z")
    assert WINDOW.is_open("2023-06-06T09:59:59+07:00")
    assert not WINDOW.is_open("2023-06-06T10:00:00+07:00")
    assert not WINDOW.is_open(datetime(2023, 6, 1, 2, 59, tzinfo=timezone.utc))


def test_window_defaults_and_bad_values():
    assert objection_window(PUBLISHED, None) == WINDOW  # 5 days when the competition says nothing
    closed = objection_window(PUBLISHED, 0)
    assert not closed.is_open(PUBLISHED)
    with pytest.raises(Invalid) as caught:
        objection_window(PUBLISHED, -1)
    assert caught.value.field == "objection_days"
    with pytest.raises(ShortlistNotPublished):
        objection_window(None, 5)


def test_filing_inside_the_window_gives_an_open_objection():
    objection = file()
    assert objection.status == "open" and objection.entry_id == "e1" and objection.region == "73"
    assert objection.id == objection_id("kipp-2023", "evaluasi", "e1", "73")
    assert objection.filed_at == "2023-06-02T00:00:00.000Z"
    assert objection.reason == "Inovasi ini sudah ada sejak 2010"


def test_filing_after_the_window_is_a_conflict_naming_the_window():
    with pytest.raises(ObjectionWindowClosed) as caught:
        file(now="2023-06-06T03:00:00Z")
    assert caught.value.status == 409 and caught.value.rule == "objection-window-closed"
    assert caught.value.extra == {"opens_at": "2023-06-01T03:00:00.000Z", "closes_at": "2023-06-06T03:00:00.000Z"}


def test_only_shortlisted_entries_can_be_objected_to():
    with pytest.raises(NotShortlisted) as caught:
        file(entry_id="e9")
    assert caught.value.status == 422 and caught.value.field == "entry_id"


def test_one_objection_per_region_per_entry():
    first = file().as_dict()
    with pytest.raises(DuplicateObjection) as caught:
        file(existing=[first])
    assert caught.value.status == 409
    with pytest.raises(DuplicateObjection):  # a stored document with only `_id` matches as well
        file(existing=[{"_id": first["id"]}])
    with pytest.raises(DuplicateObjection):  # rejected before: still the one objection
        file(existing=[{**first, "status": "rejected"}])
    assert file(region="73.71", existing=[first]).region == "73.71"  # a kota is its own region
    assert file(entry_id="e2", existing=[first]).entry_id == "e2"
    assert file(existing=[{**first, "id": "x", "stage": "wawancara"}]).stage == "evaluasi"


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_filing_needs_a_reason(reason):
    with pytest.raises(ReasonRequired) as caught:
        file(reason=reason)
    assert caught.value.status == 422 and caught.value.field == "reason"


def test_an_objection_is_upheld_or_rejected_once_with_a_reason():
    stored = {"_id": file().id, **{k: v for k, v in file().as_dict().items() if k != "id"}}
    upheld = resolve(stored, "upheld", " Terbukti ", "admin-1", "2023-06-07T01:00:00Z")
    assert (upheld.status, upheld.resolution_reason, upheld.resolved_by) == ("upheld", "Terbukti", "admin-1")
    assert upheld.resolved_at == "2023-06-07T01:00:00.000Z" and upheld.id == stored["_id"]
    assert resolve(file(), "reject", "Tidak terbukti", "admin-1", "2023-06-07T01:00:00Z").status == "rejected"
    with pytest.raises(AlreadyResolved) as caught:
        resolve(upheld, "rejected", "berubah pikiran", "admin-1", "2023-06-08T01:00:00Z")
    assert caught.value.status == 409 and caught.value.rule == "already-resolved"


def test_resolution_needs_a_decision_and_a_reason():
    with pytest.raises(ReasonRequired):
        resolve(file(), "upheld", "  ", "admin-1", "2023-06-07T01:00:00Z")
    with pytest.raises(InvalidDecision) as caught:
        resolve(file(), "maybe", "alasan", "admin-1", "2023-06-07T01:00:00Z")
    assert caught.value.status == 422 and caught.value.field == "decision"


def test_an_upheld_objection_removes_its_entry_once():
    upheld = resolve(file(), "upheld", "Terbukti", "admin-1", "2023-06-07T01:00:00Z")
    assert removes_entry(upheld, LIST)
    assert not removes_entry(upheld, {"e2"})  # already removed by an earlier objection
    assert not removes_entry(resolve(file(), "rejected", "Tidak", "admin-1", "2023-06-07T01:00:00Z"), LIST)


def test_objection_round_trips_through_a_document():
    objection = file()
    assert Objection.from_dict(objection.as_dict()) == objection
    assert objection_id("c", "s", "e", "73") != objection_id("c", "s", "e", "73.71")


def test_naive_times_are_utc():
    window = objection_window(datetime(2023, 6, 1, 3, 0), 1)
    assert window.is_open(datetime(2023, 6, 2, 2, 59) + timedelta(seconds=59))
    assert not window.is_open("2023-06-02T03:00:00")
