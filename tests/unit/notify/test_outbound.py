"""The worker's outbound steps with in-memory adapters: flushing, digests by the clock, sending."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from time import monotonic
from types import SimpleNamespace

import pytest
from pymongo.errors import AutoReconnect

from services.notify.adapters import deliveries
from services.notify.handlers import outbound
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
    [item] = deps.deliveries.queued()
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
    first = deps.deliveries.queued()
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
    [notice] = deps.deliveries.queued()
    assert len(notice["context"]["entries"]) == 3 and notice["recipient"] == "j@ui.ac.id"


def queued(deps, recipient: str = "a@b.id") -> str:
    delivery = new_delivery("event-1", "kipp.entry.submitted", "receipt", Recipient(recipient, "Admin"),
                            sample_context("receipt", "id"), NOW, ["e1"], ["73.71", "73"], "c")
    return deps.deliveries.enqueue([delivery])[0]


def test_a_sent_delivery_is_recorded_with_its_outcome_and_never_sent_again():
    deps, smtp = fake_deps(), FakeSmtp()
    ident = queued(deps)
    assert outbound.send_one(deps, smtp, ident, NOW) == "sent"
    record = deps.deliveries.docs[ident]
    assert (record["status"], record["smtp_reply"], record["attempts"]) == ("sent", "250 2.0.0 ok", 1)
    [event] = deps.deliveries.outbox
    assert event["type"] == "kipp.notification.sent" and event["data"]["delivery_id"] == ident
    assert deps.deliveries.enqueue([{**record, "status": "queued"}]) == []  # a redelivered event adds nothing
    assert outbound.send_one(deps, smtp, ident, NOW + timedelta(hours=1)) is None
    assert len(smtp.sent) == 1 and len(deps.deliveries.outbox) == 1


def test_a_claimed_delivery_is_not_sent_by_a_second_sender_until_its_lease_runs_out():
    deps = fake_deps(lease_seconds=120)
    ident = queued(deps)
    first = deps.deliveries.claim(ident, NOW, 120)  # a sender that then died mid-attempt
    assert first is not None and outbound.send_one(deps, FakeSmtp(), ident, NOW + timedelta(seconds=60)) is None
    smtp = FakeSmtp()
    assert outbound.send_one(deps, smtp, ident, NOW + timedelta(seconds=121)) == "sent"
    assert [recipient for recipient, _ in smtp.sent] == ["a@b.id"]
    assert not deps.deliveries.finish(first, "sent", "250", None, {}, NOW)  # the dead claim settles nothing


def test_a_renewed_claim_is_kept_by_a_slow_sender_and_a_dead_senders_lapses_within_one_lease():
    deps = fake_deps(lease_seconds=15)
    slow, dead = queued(deps), queued(deps, recipient="c@d.id")
    leases = outbound.Leases(deps)
    for ident in (slow, dead):
        leases.hold(deps.deliveries.claim(ident, NOW, 15))
    leases.release(deps.deliveries.docs[dead])  # its sender died: nobody renews it any more
    leases.renew_all(NOW + timedelta(seconds=10))  # the slow attempt is still in flight
    later, smtp = NOW + timedelta(seconds=20), FakeSmtp()
    assert outbound.send_one(deps, smtp, slow, later) is None  # still held: no second attempt
    assert outbound.send_one(deps, smtp, dead, later) == "sent"  # lapsed and taken over
    assert [recipient for recipient, _ in smtp.sent] == ["c@d.id"]


def test_a_temporary_refusal_is_rescheduled_and_a_permanent_one_fails():
    deps, smtp = fake_deps(retry_base_seconds=2), FakeSmtp(Outcome(451, "4.3.0 later"), Outcome(550, "5.1.1 no"))
    ident = queued(deps)
    assert outbound.send_one(deps, smtp, ident, NOW) == "queued"
    waiting = deps.deliveries.docs[ident]
    assert waiting["error"] == "451 4.3.0 later" and waiting["attempts"] == 1
    assert timedelta(seconds=1) < waiting["available_at"] - NOW < timedelta(seconds=3)
    assert outbound.send_one(deps, smtp, ident, NOW + timedelta(seconds=1)) is None  # not due yet
    assert outbound.send_one(deps, smtp, ident, NOW + timedelta(seconds=3)) == "failed"
    [failed] = deps.deliveries.outbox
    assert failed["type"] == "kipp.notification.failed" and failed["data"]["error"] == "550 5.1.1 no"
    assert failed["data"]["attempts"] == 2


def test_a_message_that_cannot_be_built_fails_without_sending():
    deps, smtp = fake_deps(), FakeSmtp()
    ident = queued(deps, recipient="no address")
    assert outbound.send_one(deps, smtp, ident, NOW) == "failed"
    assert smtp.sent == [] and deps.deliveries.outbox[0]["data"]["error"].startswith("cannot build message")


def test_an_outcome_is_recorded_after_a_brief_store_outage_instead_of_being_sent_again(monkeypatch):
    """The store's adapter keeps trying the settling write while the lease lasts, and gives up before it ends."""
    monkeypatch.setattr(deliveries, "RECORD_RETRY_SECONDS", 0.01)
    outage, written = [AutoReconnect("the store is restarting")], []

    def write():
        if outage:
            raise outage.pop()
        written.append(1)
        return SimpleNamespace(matched_count=1)
    assert deliveries._within_lease({"lease_ends": monotonic() + 120}, write) is True
    assert written == [1]
    outage.append(AutoReconnect("still down"))
    with pytest.raises(AutoReconnect):  # the lease is nearly over: another sender may take the delivery over
        deliveries._within_lease({"lease_ends": monotonic() + 0.01}, write)
