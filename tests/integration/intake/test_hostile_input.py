"""The black-box probe's findings (issue 11), replayed over HTTP against the running intake (gunicorn on the
real store): hostile input is refused the same way on create, PATCH and upload, and nothing is stored."""
from __future__ import annotations

import copy

import pytest
import requests

from tests import factories

PROBLEM = "application/problem+json"


class Intake:
    """The running intake's entries API for one caller."""

    def __init__(self, url: str, headers: dict):
        self.url, self.headers = url + "/api/v1", headers

    def create(self, cid: str, body: dict, **headers) -> requests.Response:
        return requests.post(f"{self.url}/competitions/{cid}/entries", json=body,
                             headers={**self.headers, **headers}, timeout=30)

    def patch(self, entry_id: str, changes: dict) -> requests.Response:
        return requests.patch(f"{self.url}/entries/{entry_id}", json=changes, headers=self.headers, timeout=30)

    def upload(self, entry_id: str, name: str, data: bytes, content_type: str) -> requests.Response:
        return requests.post(f"{self.url}/entries/{entry_id}/attachments", headers=self.headers, timeout=30,
                             files={"file": (name, data, content_type)})

    def read(self, path: str) -> requests.Response:
        return requests.get(f"{self.url}{path}", headers=self.headers, timeout=30)


def refused(response: requests.Response, status: int, rule: str, field: str) -> dict:
    """The response is a problem+json `status` naming `rule` and `field`."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    assert response.headers["Content-Type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"]
    messages = body.get("errors", {}).get(field)
    assert messages, (field, body)
    assert body.get("rule") == rule or any(m.startswith(rule + ":") for m in messages), (rule, body)
    return body


def stored(db, entry_id: str) -> dict:
    return db.entries.find_one({"_id": entry_id})


@pytest.fixture
def kota(intake_service, auth) -> Intake:
    return Intake(intake_service.url, auth("region", "73.71"))


@pytest.fixture
def draft(kota, open_competition) -> dict:
    response = kota.create(open_competition["id"], factories.agency_entry("73.71", "kota"))
    assert response.status_code == 201, response.text
    return response.json()


def entries_of(db, cid: str) -> int:
    return db.entries.count_documents({"competition_id": cid})


def test_a_region_cannot_draft_for_an_agency_outside_it(intake_service, auth, open_competition, intake_db):
    cid, jabar = open_competition["id"], Intake(intake_service.url, auth("region", "32"))
    body, key = factories.agency_entry("73.71", "kota"), {"Idempotency-Key": factories.uid("luar-")}
    for response in (jabar.create(cid, body), jabar.create(cid, body, **key)):
        problem = refused(response, 422, "region-outside", "agency.region_code")
        assert {"rule": "region-outside", "field": "agency.region_code"}.items() <= problem["violations"][0].items()
    assert entries_of(intake_db, cid) == 0
    own = jabar.create(cid, factories.agency_entry("32.01", "kabupaten"), **key)  # the refusal kept no key
    assert own.status_code == 201, own.text
    assert own.json()["agency"]["region_code"] == "32.01"


@pytest.mark.parametrize("agency,rule", [
    ({"cluster": "provinsi", "region_code": "00"}, "region-unknown"),  # the probe's PATCH
    ({"cluster": "kota", "region_code": "73.99"}, "region-unknown"),
    ({"cluster": "kabupaten", "region_code": "32.01"}, "region-outside"),
    ({"cluster": "provinsi", "region_code": "73"}, "region-outside"),  # a kota moving its entry up to the province
    ({"cluster": "kabupaten", "region_code": "73.71"}, "region-level"),
])
def test_a_patch_cannot_move_a_draft_out_of_bounds(kota, draft, intake_db, agency, rule):
    before = stored(intake_db, draft["id"])
    response = kota.patch(draft["id"], {"agency": {"name": "Dinas Pindahan", **agency}, "title": "Judul pindahan"})
    refused(response, 422, rule, "agency.region_code")
    assert stored(intake_db, draft["id"]) == before
    assert kota.read(f"/entries/{draft['id']}").json()["agency"] == draft["agency"]


def with_nul(path: str):
    """A change to `body` putting a NUL byte into the text at `path`."""
    def change(body: dict) -> dict:
        *parents, leaf = path.split(".")
        target = body
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        key = int(leaf) if isinstance(target, list) else leaf
        target[key] = target[key][:4] + "\x00" + target[key][4:]
        return body
    return change


TEXT_FIELDS = ["title", "agency.name", "contact.name", "contact.email", "videos.0", "sections.ringkasan"]
ERROR_FIELD = {"sections.ringkasan": "sections.ringkasan.value"}  # marshmallow names a dict's value so


@pytest.mark.parametrize("path", TEXT_FIELDS)
def test_a_nul_byte_is_refused_on_create(kota, open_competition, intake_db, path):
    body = with_nul(path)(factories.agency_entry("73.71", "kota"))
    refused(kota.create(open_competition["id"], body), 422, "control-character", ERROR_FIELD.get(path, path))
    assert entries_of(intake_db, open_competition["id"]) == 0


@pytest.mark.parametrize("path", TEXT_FIELDS)
def test_a_nul_byte_is_refused_on_patch_and_the_draft_is_unchanged(kota, draft, intake_db, path):
    before = stored(intake_db, draft["id"])
    top = path.split(".")[0]
    change = with_nul(path)({top: copy.deepcopy(draft[top])})
    refused(kota.patch(draft["id"], change), 422, "control-character", ERROR_FIELD.get(path, path))
    assert stored(intake_db, draft["id"]) == before


@pytest.mark.parametrize("value", ["Judul\nbaris dua", "Judul\tber-tab", "Judul \x1b[31mmerah", "Judul\u2028x"])
def test_a_title_is_one_line_while_a_section_may_have_many(kota, draft, intake_db, value):
    refused(kota.patch(draft["id"], {"title": value}), 422, "control-character", "title")
    ok = kota.patch(draft["id"], {"sections": {"ringkasan": "Paragraf satu.\r\n\r\n\tParagraf dua."}})
    assert ok.status_code == 200, ok.text
    assert ok.json()["sections"]["ringkasan"] == "Paragraf satu.\r\n\r\n\tParagraf dua."


def test_a_withdrawal_reason_refuses_control_characters_too(kota, draft, intake_db):
    assert requests.post(f"{kota.url}/entries/{draft['id']}/submit", headers=kota.headers, timeout=30).ok
    response = requests.post(f"{kota.url}/entries/{draft['id']}/withdraw", json={"reason": "salah\x00kirim"},
                             headers=kota.headers, timeout=30)
    refused(response, 422, "control-character", "reason")
    assert stored(intake_db, draft["id"])["status"] == "submitted"


def files_of(db, entry_id: str) -> list[dict]:
    return list(db["attachments.files"].find({"metadata.entry_id": entry_id}))


@pytest.mark.parametrize("name,kept", [
    ("<script>alert(1)</script>.pdf", "script_.pdf"),
    ("<script>.pdf", "_script_.pdf"),
    ('..\\..\\Proposal <b>"Inovasi"</b>.pdf', "b_.pdf"),
    ("Lam\x00pir\x07an|1?.pdf", "Lampiran_1_.pdf"),
    ("Proposal Inovasi Kota Makassar.pdf", "Proposal Inovasi Kota Makassar.pdf"),
    ("提案 Inovasi.pdf", "提案 Inovasi.pdf"),
])
def test_upload_names_are_kept_in_a_safe_form(kota, draft, intake_db, auth, intake_service, name, kept):
    response = kota.upload(draft["id"], name, factories.pdf_bytes(), "application/pdf")
    assert response.status_code == 201, response.text
    meta = response.json()
    assert meta["filename"] == kept
    assert kota.read(f"/entries/{draft['id']}").json()["attachments"] == [meta]
    assert [f["filename"] for f in files_of(intake_db, draft["id"])] == [kept]
    download = Intake(intake_service.url, auth("ministry")).read(f"/entries/{draft['id']}/attachments/{meta['id']}")
    assert download.status_code == 200 and "<" not in download.headers["Content-Disposition"]


@pytest.mark.parametrize("name,content_type,data,rule", [
    ("proposal.txt", "text/plain", factories.pdf_bytes(), "declared-type-not-pdf"),  # the probe's upload
    ("proposal.pdf", "text/plain", factories.pdf_bytes(), "declared-type-not-pdf"),
    ("proposal.pdf", "application/octet-stream", factories.pdf_bytes(), "declared-type-not-pdf"),
    ("proposal.txt", "application/pdf", factories.pdf_bytes(), "name-not-pdf"),
    ("proposal.pdf", "application/pdf", b"Ini berkas teks biasa, bukan PDF.\n" * 20, "not-a-pdf"),
    ("proposal.pdf", "application/pdf", b"<html><script>alert(1)</script></html>", "not-a-pdf"),
])
def test_type_name_and_bytes_must_agree_or_nothing_is_stored(kota, draft, intake_db, name, content_type, data, rule):
    before = stored(intake_db, draft["id"])
    refused(kota.upload(draft["id"], name, data, content_type), 415, rule, "file")
    assert files_of(intake_db, draft["id"]) == [] and stored(intake_db, draft["id"]) == before
