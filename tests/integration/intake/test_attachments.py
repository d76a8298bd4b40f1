"""PDF attachments: declared, named and made as PDFs, at most 1 MiB, stored in the store's GridFS with size and sha256."""
from __future__ import annotations

import hashlib
import io

from tests import factories
from tests.integration.intake.helpers import assert_problem, create, submit

MIB = 1024 * 1024


def upload(client, entry_id: str, headers: dict, data: bytes, name: str = "proposal.pdf",
           declared: str = "application/pdf"):
    return client.post(f"/api/v1/entries/{entry_id}/attachments", headers=headers,
                       data={"file": (io.BytesIO(data), name, declared)}, content_type="multipart/form-data")


def test_a_pdf_is_stored_listed_and_read_back(client, auth, open_competition, intake_db):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    data = factories.pdf_bytes(MIB)
    response = upload(client, entry["id"], region, data, "Proposal Inovasi.pdf")
    assert response.status_code == 201, response.get_json()
    meta = response.get_json()
    assert meta["size"] == MIB and meta["sha256"] == hashlib.sha256(data).hexdigest()
    assert meta["content_type"] == "application/pdf" and meta["filename"] == "Proposal Inovasi.pdf"
    listed = client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()["attachments"]
    assert listed == [meta]
    stored = intake_db["attachments.files"].find_one({"_id": meta["id"]})
    assert stored["length"] == MIB and stored["metadata"]["sha256"] == meta["sha256"]
    download = client.get(f"/api/v1/entries/{entry['id']}/attachments/{meta['id']}", headers=auth("ministry"))
    assert download.status_code == 200 and download.data == data and download.mimetype == "application/pdf"
    assert_problem(client.get(f"/api/v1/entries/{entry['id']}/attachments/{meta['id']}",
                              headers=auth("region", "31")), 404)


def test_content_name_and_declared_type_must_all_say_pdf(client, auth, open_competition, intake_db):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    assert_problem(upload(client, entry["id"], region, b"MZ\x90\x00 not a pdf" * 50, "virus.pdf"), 415, "not-a-pdf",
                   "file")
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes(), "proposal.txt", "text/plain"), 415,
                   "declared-type-not-pdf", "file")
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes(), "proposal.txt"), 415, "name-not-pdf")
    assert intake_db["attachments.files"].count_documents({"metadata.entry_id": entry["id"]}) == 0
    assert upload(client, entry["id"], region, factories.pdf_bytes(), "PROPOSAL.PDF").status_code == 201


def test_files_over_one_mib_are_413_and_nothing_is_stored(client, auth, open_competition, intake_db):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    before = intake_db["attachments.files"].count_documents({})
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes(MIB + 1)), 413, "file-too-large")
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes(3 * MIB)), 413)
    assert intake_db["attachments.files"].count_documents({}) == before
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()["attachments"] == []


def test_upload_needs_multipart_with_a_file_and_a_draft(client, auth, open_competition):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    url = f"/api/v1/entries/{entry['id']}/attachments"
    assert_problem(client.post(url, data=factories.pdf_bytes(), content_type="application/pdf", headers=region), 415)
    assert_problem(client.post(url, json={"file": "x"}, headers=region), 415)
    assert_problem(client.post(url, data={"other": "x"}, content_type="multipart/form-data", headers=region), 422,
                   field="file")
    assert_problem(upload(client, "tidak-ada", region, factories.pdf_bytes()), 404)
    assert_problem(upload(client, entry["id"], auth("judge", sub="j"), factories.pdf_bytes()), 403)
    submit(client, entry["id"], region)
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes()), 409, "not-a-draft")


def test_an_attachment_can_be_removed_from_a_draft(client, auth, open_competition, intake_db):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    keep = upload(client, entry["id"], region, factories.pdf_bytes(), "a.pdf").get_json()
    drop = upload(client, entry["id"], region, factories.pdf_bytes(), "b.pdf").get_json()
    assert client.delete(f"/api/v1/entries/{entry['id']}/attachments/{drop['id']}", headers=region).status_code == 204
    assert client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()["attachments"] == [keep]
    assert intake_db["attachments.files"].count_documents({"_id": drop["id"]}) == 0
    assert_problem(client.delete(f"/api/v1/entries/{entry['id']}/attachments/{drop['id']}", headers=region), 404)


def test_an_entry_takes_at_most_ten_attachments(client, auth, open_competition):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    for _ in range(10):
        assert upload(client, entry["id"], region, factories.pdf_bytes(512)).status_code == 201
    assert_problem(upload(client, entry["id"], region, factories.pdf_bytes(512)), 409, "too-many-attachments")
