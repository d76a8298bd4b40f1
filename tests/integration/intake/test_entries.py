"""Drafts: create (with Idempotency-Key), validation, PATCH, and who may see what (DESIGN §4)."""
from __future__ import annotations

import threading

from tests import factories
from tests.integration.intake.helpers import assert_problem, create, submit


def test_create_returns_a_draft_owned_by_the_callers_region(client, auth, open_competition):
    response = client.post(f"/api/v1/competitions/{open_competition['id']}/entries",
                           json=factories.entry(), headers=auth("region", "73.71"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "draft" and body["owner_region"] == "73.71" and body["revision"] == 0
    assert body["competition_id"] == open_competition["id"] and body["id"]
    assert response.headers["X-Request-ID"]


def test_create_names_every_bad_field_in_one_422(client, auth, open_competition, intake_db):
    before = intake_db.entries.count_documents({})
    bad = factories.entry(title="", videos=["http://video.example.id/x", "ftp://x"], sdgs=[3, 18],
                          contact={"name": "A", "email": "bukan-email"}, implemented_since="kemarin",
                          sections={"a.b": "x"}, extra="?")
    bad["agency"]["region_code"] = "7371"
    response = client.post(f"/api/v1/competitions/{open_competition['id']}/entries", json=bad,
                           headers=auth("region", "73.71"))
    errors = assert_problem(response, 422)["errors"]
    for field in ("title", "videos.0", "videos.1", "sdgs.1", "contact.email", "implemented_since",
                  "agency.region_code", "extra"):
        assert field in errors, (field, errors)
    assert any(k.startswith("sections") for k in errors)
    assert intake_db.entries.count_documents({}) == before


def test_create_in_an_unknown_competition_is_404(client, auth):
    assert_problem(client.post("/api/v1/competitions/tidak-ada/entries", json=factories.entry(),
                               headers=auth("region", "73.71")), 404)


def test_idempotency_key_returns_the_first_response_and_creates_nothing_new(client, auth, open_competition, intake_db):
    url, region = f"/api/v1/competitions/{open_competition['id']}/entries", auth("region", "73.71")
    headers, body = {**region, "Idempotency-Key": factories.uid("key-")}, factories.entry()
    first = client.post(url, json=body, headers=headers)
    assert first.status_code == 201
    count = intake_db.entries.count_documents({"competition_id": open_competition["id"]})
    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 201 and again.get_json() == first.get_json()
    assert intake_db.entries.count_documents({"competition_id": open_competition["id"]}) == count
    other = client.post(url, json={**body, "title": "Judul lain sama sekali"}, headers=headers)
    assert_problem(other, 422, "idempotency-key-reused", "Idempotency-Key")
    assert intake_db.entries.count_documents({"competition_id": open_competition["id"]}) == count


def test_racing_creates_with_one_key_make_one_entry(intake_service, auth, open_competition, intake_db):
    import requests
    url = f"{intake_service.url}/api/v1/competitions/{open_competition['id']}/entries"
    headers, body = {**auth("region", "73.71"), "Idempotency-Key": factories.uid("race-")}, factories.entry()
    results = []
    threads = [threading.Thread(target=lambda: results.append(requests.post(url, json=body, headers=headers, timeout=30)))
               for _ in range(6)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert {r.status_code for r in results} == {201}
    assert len({r.json()["id"] for r in results}) == 1
    assert intake_db.entries.count_documents({"competition_id": open_competition["id"]}) == 1


def test_patch_edits_a_draft_and_merges_sections(client, auth, open_competition):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    response = client.patch(f"/api/v1/entries/{entry['id']}", headers=region,
                            json={"title": "Judul baru", "sections": {"ringkasan": "Ringkasan baru."}})
    assert response.status_code == 200, response.get_json()
    body = client.get(f"/api/v1/entries/{entry['id']}", headers=region).get_json()
    assert body["title"] == "Judul baru" and body["sections"]["ringkasan"] == "Ringkasan baru."
    assert body["sections"]["kebaruan"] == entry["sections"]["kebaruan"]


def test_patch_validates_and_is_refused_once_submitted(client, auth, open_competition):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"videos": ["http://x.id"]}, headers=region),
                   422, field="videos.0")
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"agency": {"name": "X"}}, headers=region),
                   422, field="agency.cluster")
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={}, headers=region), 422)
    assert submit(client, entry["id"], region).status_code == 200
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"title": "Sesudah"}, headers=region),
                   409, "not-a-draft")


def test_reading_an_entry_follows_region_scoping(client, auth, open_competition):
    entry = create(client, open_competition["id"], auth("region", "73.71"))
    url = f"/api/v1/entries/{entry['id']}"
    for headers in (auth("region", "73.71"), auth("region", "73"), auth("ministry"), auth("admin")):
        assert client.get(url, headers=headers).status_code == 200
    for headers in (auth("region", "73.15"), auth("region", "31"), auth("region", "31.71")):
        assert_problem(client.get(url, headers=headers), 404)
    assert_problem(client.get(url, headers=auth("judge", sub="judge-1")), 403)
    assert_problem(client.get(url), 401)
    assert_problem(client.get(url, headers={"Authorization": "Bearer rusak"}), 401)
    assert_problem(client.get("/api/v1/entries/tidak-ada", headers=auth("admin")), 404)


def test_changing_someone_elses_entry_is_404(client, auth, open_competition):
    entry = create(client, open_competition["id"], auth("region", "73.71"))
    other = auth("region", "31")
    assert_problem(client.patch(f"/api/v1/entries/{entry['id']}", json={"title": "Curi"}, headers=other), 404)
    assert_problem(submit(client, entry["id"], other), 404)
    assert_problem(client.post(f"/api/v1/entries/{entry['id']}/withdraw", json={"reason": "iseng"}, headers=other), 404)


def ids(response) -> set:
    return {item["id"] for item in response.get_json()["items"]}


def test_lists_are_scoped_by_region(client, auth, open_competition):
    cid = open_competition["id"]
    kota = create(client, cid, auth("region", "73.71"))["id"]
    kabupaten = create(client, cid, auth("region", "73.15"), region_code="73.15", cluster="kabupaten")["id"]
    province = create(client, cid, auth("region", "73"), region_code="73", cluster="provinsi")["id"]
    elsewhere = create(client, cid, auth("region", "31"), region_code="31.71")["id"]
    url = f"/api/v1/competitions/{cid}/entries"
    assert ids(client.get(url, headers=auth("region", "73"))) == {kota, kabupaten, province}
    assert ids(client.get(url, headers=auth("region", "73.71"))) == {kota}
    assert ids(client.get(url, headers=auth("region", "31"))) == {elsewhere}
    assert ids(client.get(url, headers=auth("ministry"))) == {kota, kabupaten, province, elsewhere}
    assert_problem(client.get(url, headers=auth("judge", sub="judge-1")), 403)
    assert "sections" not in client.get(url, headers=auth("admin")).get_json()["items"][0]


def test_lists_filter_by_status_and_page_with_a_cursor(client, auth, open_competition):
    cid, region = open_competition["id"], auth("region", "73.71")
    made = [create(client, cid, region)["id"] for _ in range(5)]
    submit(client, made[0], region)
    url = f"/api/v1/competitions/{cid}/entries"
    assert ids(client.get(url + "?status=submitted", headers=region)) == {made[0]}
    seen, cursor = [], None
    while True:
        body = client.get(url, query_string={"limit": 2, **({"cursor": cursor} if cursor else {})}, headers=region).get_json()
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(made) and len(seen) == 5
    assert len(client.get(url, headers=region).get_json()["items"]) == 5
    for query in ("?limit=0", "?limit=501", "?limit=x", "?status=lain", "?cursor=%%%", "?cursor=eyJ4IjogMX0"):
        assert_problem(client.get(url + query, headers=region), 422)
    assert_problem(client.get("/api/v1/competitions/tidak-ada/entries", headers=region), 404)
