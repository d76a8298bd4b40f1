"""A region's journey through intake running as processes (gunicorn web + worker), as `make up` runs it."""
from __future__ import annotations

import signal

import pytest
import requests

from tests import factories
from tests.support.cloudevents_sdk import sdk_event
from tests.support.poll import eventually
from tests.support.topics import TopicReader


@pytest.fixture(scope="module")
def intake(running):
    return running("intake")


@pytest.fixture(scope="module")
def entries_topic(stack, namespace):
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    yield reader
    reader.close()


def cloudevents_about(reader, entry_id: str, event_type: str) -> list:
    about = (sdk_event(record) for record in reader.poll() if record.key == entry_id.encode())
    return [event for event in about if event.get_type() == event_type]


def test_a_kota_drafts_attaches_submits_and_withdraws(intake, auth, entries_topic):
    url, kota = intake.url + "/api/v1", auth("region", "73.71")
    definition = factories.competition()
    assert requests.put(f"{url}/competitions/{definition['id']}", json=definition, headers=auth("admin"),
                        timeout=30).status_code == 200
    body, key = factories.entry(), {"Idempotency-Key": factories.uid("e2e-")}
    created = requests.post(f"{url}/competitions/{definition['id']}/entries", json=body, headers={**kota, **key},
                            timeout=30)
    again = requests.post(f"{url}/competitions/{definition['id']}/entries", json=body, headers={**kota, **key},
                          timeout=30)
    assert created.status_code == again.status_code == 201 and created.json() == again.json()
    entry_id = created.json()["id"]
    pdf = factories.pdf_bytes(200_000)
    uploaded = requests.post(f"{url}/entries/{entry_id}/attachments", headers=kota, timeout=30,
                             files={"file": ("Proposal.pdf", pdf, "application/pdf")})
    assert uploaded.status_code == 201 and uploaded.json()["size"] == len(pdf)
    intake.restart_worker(signal.SIGKILL)  # a crash of the relay only delays the event
    submitted = requests.post(f"{url}/entries/{entry_id}/submit", headers=kota, timeout=30)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    [event] = eventually(lambda: cloudevents_about(entries_topic, entry_id, "kipp.entry.submitted"), timeout=40,
                         what="kipp.entry.submitted")
    assert event.get_data()["attachments"][0]["sha256"] == uploaded.json()["sha256"]
    assert requests.get(f"{url}/entries/{entry_id}", headers=auth("region", "73"), timeout=30).status_code == 200
    assert requests.get(f"{url}/entries/{entry_id}", headers=auth("region", "31"), timeout=30).status_code == 404
    listed = requests.get(f"{url}/competitions/{definition['id']}/entries", headers=auth("ministry"), timeout=30)
    assert [item["id"] for item in listed.json()["items"]] == [entry_id]
    withdrawn = requests.post(f"{url}/entries/{entry_id}/withdraw", json={"reason": "Ditarik oleh Biro Organisasi"},
                              headers=kota, timeout=30)
    assert withdrawn.status_code == 200
    [gone] = eventually(lambda: cloudevents_about(entries_topic, entry_id, "kipp.entry.withdrawn"), timeout=40,
                        what="kipp.entry.withdrawn")
    assert gone.get_data()["reason"] == "Ditarik oleh Biro Organisasi"


def test_docs_and_readiness_are_served_by_the_service_itself(intake):
    page = requests.get(intake.url + "/docs", timeout=30)
    assert page.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    assert requests.get(intake.url + "/docs/assets/swagger-ui.css", timeout=30).status_code == 200
    ready = requests.get(intake.url + "/readyz", timeout=30).json()
    assert ready["ok"] and ready["mongo"] and ready["kafka"] and "outbox_backlog" in ready
