"""The worker's outbound steps with in-memory adapters: flushing, digests by the clock, sending."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.notify import outbound
from services.notify.domain import accumulate
from services.notify.domain.messages import new_delivery
from services.notify.domain.recipients import Recipient
from services.notify.domain.samples import sample_context
from services.notify.domain.sending import Outcome
from tests.unit.notify.fakes import FakeSmtp, fake_deps

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=timezone.utc)  # 08.00 WIB


def digest_change(deps, n: int, time: str) -> None:
    event = {"id": f"ev{n}", "time": time, "data": {}}
    facts = {"entry_id": f"e{n}", "title": f"Inovasi {n}", "agency_name": "Dinas", "region_name": "Kota Makassar",
             "region_code": "73.71", "province_code": "73", "competition_id": "c"}
    deps.digests.add(accumulate.digest_id("a@b.id", "id"), accumulate.item_key(event["id"]),
                     accumulate.digest_item(event, "receipt", facts, NOW),
                     {"recipient": "a@b.id", "language": "id", "name": "Admin"})


def test_yesterdays_digest_is_closed_once_after_the_hour():
    deps = fake_deps(digest_hour=7)
    digest_change(deps, 1, "2026-03-09T03:00:00Z")
    digest_change(deps, 2, "2026-03-10T00:30:00Z")  # 07.30 WIB today: waits for tomorrow
    assert outbound.close_yesterdays_digests(deps, NOW - timedelta(hours=2)) == 0  # 06.00 WIB: too early
    assert outbound.close_yesterdays_digests(deps, NOW) == 1
    assert outbound.close_yesterdays_digests(deps, NOW + timedelta(hours=1)) == 0  # once a day
    [item] = deps.deliveries.pending.values()
    assert [i["title"] for i in item["context"]["items"]] == ["Inovasi 1"]
    assert outbound.close_yesterdays_digests(deps, NOW + timedelta(days=1)) == 1


def test_a_flush_interrupted_after_its_mark_is_finished_with_the_same_delivery():
    deps = fake_deps()
    digest_change(deps, 1, "2026-03-09T03:00:00Z")
    doc = deps.digests.with_items()[0]
    keys = accumulate.digest_keys_through(doc, "2026-03-09")
    deps.digests.claim(doc["_id"], {"id": accumulate.flush_id(keys), "keys": keys})  # then the worker died
    digest_change(deps, 2, "2026-03-09T04:00:00Z")  # arrives meanwhile: not part of that flush
    assert outbound.close_digests(deps, "2026-03-09", NOW) == 1
    first = list(deps.deliveries.pending.values())
    assert len(first) == 1 and [i["title"] for i in first[0]["context"]["items"]] == ["Inovasi 1"]
    assert outbound.close_digests(deps, "2026-03-09", NOW) == 1  # the late one goes in its own digest
    assert outbound.close_digests(deps, "2026-03-09", NOW) == 0
    digest_change(deps, 1, "2026-03-09T03:00:00Z")  # a redelivered change already mailed is not added
    assert deps.digests.with_items() == []


def test_a_quiet_batch_is_flushed_into_one_notice():
    deps = fake_deps(batch_quiet_seconds=5)
    for n in range(3):
        event = {"id": f"ev{n}", "data": {"assignment_id": f"a{n}", "judge_email": "j@ui.ac.id"}}
        deps.batches.add("b", accumulate.item_key(f"a{n}"), accumulate.assignment_item(
            event, {"entry_id": f"e{n}", "title": f"T{n}"}, NOW), {"judge_id": "j", "competition_id": "c",
                                                                  "stage": "evaluasi"})
    assert outbound.flush_due_batches(deps, NOW + timedelta(seconds=2)) == 0
    assert outbound.flush_due_batches(deps, NOW + timedelta(seconds=5)) == 1
    [notice] = deps.deliveries.pending.values()
    assert len(notice["context"]["entries"]) == 3 and notice["recipient"] == "j@ui.ac.id"


def queued(deps) -> dict:
    delivery = new_delivery("event-1", "kipp.entry.submitted", "receipt", Recipient("a@b.id", "Admin"),
                            sample_context("receipt", "id"), NOW, ["e1"], ["73.71", "73"], "c")
    return deps.deliveries.enqueue([delivery], NOW)[0]


def test_a_sent_delivery_is_recorded_with_its_outcome_and_never_sent_again():
    deps, smtp = fake_deps(), FakeSmtp()
    item = queued(deps)
    attempt = outbound.send_one(deps, smtp, item, NOW)
    assert attempt.event["type"] == "kipp.notification.sent"
    assert deps.deliveries.final(item["delivery_id"])["smtp_reply"] == "250 2.0.0 ok"
    again = outbound.send_one(deps, smtp, dict(item), NOW)  # the same work item once more
    assert len(smtp.sent) == 1 and again.event == attempt.event


def test_a_temporary_refusal_is_rescheduled_and_a_permanent_one_fails():
    deps, smtp = fake_deps(retry_base_seconds=2), FakeSmtp(Outcome(451, "4.3.0 later"), Outcome(550, "5.1.1 no"))
    item = queued(deps)
    assert outbound.send_one(deps, smtp, item, NOW).event is None
    assert deps.deliveries.retries[0]["error"] == "451 4.3.0 later"
    assert timedelta(seconds=1) < deps.deliveries.retries[0]["at"] - NOW < timedelta(seconds=3)
    retry = {**item, "_id": item["delivery_id"] + ":1", "attempt": 1}
    failed = outbound.send_one(deps, smtp, retry, NOW)
    assert failed.event["type"] == "kipp.notification.failed" and failed.event["data"]["error"] == "550 5.1.1 no"


def test_a_message_that_cannot_be_built_fails_without_sending():
    deps, smtp = fake_deps(), FakeSmtp()
    item = {**queued(deps), "recipient": "no address"}
    attempt = outbound.send_one(deps, smtp, item, NOW)
    assert smtp.sent == [] and attempt.event["data"]["error"].startswith("cannot build message")
