"""Submit and withdraw: the entry's state, and the events the relay publishes on <ns>.entries (DESIGN §3, §7)."""
from __future__ import annotations

import io

from shared.events.envelope import new_event
from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.intake.helpers import assert_problem, create, submit
from tests.support.cloudevents_sdk import sdk_event
from tests.support.poll import eventually

SUBMITTED_FIELDS = {"entry_id", "competition_id", "revision", "title", "group", "category", "agency", "province_code",
                    "implemented_since", "sdgs", "sections", "attachments", "contact", "submitted_at"}


def sdk_events(reader, entry_id: str, event_type: str) -> list:
    """Records about `entry_id` read with the cloudevents SDK, as an outside consumer reads them."""
    about = (sdk_event(record) for record in reader.poll() if record.key == entry_id.encode())
    return [event for event in about if event.get_type() == event_type]


def test_submit_emits_a_cloudevent_with_the_fields_of_the_contract(client, auth, open_competition, entries_topic):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    client.post(f"/api/v1/entries/{entry['id']}/attachments", headers=region,
                data={"file": (io.BytesIO(factories.pdf_bytes()), "proposal.pdf")})
    response = client.post(f"/api/v1/entries/{entry['id']}/submit", headers={**region, "X-Request-ID": "req-123"})
    assert response.status_code == 200
    submitted = response.get_json()
    assert submitted["status"] == "submitted" and submitted["revision"] == 1 and submitted["province_code"] == "73"
    [event] = eventually(lambda: sdk_events(entries_topic, entry["id"], "kipp.entry.submitted"),
                         what="kipp.entry.submitted")
    assert event.get_specversion() == "1.0" and event.get_source() == "kipp/intake"
    assert event.get_subject() == entry["id"] and event.get_datacontenttype() == "application/json"
    assert event.get_dataschema() == "urn:kipp:entry.submitted:1" and event.get_time() is not None
    assert event.get_extension("kipprequestid") == "req-123"
    data = event.get_data()
    assert SUBMITTED_FIELDS <= set(data)
    assert data["entry_id"] == entry["id"] and data["title"] == entry["title"] and data["revision"] == 1
    assert data["agency"] == entry["agency"] and data["contact"] == entry["contact"]
    assert data["submitted_at"] == submitted["submitted_at"] and data["province_code"] == "73"
    [attachment] = data["attachments"]
    assert attachment["filename"] == "proposal.pdf" and len(attachment["sha256"]) == 64


def test_submitting_twice_returns_the_same_entry_and_one_event(client, auth, open_competition, entries_topic):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    first, again = submit(client, entry["id"], region), submit(client, entry["id"], region)
    assert first.status_code == again.status_code == 200
    assert first.get_json() == {k: v for k, v in again.get_json().items()}
    eventually(lambda: sdk_events(entries_topic, entry["id"], "kipp.entry.submitted"), what="the event")
    assert len(sdk_events(entries_topic, entry["id"], "kipp.entry.submitted")) == 1


def test_withdraw_emits_the_reason_and_only_submitted_entries_can_withdraw(client, auth, open_competition,
                                                                          entries_topic):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    url = f"/api/v1/entries/{entry['id']}/withdraw"
    assert_problem(client.post(url, json={"reason": "belum siap"}, headers=region), 409, "not-submitted")
    submit(client, entry["id"], region)
    response = client.post(url, json={"reason": "Inovasi digabung dengan entri lain"}, headers=region)
    assert response.status_code == 200 and response.get_json()["status"] == "withdrawn"
    [event] = eventually(lambda: sdk_events(entries_topic, entry["id"], "kipp.entry.withdrawn"), what="withdrawn")
    data = event.get_data()
    assert data["reason"] == "Inovasi digabung dengan entri lain" and data["competition_id"] == open_competition["id"]
    assert data["entry_id"] == entry["id"] and data["withdrawn_at"]
    again = client.post(url, json={"reason": "Inovasi digabung dengan entri lain"}, headers=region)
    assert again.status_code == 200 and again.get_json()["withdrawn_at"] == response.get_json()["withdrawn_at"]
    assert_problem(submit(client, entry["id"], region), 409, "not-a-draft")
    assert_problem(client.post(url, json={"reason": ""}, headers=region), 422, field="reason")
    assert_problem(client.post(url, data="alasan", headers=region), 415)


def test_an_entry_review_has_screened_can_no_longer_be_withdrawn(client, auth, open_competition, stack, namespace):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    submit(client, entry["id"], region)
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    publisher.publish_all([new_event("kipp.entry.screened", entry["id"], {
        "entry_id": entry["id"], "competition_id": open_competition["id"], "stage": "administrasi",
        "decision": "eligible", "reason": None}, "kipp/review")])
    publisher.close()
    url = f"/api/v1/entries/{entry['id']}"
    eventually(lambda: client.get(url, headers=region).get_json()["screening"], what="the screening to be seen")
    assert client.get(url, headers=region).get_json()["screening"]["decision"] == "eligible"
    assert_problem(client.post(url + "/withdraw", json={"reason": "terlambat"}, headers=region), 409,
                   "already-screened")


def test_a_competition_change_is_published_once_per_change(client, auth, competitions_topic):
    definition = factories.competition()
    url, admin = f"/api/v1/competitions/{definition['id']}", auth("admin")
    assert client.put(url, json=definition, headers=admin).status_code == 200
    assert client.put(url, json=definition, headers=admin).status_code == 200
    renamed = {**definition, "name": "KIPP (nama baru)"}
    assert client.put(url, json=renamed, headers=admin).get_json()["name"] == "KIPP (nama baru)"

    def published():
        found = [r for r in competitions_topic.poll() if r.key == definition["id"].encode()]
        return found if len(found) >= 2 else None
    records = eventually(published, what="two competition events")
    events = [sdk_event(r) for r in records]
    assert [e.get_data()["name"] for e in events] == [definition["name"], "KIPP (nama baru)"]
    assert client.get(url, headers=auth("judge", sub="j")).get_json()["name"] == "KIPP (nama baru)"
