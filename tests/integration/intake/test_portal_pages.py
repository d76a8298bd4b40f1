"""The region portal's pages, server side, on the real store: the session of the sign-in desk's answer, the
forms without the page's script (create, save, submit, attach, withdraw), refusals at their fields in the
person's language, CSRF, and who sees what."""
from __future__ import annotations

import html
import io
import re
from datetime import datetime, timedelta, timezone

import pytest

from shared.events import types
from shared.events.envelope import new_event
from tests import factories
from tests.support.poll import eventually
from tests.support.signin import as_desk, assert_only_for_its_role

SECTION_KEYS = [k for k, _ in factories.SECTIONS]


def signed_in(client, keys_dir, region: str):
    """A browser-like client of the in-process app, signed in as `region`'s Admin Lokal."""
    browser = client.application.test_client()
    answer = as_desk(browser.get, keys_dir, "intake", sub=f"admin-{region}", role="region", region=region,
                     back="/portal/")
    assert answer.status_code == 302, answer.status_code
    return browser


def csrf(page) -> str:
    return re.search(r'<form[^>]* action="/portal[^"]*"[^>]*>.*?name="csrf" value="([^"]+)"', page.get_data(as_text=True),
                     re.S).group(1)


def new_entry_form(**overrides) -> dict:
    body = {"title": "Puskesmas Keliling " + factories.uid(), "group": "umum", "category": "kesehatan",
            "agency.cluster": "kabupaten", "agency.region_code": "73.15", "agency.name": "Dinas Kesehatan " + factories.uid(),
            "implemented_since": "2021-01-15", "contact.name": "Andi Pratama", "contact.email": "andi@pinrangkab.go.id"}
    body.update(overrides)
    return body


def editor_form(page, entry: dict, **overrides) -> dict:
    """Every field of the editor as the stored draft fills it, with `overrides`."""
    body = {"csrf": csrf(page), "title": entry["title"], "group": entry["group"], "category": entry["category"],
            "agency.cluster": entry["agency"]["cluster"], "agency.region_code": entry["agency"]["region_code"],
            "agency.name": entry["agency"]["name"], "implemented_since": entry["implemented_since"],
            "contact.name": entry["contact"]["name"], "contact.email": entry["contact"]["email"], "videos": "",
            **{f"sections.{k}": (entry.get("sections") or {}).get(k, "") for k in SECTION_KEYS}}
    body.update(overrides)
    return body


@pytest.fixture
def pinrang(client, keys_dir):
    return signed_in(client, keys_dir, "73.15")


def create_draft(browser, cid: str, **overrides) -> str:
    form = browser.get(f"/portal/kompetisi/{cid}/baru")
    made = browser.post(f"/portal/kompetisi/{cid}/baru", data={"csrf": csrf(form), **new_entry_form(**overrides)})
    assert made.status_code == 303, made.get_data(as_text=True)[:2000]
    return made.headers["Location"].split("/portal/entri/")[1].split("?")[0]


def test_only_a_region_signed_in_at_the_desk_uses_the_portal(client, keys_dir, open_competition):
    assert_only_for_its_role(client, keys_dir, "intake", "/portal/")
    home = signed_in(client, keys_dir, "73.15").get("/portal/")
    text = home.get_data(as_text=True)
    assert home.status_code == 200 and open_competition["name"] in text and "Buat entri baru" in text
    assert 'data-closes-at="' in text and "WIB" in text and home.headers["Cache-Control"] == "no-store"
    assert "'unsafe-inline'" not in home.headers["Content-Security-Policy"]


def test_the_new_entry_form_offers_the_persons_own_regions(client, keys_dir, open_competition):
    cid = open_competition["id"]
    kabupaten = signed_in(client, keys_dir, "73.15").get(f"/portal/kompetisi/{cid}/baru").get_data(as_text=True)
    assert re.findall(r'<option value="(7[0-9.]+)"', kabupaten) == ["73.15"] and "Kabupaten Pinrang" in kabupaten
    province = signed_in(client, keys_dir, "73").get(f"/portal/kompetisi/{cid}/baru?lang=en").get_data(as_text=True)
    codes = re.findall(r'<option value="(7[0-9.]+)"', province)
    assert codes[0] == "73" and "73.15" in codes and "73.71" in codes and len(codes) == 25
    assert "Agency's region" in html.unescape(province)
    for label in ("Kesehatan", "Pendidikan", "Umum", "Replikasi"):
        assert label in kabupaten
    assert signed_in(client, keys_dir, "73").get("/portal/kompetisi/tidak-ada/baru").status_code == 404


def test_create_refuses_at_the_fields_in_the_persons_language(pinrang, open_competition, intake_db):
    cid = open_competition["id"]
    before = intake_db.entries.count_documents({"competition_id": cid})
    form = pinrang.get(f"/portal/kompetisi/{cid}/baru?lang=en")
    young = datetime.now(timezone.utc).date().isoformat()
    malformed = pinrang.post(f"/portal/kompetisi/{cid}/baru?lang=en", data={
        "csrf": csrf(form), **new_entry_form(title="", **{"contact.email": "bukan-email"})})
    text = malformed.get_data(as_text=True)
    assert malformed.status_code == 422 and 'value="bukan-email"' in text  # the form keeps what was typed
    assert re.search(r'id="f-contact-email-error">Enter a valid e-mail address', text)
    assert re.search(r'id="f-title-error">Enter a title of 3–300 characters', text)
    refused = pinrang.post(f"/portal/kompetisi/{cid}/baru?lang=en", data={
        "csrf": csrf(form), **new_entry_form(implemented_since=young, **{"agency.region_code": "73.71",
                                                                          "agency.cluster": "kota"})})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert re.search(r'id="f-implemented_since-error">The innovation must have been in use for at least 24 months', text)
    assert re.search(r'id="f-agency-region_code-error">Region Kota Makassar \(73.71\) lies outside your region '
                     r'\(Kabupaten Pinrang \(73.15\)\)', text)
    assert 'href="#f-implemented_since"' in text and 'aria-invalid="true"' in text
    assert intake_db.entries.count_documents({"competition_id": cid}) == before


def test_a_draft_is_saved_refused_in_part_and_submitted_without_script(pinrang, client, keys_dir, open_competition,
                                                                       intake_db):
    entry_id = create_draft(pinrang, open_competition["id"])
    page = pinrang.get(f"/portal/entri/{entry_id}?notice=created")
    assert page.status_code == 200 and "Draf dibuat" in page.get_data(as_text=True)
    entry = intake_db.entries.find_one({"_id": entry_id})
    assert (entry["owner_region"], entry["area_region"]) == ("73.15", "73.15")
    long_text = " ".join(["kata"] * 250)
    refused = pinrang.post(f"/portal/entri/{entry_id}", data=editor_form(
        page, entry, **{"sections.ringkasan": long_text, "sections.kebaruan": "Pertama di Sulawesi Selatan.",
                        "sdgs": ["3", "10"], "videos": "https://video.example.id/inovasi\n"}))
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert re.search(r'id="f-sections-ringkasan-error">Bagian ini berisi 250 kata; batasnya 200 kata. Kurangi 50 kata',
                     text)
    assert long_text in text and "data-unsaved" in text  # the refused text is shown again, not lost
    saved = intake_db.entries.find_one({"_id": entry_id})
    assert saved["sections"]["kebaruan"] == "Pertama di Sulawesi Selatan." and saved["sdgs"] == [3, 10]
    assert saved["videos"] == ["https://video.example.id/inovasi"] and "ringkasan" not in saved["sections"]

    submit = pinrang.post(f"/portal/entri/{entry_id}/ajukan", data=editor_form(pinrang.get(f"/portal/entri/{entry_id}"),
                                                                               saved))
    text = submit.get_data(as_text=True)
    assert submit.status_code == 422 and intake_db.entries.find_one({"_id": entry_id})["status"] == "draft"
    assert re.search(r'id="f-sections-ringkasan-error">Bagian ini belum diisi', text)
    filled = {f"sections.{k}": f"Uraian {k} inovasi ini." for k in SECTION_KEYS}
    done = pinrang.post(f"/portal/entri/{entry_id}/ajukan", data=editor_form(pinrang.get(f"/portal/entri/{entry_id}"),
                                                                             saved, **filled))
    assert done.status_code == 303 and done.headers["Location"].endswith("notice=submitted")
    shown = pinrang.get(done.headers["Location"]).get_data(as_text=True)
    assert "Entri diajukan" in shown and "Diajukan" in shown and 'id="receipt"' in shown and "WIB" in shown
    assert 'data-forget-draft="' + entry_id in shown and "Tarik entri" in shown
    province = signed_in(client, keys_dir, "73").get("/portal/").get_data(as_text=True)
    assert saved["title"] in province
    assert signed_in(client, keys_dir, "73.71").get(f"/portal/entri/{entry_id}").status_code == 404


def test_attachments_and_withdrawal_as_plain_forms(pinrang, open_competition, client, auth, intake_db):
    entry_id = create_draft(pinrang, open_competition["id"])
    page = pinrang.get(f"/portal/entri/{entry_id}")
    not_pdf = pinrang.post(f"/portal/entri/{entry_id}/lampiran", data={
        "csrf": csrf(page), "file": (io.BytesIO(b"bukan pdf"), "proposal.pdf", "application/pdf")})
    assert not_pdf.status_code == 415 and "Isi berkas ini bukan PDF" in not_pdf.get_data(as_text=True)
    too_big = pinrang.post(f"/portal/entri/{entry_id}/lampiran", data={
        "csrf": csrf(page), "file": (io.BytesIO(factories.pdf_bytes(1_200_000)), "besar.pdf", "application/pdf")})
    assert too_big.status_code == 413 and "Berkas lebih besar dari 1 MiB" in too_big.get_data(as_text=True)
    over_the_body_limit = pinrang.post(f"/portal/entri/{entry_id}/lampiran", data={
        "csrf": csrf(page), "file": (io.BytesIO(factories.pdf_bytes(3_000_000)), "besar.pdf", "application/pdf")})
    assert over_the_body_limit.status_code == 413 and "text/html" in over_the_body_limit.content_type
    assert "paling besar 1 MiB" in over_the_body_limit.get_data(as_text=True)
    uploaded = pinrang.post(f"/portal/entri/{entry_id}/lampiran", data={
        "csrf": csrf(page), "file": (io.BytesIO(factories.pdf_bytes()), "proposal.pdf", "application/pdf")})
    assert uploaded.status_code == 303
    [attachment] = intake_db.entries.find_one({"_id": entry_id})["attachments"]
    shown = pinrang.get(f"/portal/entri/{entry_id}").get_data(as_text=True)
    assert "proposal.pdf" in shown and f"/api/v1/entries/{entry_id}/attachments/{attachment['id']}" in shown
    removed = pinrang.post(f"/portal/entri/{entry_id}/lampiran/{attachment['id']}/hapus", data={"csrf": csrf(page)})
    assert removed.status_code == 303 and intake_db.entries.find_one({"_id": entry_id})["attachments"] == []

    body = factories.entry("73.15", "kabupaten")
    assert client.patch(f"/api/v1/entries/{entry_id}", json={"sections": body["sections"]},
                        headers=auth("region", "73.15")).status_code == 200
    assert client.post(f"/api/v1/entries/{entry_id}/submit", headers=auth("region", "73.15")).status_code == 200
    page = pinrang.get(f"/portal/entri/{entry_id}")
    short = pinrang.post(f"/portal/entri/{entry_id}/tarik", data={"csrf": csrf(page), "reason": "x"})
    assert short.status_code == 422 and "Tuliskan alasan" in short.get_data(as_text=True)
    forged = pinrang.post(f"/portal/entri/{entry_id}/tarik", data={"csrf": "dari-situs-lain", "reason": "Ditarik"})
    assert forged.status_code == 403 and intake_db.entries.find_one({"_id": entry_id})["status"] == "submitted"
    done = pinrang.post(f"/portal/entri/{entry_id}/tarik", data={"csrf": csrf(page), "reason": "Digabung dengan inovasi lain"})
    assert done.status_code == 303
    shown = pinrang.get(done.headers["Location"]).get_data(as_text=True)
    assert "Ditarik" in shown and "Digabung dengan inovasi lain" in shown and "Tarik entri</button>" not in shown


def test_outcomes_and_the_objection_list_come_from_reviews_events(pinrang, client, auth, open_competition, publisher,
                                                                   keys_dir):
    cid, region = open_competition["id"], auth("region", "73.15")
    made = client.post(f"/api/v1/competitions/{cid}/entries", json=factories.agency_entry("73.15", "kabupaten"),
                       headers=region).get_json()
    assert client.post(f"/api/v1/entries/{made['id']}/submit", headers=region).status_code == 200
    at = datetime.now(timezone.utc)
    events = [new_event(types.ENTRY_SCREENED, made["id"], {"entry_id": made["id"], "competition_id": cid,
                                                           "stage": "administrasi", "decision": "eligible",
                                                           "reason": None}, "kipp/review"),
              new_event(types.ENTRY_ADVANCED, made["id"], {"entry_id": made["id"], "competition_id": cid,
                                                           "stage": "evaluasi", "to_stage": "wawancara", "rank": 1,
                                                           "score": 88.25, "reason": "rank"}, "kipp/review")]
    events[0]["time"] = (at - timedelta(minutes=5)).isoformat().replace("+00:00", "Z")
    publisher.publish_all(events)
    url = f"/portal/entri/{made['id']}?lang=en"
    shown = eventually(lambda: (lambda t: t if "Advanced from Evaluation to Interview" in t else None)(
        pinrang.get(url).get_data(as_text=True)), timeout=30, what="the outcomes on the entry page")
    assert "Passed administrative screening" in shown and "rank 1, score 88.25" in shown and "chosen by rank" in shown
    assert "Withdraw entry</button>" not in shown  # screened: no longer withdrawable
    home = signed_in(client, keys_dir, "73").get("/portal/").get_data(as_text=True)
    assert "Lolos tahap Evaluasi ke tahap Wawancara" in home and "Masa keberatan tahap Evaluasi terbuka" in home
    listing = signed_in(client, keys_dir, "31").get(f"/portal/kompetisi/{cid}/keberatan/evaluasi").get_data(as_text=True)
    assert made["title"] in listing and f"/keberatan/{cid}/evaluasi/{made['id']}?lang=id" in listing
    assert "Ajukan keberatan" in listing
    closed = pinrang.get(f"/portal/kompetisi/{cid}/keberatan/wawancara?lang=id").get_data(as_text=True)
    assert "tidak sedang dibuka" in closed and made["title"] not in closed
    assert pinrang.get(f"/portal/kompetisi/{cid}/keberatan/tidak-ada").status_code == 404
