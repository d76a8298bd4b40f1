"""notify's rules without I/O: recipients, ids, retry policy, batching, digests, labels."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shared.events.contracts import validate
from services.notify.domain import accumulate, labels, messages
from services.notify.domain.recipients import Recipient, contact_codes, entry_recipients
from services.notify.domain.sending import Outcome, gives_up, outcome_event, retry_delay

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
ENTRY = {"_id": "e1", "competition_id": "kipp-2026", "title": "Sehati", "category": "kesehatan",
         "agency": {"name": "Dinas Kesehatan", "cluster": "kota", "region_code": "73.71"}, "province_code": "73",
         "contact": {"name": "Andi", "email": "Andi@Example.ID"}, "revision": 1}


def contacts(**by_code):
    return {code: {"_id": code, **record} for code, record in by_code.items()}


def test_an_entry_is_mailed_to_its_region_its_province_and_its_contact_person():
    found = entry_recipients(ENTRY, contacts(**{"73.71": {"addresses": ["kota@mks.go.id"], "language": "en"},
                                                "73": {"addresses": ["prov@sulsel.go.id"], "digest": "daily"}}))
    assert [(r.address, r.language, r.daily) for r in found] == [
        ("kota@mks.go.id", "en", False), ("prov@sulsel.go.id", "id", True), ("andi@example.id", "en", False)]
    assert found[0].name == "Admin Lokal Kota Makassar" and found[2].name == "Andi"


def test_an_address_listed_twice_gets_one_mail_with_its_first_setting():
    shared = "biro@sulsel.go.id"
    found = entry_recipients({**ENTRY, "contact": {"name": "Biro", "email": "BIRO@sulsel.go.id"}},
                             contacts(**{"73.71": {"addresses": [shared], "digest": "daily"},
                                         "73": {"addresses": [shared]}}))
    assert found == [Recipient(shared, "Admin Lokal Kota Makassar", "id", True)]


def test_a_province_agency_has_one_set_of_contacts():
    entry = {**ENTRY, "agency": {**ENTRY["agency"], "region_code": "73"}}
    assert contact_codes(entry) == ["73"]
    assert contact_codes(ENTRY) == ["73.71", "73"]


def test_ids_derive_from_event_and_recipient():
    first = messages.delivery_id("event-1", "a@b.id")
    assert first == messages.delivery_id("event-1", "a@b.id") != messages.delivery_id("event-2", "a@b.id")
    assert messages.message_id(first) == f"<{first}@kipp.local>" and len(first) == 32


def test_daily_readers_get_no_immediate_delivery():
    event = {"id": "ev", "type": "kipp.entry.submitted", "data": {}, "time": "2026-03-10T09:00:00Z"}
    readers = [Recipient("now@x.id", "A"), Recipient("later@x.id", "B", "id", True)]
    facts = messages.entry_facts(ENTRY, "KIPP 2026")
    queued = messages.immediate_deliveries(event, ENTRY, readers, facts, NOW)
    assert [d["recipient"] for d in queued] == ["now@x.id"]
    assert queued[0]["regions"] == ["73.71", "73"] and queued[0]["entry_ids"] == ["e1"]
    assert queued[0]["context"]["competition_name"] == "KIPP 2026"


@pytest.mark.parametrize("code, permanent, sent", [(250, False, True), (451, False, False), (550, True, False),
                                                   (554, True, False), (535, False, False), (0, False, False)])
def test_smtp_replies_are_classified(code, permanent, sent):
    outcome = Outcome(code, "reply")
    assert (outcome.permanent, outcome.sent) == (permanent, sent)


def test_retries_back_off_exponentially_up_to_a_cap():
    delays = [retry_delay(n, 2, 60, jitter=0) for n in range(1, 8)]
    assert delays == [2, 4, 8, 16, 32, 60, 60]
    assert 1.6 <= retry_delay(1, 2, 60) <= 2.4


def test_a_delivery_gives_up_after_the_configured_hours():
    delivery = {"created_at": NOW}
    assert not gives_up(delivery, NOW + timedelta(hours=47), 48)
    assert gives_up(delivery, NOW + timedelta(hours=48), 48)


def test_the_outcome_event_keeps_the_contract():
    delivery = {"_id": "d1", "source_id": "ev", "template": "receipt", "recipient": "a@b.id",
                "message_id": "<d1@kipp.local>", "language": "id", "entry_id": "e1", "entry_ids": ["e1"],
                "subject_key": "e1", "attempts": 2}
    event = outcome_event(delivery, "failed", "550 no", "550 no")
    assert validate(event) is event
    assert event["subject"] == "e1" and event["data"]["delivery_id"] == "d1" and event["data"]["attempts"] == 3


def assignment_event(n: int) -> dict:
    return {"id": f"ev{n}", "time": "2026-03-10T09:00:00Z",
            "data": {"assignment_id": f"a{n}", "entry_id": f"e{n}", "competition_id": "c", "stage": "evaluasi",
                     "judge_id": "j", "judge_email": "Juri@UI.ac.id", "due_at": f"2026-04-0{n}T00:00:00Z"}}


def test_a_batch_is_due_after_a_quiet_period_or_a_long_wait():
    items = {"k1": {"added_at": NOW}, "k2": {"added_at": NOW + timedelta(seconds=4)}}
    doc = {"items": items}
    assert not accumulate.batch_due(doc, NOW + timedelta(seconds=6), 5, 60)
    assert accumulate.batch_due(doc, NOW + timedelta(seconds=9), 5, 60)
    steady = {"items": {f"k{i}": {"added_at": NOW + timedelta(seconds=i)} for i in range(70)}}
    assert accumulate.batch_due(steady, NOW + timedelta(seconds=70), 5, 60)
    assert not accumulate.batch_due({"items": {}}, NOW, 5, 60)


def test_a_batch_becomes_one_notice_listing_its_entries_with_the_earliest_due_date():
    facts = lambda n: {"entry_id": f"e{n}", "title": f"Judul {n}", "region_code": "73.71", "province_code": "73"}
    items = {accumulate.item_key(f"a{n}"): accumulate.assignment_item(assignment_event(n), facts(n), NOW)
             for n in (3, 1, 2)}
    doc = {"_id": "b1", "judge_id": "j", "competition_id": "c", "stage": "evaluasi", "items": items}
    notice = accumulate.batch_delivery(doc, sorted(items), NOW)
    assert notice["recipient"] == "juri@ui.ac.id" and notice["template"] == "assignment"
    assert [e["title"] for e in notice["context"]["entries"]] == ["Judul 1", "Judul 2", "Judul 3"]
    assert notice["context"]["due_at"] == "2026-04-01T00:00:00Z"
    assert notice["_id"] == accumulate.batch_delivery(doc, sorted(items, reverse=True), NOW)["_id"]


def test_digest_items_are_dated_by_the_day_in_western_indonesia():
    late = {"id": "ev", "time": "2026-03-10T18:30:00Z", "data": {}}
    item = accumulate.digest_item(late, "receipt", {"entry_id": "e1"}, NOW)
    assert item["day"] == "2026-03-11"  # 01:30 WIB the next day
    doc = {"items": {"a": {"day": "2026-03-10"}, "b": {"day": "2026-03-11"}}}
    assert accumulate.digest_keys_through(doc, "2026-03-10") == ["a"]


def test_dates_are_written_for_people():
    assert labels.moment_text("2026-03-10T16:59:59Z", "id") == "10 Maret 2026 pukul 23.59 WIB"
    assert labels.moment_text("2026-03-10T16:59:59Z", "en") == "10 March 2026, 23:59 WIB"
    assert labels.day_text("2026-08-17", "id") == "17 Agustus 2026"
    assert labels.score_text(87.456, "id") == "87,46" and labels.score_text(None, "en") == "-"
    assert labels.stage("evaluasi", "en") == "proposal evaluation (desk evaluation)"
