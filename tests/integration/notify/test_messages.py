"""Every template reaches the right people in their language, with both parts and the right facts."""
from __future__ import annotations

import re

import pytest

from tests.integration.notify import support

pytestmark = pytest.mark.integration
MESSAGE_ID = re.compile(r"^<[0-9a-f]{32}@kipp\.local>$")


@pytest.fixture
def makassar(api, publisher, sink):
    """An entry from Kota Makassar whose kota contact reads English and whose province reads Indonesian."""
    kota = support.contacts(api, "73.71", "en")[0]
    province = support.contacts(api, "73", "id")[0]
    entry = support.submitted("73.71")
    publisher.publish_all([entry])
    return entry, kota, province, entry["data"]["contact"]["email"]


def test_receipt_reaches_region_province_and_contact_person_in_their_language(makassar, sink, outcomes):
    entry, kota, province, person = makassar
    title = entry["data"]["title"]
    english = sink.wait_for(kota)[0]
    indonesian = sink.wait_for(province)[0]
    assert english["Subject"] == f"Proposal received: {title}"
    assert indonesian["Subject"] == f"Tanda terima proposal: {title}"
    for message, words in ((english, ("Dear Admin Lokal Kota Makassar", "Kota Makassar, Sulawesi Selatan")),
                           (indonesian, ("Yth. Admin Lokal Sulawesi Selatan", "Judul"))):
        text, html = support.parts(message)
        assert title in text and title in html
        assert all(w in text for w in words)
        assert MESSAGE_ID.match(message["Message-ID"])
    # the contact person takes the language of the entry's own region
    text, _ = support.parts(sink.wait_for(person)[0])
    assert "Dear Andi Pratama" in text
    sent = outcomes.wait_for(3, type="kipp.notification.sent", entry_id=entry["data"]["entry_id"])
    assert {e["data"]["recipients"][0] for e in sent} == {kota, province, person}
    assert all(e["subject"] == entry["data"]["entry_id"] and e["data"]["error"] is None for e in sent)


@pytest.mark.parametrize("make, english, indonesian", [
    (lambda e: support.screened(e), "Passed administrative screening", "Lolos Seleksi Administrasi"),
    (lambda e: support.screened(e, "ineligible", "Belum dua tahun berjalan"), "Did not pass administrative",
     "Tidak lolos Seleksi Administrasi"),
    (support.advanced, "Advanced to presentation and interview", "Lolos ke tahap Presentasi dan Wawancara"),
    (support.eliminated, "did not advance", "tidak lolos"),
    (support.awarded, "wins Top 45 Public Service Innovations", "meraih Top 45 Inovasi Pelayanan Publik"),
], ids=["eligible", "ineligible", "advanced", "eliminated", "awarded"])
def test_status_mail_in_both_languages(makassar, publisher, sink, make, english, indonesian):
    entry, kota, province, _ = makassar
    sink.wait_for(kota)
    publisher.publish_all([make(entry)])
    title = entry["data"]["title"]
    en = [m for m in sink.wait_for(kota, 2) if m["Subject"] != f"Proposal received: {title}"][0]
    id_ = [m for m in sink.wait_for(province, 2) if not m["Subject"].startswith("Tanda terima")][0]
    assert english in en["Subject"] and title in en["Subject"]
    assert indonesian in id_["Subject"] and title in id_["Subject"]
    for message in (en, id_):
        text, html = support.parts(message)
        assert title in text and title in html and entry["data"]["agency"]["name"] in html
