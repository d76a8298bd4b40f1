"""A region submits through intake; its contacts and contact person hear of it once, in their language."""
from __future__ import annotations

import pytest
import requests

from tests import factories
from tests.integration.notify import support
from tests.support.topics import TopicReader

pytestmark = pytest.mark.e2e


def test_a_submission_brings_one_receipt_to_each_contact(pair, auth, stack, mail_ns, mail_sink):
    intake, notify = pair["intake"].url, pair["notify"].url
    admin = auth("admin", sub="sekretariat-kipp")
    definition = factories.competition(name="Kompetisi Inovasi Pelayanan Publik 2026 (uji)")
    assert requests.put(f"{intake}/api/v1/competitions/{definition['id']}", json=definition,
                        headers=admin).status_code == 200
    kota, province = f"{factories.uid('kota-')}@ambon.go.id", f"{factories.uid('prov-')}@malukuprov.go.id"
    for code, address, language in (("81.71", kota, "en"), ("81", province, "id")):
        response = requests.put(f"{notify}/api/v1/regions/{code}/contacts", headers=admin,
                                json={"addresses": [address], "language": language})
        assert response.status_code == 200, response.text
    # no wait for the competition to reach notify: its event travels on its own topic, so nothing
    # orders it before the entry's, and notify holds the receipt until it knows the competition's name

    region = auth("region", "81", "biro-organisasi-maluku")
    body = factories.agency_entry("81.71", "kota")
    draft = requests.post(f"{intake}/api/v1/competitions/{definition['id']}/entries", json=body, headers=region)
    assert draft.status_code == 201, draft.text
    entry_id = draft.json()["id"]
    submitted = requests.post(f"{intake}/api/v1/entries/{entry_id}/submit", headers=region)
    assert submitted.status_code == 200, submitted.text
    requests.post(f"{intake}/api/v1/entries/{entry_id}/submit", headers=region)  # a double click changes nothing

    english, indonesian = mail_sink.wait_for(kota)[0], mail_sink.wait_for(province)[0]
    person = mail_sink.wait_for(body["contact"]["email"])[0]
    assert english["Subject"] == f"Proposal received: {body['title']}"
    assert indonesian["Subject"] == f"Tanda terima proposal: {body['title']}"
    for message in (english, indonesian, person):
        text, html = support.parts(message)
        assert body["title"] in text and body["agency"]["name"] in html
        assert "Kompetisi Inovasi Pelayanan Publik 2026 (uji)" in text
    assert "Kota Ambon, Maluku" in support.parts(english)[0]

    sent = TopicReader(stack.kafka, f"{mail_ns}.notifications")
    events = sent.wait_for(3, type="kipp.notification.sent", entry_id=entry_id)
    sent.close()
    assert {e["data"]["recipients"][0] for e in events} == {kota, province, body["contact"]["email"]}
    log = requests.get(f"{notify}/api/v1/deliveries", params={"entry_id": entry_id},
                       headers=auth("ministry")).json()["items"]
    assert sorted(i["status"] for i in log) == ["sent"] * 3
    support.wait_settled(pair["notify"])
    assert all(len(mail_sink.messages(a)) == 1 for a in (kota, province, body["contact"]["email"]))
