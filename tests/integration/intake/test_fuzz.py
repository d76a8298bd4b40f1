"""Malformed bodies to every intake endpoint (hypothesis): never a 500, and nothing stored."""
from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from services.intake.entrypoints import schemas
from tests import factories
from tests.integration.intake.helpers import create, submit

COLLECTIONS = ("competitions", "entries", "title_claims", "agency_slots", "idempotency_keys", "attachments.files",
               "attachments.chunks", "screenings", "outcomes", "publications", "processed_events")
FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.floats() | st.text(max_size=30)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
not_strings = json_values.filter(lambda v: not isinstance(v, str))
not_objects = json_values.filter(lambda v: not isinstance(v, dict))
unknown_keys = st.dictionaries(st.text(max_size=12).map(lambda k: "zz_" + k), json_values, min_size=1, max_size=4)


def mutations(base: dict, schema, partial: bool = False):
    """Bodies that are certainly invalid: a required field dropped (unless partial), a field mistyped, an unknown
    key, or not an object."""
    fields, required = sorted(base), sorted(name for name, field in schema().fields.items() if field.required)
    dropped = st.sampled_from(required).map(lambda f: {k: v for k, v in base.items() if k != f})
    if partial:
        dropped = st.nothing()
    mistyped = st.tuples(st.sampled_from(fields), not_strings).map(lambda fv: {**base, fv[0]: _wrong(base[fv[0]], fv[1])})
    extra = unknown_keys.map(lambda extra: {**base, **extra})
    return dropped | mistyped | extra | not_objects | unknown_keys


def _wrong(current, candidate):
    """A value that no field holding `current` accepts (booleans also read 0, 1 and numbers read each other)."""
    numbers = (int, float)
    if isinstance(current, bool) or isinstance(candidate, type(current)) or (
            isinstance(current, numbers) and isinstance(candidate, numbers) and not isinstance(candidate, bool)):
        return [candidate] if isinstance(current, dict) else {"zz": candidate}
    return candidate


raw_bodies = st.binary(max_size=200) | st.text(max_size=200).map(str.encode)


def snapshot(db) -> dict:
    return {name: db[name].estimated_document_count() for name in COLLECTIONS}


@pytest.fixture
def fixtures(client, auth, open_competition, intake_db):
    region = auth("region", "73.71")
    draft = create(client, open_competition["id"], region)
    ineligible = create(client, open_competition["id"], region, sections={"ringkasan": "Ringkasan saja."})
    submitted = create(client, open_competition["id"], region)
    assert submit(client, submitted["id"], region).status_code == 200
    return {"cid": open_competition["id"], "region": region, "admin": auth("admin"), "draft": draft,
            "ineligible": ineligible, "submitted": submitted, "db": intake_db}


def stored(db, entry_id: str) -> dict:
    """The entry as stored, without the outbox the relay drains meanwhile."""
    return db.entries.find_one({"_id": entry_id}, {"outbox": 0, "outbox_pending": 0})


def check(response, db, before, entry_id=None, entry_before=None):
    assert response.status_code < 500, (response.status_code, response.get_data(as_text=True)[:300])
    assert response.status_code >= 400, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/problem+json"
    assert snapshot(db) == before
    if entry_id:
        assert stored(db, entry_id) == entry_before


def test_competition_bodies(client, fixtures):
    base = factories.competition(cid="fuzz-" + factories.uid())
    before = snapshot(fixtures["db"])

    @FUZZ
    @given(body=mutations(base, schemas.Competition))
    def run(body):
        check(client.put(f"/api/v1/competitions/{base['id']}", json=body, headers=fixtures["admin"]),
              fixtures["db"], before)
    run()


def test_create_entry_bodies(client, fixtures):
    before, url = snapshot(fixtures["db"]), f"/api/v1/competitions/{fixtures['cid']}/entries"

    @FUZZ
    @given(body=mutations(factories.entry(), schemas.EntryDraft), key=st.none() | st.text(min_size=1, max_size=30).filter(str.isprintable))
    def run(body, key):
        headers = {**fixtures["region"], **({"Idempotency-Key": key} if key else {})}
        check(client.post(url, json=body, headers=headers), fixtures["db"], before)
    run()


def test_patch_and_withdraw_bodies(client, fixtures):
    db, draft, submitted = fixtures["db"], fixtures["draft"]["id"], fixtures["submitted"]["id"]
    before = snapshot(db)
    draft_before, submitted_before = stored(db, draft), stored(db, submitted)

    @FUZZ
    @given(body=mutations(factories.entry(), schemas.EntryDraft, partial=True) | unknown_keys, reason=not_strings | unknown_keys)
    def run(body, reason):
        check(client.patch(f"/api/v1/entries/{draft}", json=body, headers=fixtures["region"]), db, before,
              draft, draft_before)
        check(client.post(f"/api/v1/entries/{submitted}/withdraw", json={"reason": reason}, headers=fixtures["region"]),
              db, before, submitted, submitted_before)
    run()


def test_raw_bytes_to_every_body_endpoint(client, fixtures):
    db, draft, ineligible = fixtures["db"], fixtures["draft"]["id"], fixtures["ineligible"]["id"]
    before, draft_before = snapshot(db), stored(db, draft)
    ctype = st.sampled_from(["application/json", "text/plain", "application/xml", "multipart/form-data",
                             "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"])

    @FUZZ
    @given(raw=raw_bodies, content_type=ctype)
    def run(raw, content_type):
        for method, url, headers in (("put", "/api/v1/competitions/fuzz-raw", fixtures["admin"]),
                                     ("post", f"/api/v1/competitions/{fixtures['cid']}/entries", fixtures["region"]),
                                     ("patch", f"/api/v1/entries/{draft}", fixtures["region"]),
                                     ("post", f"/api/v1/entries/{draft}/attachments", fixtures["region"]),
                                     ("post", f"/api/v1/entries/{ineligible}/submit", fixtures["region"]),
                                     ("post", f"/api/v1/entries/{fixtures['submitted']['id']}/withdraw", fixtures["region"])):
            response = getattr(client, method)(url, data=raw, content_type=content_type, headers=headers)
            assert 400 <= response.status_code < 500 and response.mimetype == "application/problem+json", response.data
        assert snapshot(db) == before and stored(db, draft) == draft_before
    run()


def test_uploads_that_are_not_pdfs(client, fixtures):
    db, draft = fixtures["db"], fixtures["draft"]["id"]
    before, draft_before = snapshot(db), stored(db, draft)

    @FUZZ
    @given(data=st.binary(max_size=300).filter(lambda b: not b.startswith(b"%PDF-")), name=st.text(max_size=40),
           field=st.sampled_from(["file", "berkas", "pdf"]))
    def run(data, name, field):
        response = client.post(f"/api/v1/entries/{draft}/attachments", headers=fixtures["region"],
                               data={field: (io.BytesIO(data), name or "x.pdf")}, content_type="multipart/form-data")
        check(response, db, before, draft, draft_before)
    run()


def test_query_strings_and_ids(client, fixtures):
    db = fixtures["db"]
    before = snapshot(db)
    weird = st.text(max_size=40)

    @FUZZ
    @given(limit=weird, cursor=weird, status=weird, entry_id=weird.filter(lambda s: "/" not in s and s.strip()))
    def run(limit, cursor, status, entry_id):
        for url, query in ((f"/api/v1/competitions/{fixtures['cid']}/entries", {"limit": limit, "status": status}),
                           ("/api/v1/competitions", {"cursor": cursor or "x", "limit": limit})):
            response = client.get(url, query_string=query, headers=fixtures["region"])
            assert response.status_code < 500
        response = client.post(f"/api/v1/entries/{entry_id}/submit", headers=fixtures["region"])
        assert response.status_code in (404, 405), response.status_code
        assert snapshot(db) == before
    run()


CONTROLS = st.sampled_from([chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]])
LINE_FIELDS = [("title",), ("agency", "name"), ("contact", "name"), ("contact", "email"), ("videos", 0)]


def _put_into(body: dict, path: tuple, char: str, at: int) -> dict:
    """`body` with `char` put into the text at `path`, `at` characters in."""
    *parents, leaf = path
    target = body
    for part in parents:
        target = target[part]
    value = target[leaf]
    target[leaf] = value[:at % (len(value) + 1)] + char + value[at % (len(value) + 1):]
    return body


def test_any_control_character_in_a_line_is_refused_on_create_and_patch(client, fixtures):
    db, draft, url = fixtures["db"], fixtures["draft"]["id"], f"/api/v1/competitions/{fixtures['cid']}/entries"
    before, draft_before = snapshot(db), stored(db, draft)

    @FUZZ
    @given(path=st.sampled_from(LINE_FIELDS), char=CONTROLS, at=st.integers(0, 400))
    def run(path, char, at):
        body = _put_into(factories.entry(), path, char, at)
        field = ".".join(map(str, path))
        for response in (client.post(url, json=body, headers=fixtures["region"]),
                         client.patch(f"/api/v1/entries/{draft}", json={path[0]: body[path[0]]},
                                      headers=fixtures["region"])):
            check(response, db, before, draft, draft_before)
            assert response.status_code == 422
            assert any(m.startswith("control-character:") for m in response.get_json()["errors"][field]), field
    run()


def test_any_upload_name_is_kept_in_a_safe_form(client, fixtures):
    db, draft, region = fixtures["db"], fixtures["draft"]["id"], fixtures["region"]
    url = f"/api/v1/entries/{draft}/attachments"

    @FUZZ
    @given(name=st.text(st.characters(blacklist_characters='\r\n"'), max_size=300))
    def run(name):
        response = client.post(url, headers=region, content_type="multipart/form-data",
                               data={"file": (io.BytesIO(factories.pdf_bytes(64)), name + ".pdf", "application/pdf")})
        assert response.status_code == 201, response.get_json()
        kept = response.get_json()["filename"]
        assert kept.endswith(".pdf") and len(kept) <= 120 and kept.isprintable()
        assert not set(kept) & set('<>:"/\\|?*') and kept == kept.strip(" ") and not kept.startswith(".")
        assert db["attachments.files"].find_one({"_id": response.get_json()["id"]})["filename"] == kept
        assert client.delete(f"{url}/{response.get_json()['id']}", headers=region).status_code == 204
    run()
