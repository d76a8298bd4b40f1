"""The SMTP server misbehaves: down for a while, a temporary refusal, a permanent refusal."""
from __future__ import annotations

import pytest

from tests.integration.notify import support
from tests.support.poll import eventually

pytestmark = pytest.mark.integration


def deliveries_of(api, entry_id: str) -> list[dict]:
    return api("GET", "/api/v1/deliveries", role="ministry", params={"entry_id": entry_id}).json()["items"]


def test_smtp_down_for_a_while_then_back_every_mail_arrives_once(notify, api, publisher, sink):
    entries = [support.submitted("61.71") for _ in range(5)]  # Kota Pontianak
    people = [e["data"]["contact"]["email"] for e in entries]
    sink.stop()
    try:
        publisher.publish_all(entries)
        retrying = eventually(lambda: (lambda d: d if d and d[0]["attempts"] >= 2 else None)(
            deliveries_of(api, entries[-1]["data"]["entry_id"])), timeout=30, what="retries while the server is down")
        assert retrying[0]["status"] == "queued" and "Connection" in retrying[0]["error"]
    finally:
        sink.start()
    eventually(lambda: all(sink.messages(p) for p in people), timeout=30, what="every receipt after the outage")
    support.wait_settled(notify)
    assert [len(sink.messages(p)) for p in people] == [1] * 5
    final = deliveries_of(api, entries[0]["data"]["entry_id"])[0]
    assert final["status"] == "sent" and final["attempts"] >= 2


def test_a_temporary_refusal_is_retried_until_it_passes(notify, api, publisher, sink):
    entry = support.submitted("61.71")
    person = entry["data"]["contact"]["email"]
    sink.fault("451")
    try:
        publisher.publish_all([entry])
        eventually(lambda: (lambda d: d if d and d[0]["attempts"] >= 2 else None)(
            deliveries_of(api, entry["data"]["entry_id"])), timeout=30, what="451 retried")
        assert deliveries_of(api, entry["data"]["entry_id"])[0]["error"].startswith("451")
    finally:
        sink.heal()
    sink.wait_for(person)
    support.wait_settled(notify)
    assert len(sink.messages(person)) == 1


def test_a_550_is_recorded_as_failed_and_published(notify, api, publisher, sink, outcomes):
    entry = support.submitted("61.71")
    entry_id = entry["data"]["entry_id"]
    sink.fault("550")
    try:
        publisher.publish_all([entry])
        failed = outcomes.wait_for(1, type="kipp.notification.failed", entry_id=entry_id)[0]
    finally:
        sink.heal()
    assert failed["subject"] == entry_id and failed["data"]["error"].startswith("550")
    assert failed["data"]["recipients"] == [entry["data"]["contact"]["email"]]
    assert failed["data"]["message_id"].endswith("@kipp.local>") and failed["data"]["template"] == "receipt"
    record = deliveries_of(api, entry_id)[0]
    assert record["status"] == "failed" and record["smtp_reply"] == "550 5.1.1 mailbox unavailable"
    assert record["attempts"] == 1
    listed = api("GET", "/api/v1/deliveries", params={"status": "failed", "region": "61.71"}).json()["items"]
    assert entry_id in {i["entry_id"] for i in listed}
    assert sink.messages(entry["data"]["contact"]["email"]) == []
