"""The thin slice across every service: a region submits, the ministry sees it, the region gets mail."""
from __future__ import annotations

import requests

from tests import factories
from tests.support.cloudevents_sdk import sdk_event
from tests.support.mail import messages
from tests.support.poll import eventually
from tests.support.topics import TopicReader


def test_submitted_entry_reaches_kafka_rankings_and_mail(platform, stack, platform_namespace, auth):
    namespace = platform_namespace
    intake, notify, reporting = (platform[name].url for name in ("intake", "notify", "reporting"))
    definition = factories.competition()
    cid = definition["id"]
    province_mail, city_mail = f"{factories.uid('prov-')}@sulselprov.go.id", f"{factories.uid('kota-')}@makassarkota.go.id"
    assert requests.put(f"{intake}/api/v1/competitions/{cid}", json=definition, headers=auth("admin")).status_code == 200
    for code, address in (("73", province_mail), ("73.71", city_mail)):
        response = requests.put(f"{notify}/api/v1/regions/{code}/contacts", headers=auth("admin"),
                                json={"addresses": [address], "language": "id", "digest": "immediate"})
        assert response.status_code == 200, response.text

    body = factories.entry("73.71", "kota")
    region = auth("region", "73.71", "region-73.71")
    created = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", json=body, headers=region)
    assert created.status_code == 201, created.text
    entry_id = created.json()["id"]
    submitted = requests.post(f"{intake}/api/v1/entries/{entry_id}/submit",
                              headers={**region, "X-Request-ID": "rid-" + entry_id})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted", submitted.text

    # (a) on <ns>.entries as a CloudEvent the SDK reads, carrying the request id
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    record = eventually(lambda: [r for r in reader.poll() if r.key == entry_id.encode()], what="the entry's record")[0]
    event = sdk_event(record)
    assert event.get_type() == "kipp.entry.submitted" and event.get_subject() == entry_id
    assert event.get_data()["title"] == body["title"] and event.get_data()["province_code"] == "73"
    assert event.get_extension("kipprequestid") == "rid-" + entry_id
    reader.close()

    # (b) in the ministry's rankings
    def ranked():
        response = requests.get(f"{reporting}/api/v1/competitions/{cid}/rankings", headers=auth("ministry"))
        return [row for row in response.json().get("items", []) if row["entry_id"] == entry_id] if response.ok else None
    [row] = eventually(ranked, what="the entry in the rankings")
    assert row["title"] == body["title"] and row["province_code"] == "73"

    # (c) a receipt to the city's and the province's contacts and to the entry's contact person
    for address in (city_mail, province_mail, body["contact"]["email"]):
        # other tests of the session mail this region's contacts too: look for this entry's receipt
        def receipts():
            return [m for m in messages(stack.mail_dir, address)
                    if body["title"] in m.get_body(preferencelist=("plain",)).get_content()]
        found = eventually(receipts, timeout=30, what=f"the receipt to {address}")
        assert len({m["Message-ID"] for m in found}) == 1, [(m["Subject"], m["Message-ID"]) for m in found]
