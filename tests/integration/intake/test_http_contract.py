"""The HTTP contract of DESIGN §4 on intake: problem+json for every 4xx, 503 when the store is down, OpenAPI."""
from __future__ import annotations

import json

import pytest
from pymongo import MongoClient

from services.intake.bootstrap import bootstrap
from services.intake.entrypoints.web import create_app
from tests import factories
from tests.integration.intake.helpers import assert_problem, create

JSON_ROUTES = [("put", "/api/v1/competitions/{cid}"), ("post", "/api/v1/competitions/{cid}/entries"),
               ("patch", "/api/v1/entries/{eid}"), ("post", "/api/v1/entries/{eid}/withdraw")]


@pytest.fixture
def draft(client, auth, open_competition):
    return create(client, open_competition["id"], auth("region", "73.71"))


def call(client, method, template, cid, eid, **kwargs):
    headers = kwargs.pop("headers")
    return getattr(client, method)(template.format(cid=cid, eid=eid), headers=headers, **kwargs)


@pytest.mark.parametrize("method,template", JSON_ROUTES)
def test_json_routes_answer_415_400_413_as_problems(client, auth, open_competition, draft, method, template):
    headers = auth("admin") if method == "put" else auth("region", "73.71")
    cid, eid = open_competition["id"], draft["id"]
    assert_problem(call(client, method, template, cid, eid, headers=headers, data="a=1",
                        content_type="application/x-www-form-urlencoded"), 415)
    assert_problem(call(client, method, template, cid, eid, headers=headers, data="{rusak",
                        content_type="application/json"), 400)
    assert_problem(call(client, method, template, cid, eid, headers=headers, data="[" * 50000 + "]" * 50000,
                        content_type="application/json"), 400)
    assert_problem(call(client, method, template, cid, eid, headers=headers, data='{"title": "\\ud800"}',
                        content_type="application/json"), 400)
    huge = json.dumps({"title": "x" * (2 * 1024 * 1024 + 10)})
    assert_problem(call(client, method, template, cid, eid, headers=headers, data=huge,
                        content_type="application/json"), 413)
    assert_problem(call(client, method, template, cid, eid, headers=headers, json=[1, 2]), 422)


def test_roles_401_403_and_unknown_paths_405_404(client, auth, open_competition):
    definition = factories.competition()
    url = f"/api/v1/competitions/{definition['id']}"
    assert_problem(client.put(url, json=definition), 401)
    for role, region in (("region", "73"), ("judge", None), ("ministry", None)):
        assert_problem(client.put(url, json=definition, headers=auth(role, region)), 403)
    entries = f"/api/v1/competitions/{open_competition['id']}/entries"
    for role in ("admin", "ministry", "judge"):
        assert_problem(client.post(entries, json=factories.entry(), headers=auth(role)), 403)
    refused = client.delete(url, headers=auth("admin"))
    assert_problem(refused, 405)
    assert set(refused.headers["Allow"].split(", ")) >= {"GET", "PUT"}, "a 405 says which methods the path takes"
    assert_problem(client.get("/api/v1/tidak-ada", headers=auth("admin")), 404)


def test_a_bad_competition_names_every_bad_field(client, auth, intake_db):
    bad = factories.competition(opens_at="2026-03-10T00:00:00", closes_at="2020-01-01T00:00:00+07:00",
                                criteria=[{"key": "a", "weight": 0}, {"key": "a", "weight": 5}],
                                stages=[{"key": "s", "kind": "scored"}, {"key": "t", "kind": "screening"}],
                                sections=[{"key": "x", "max_words": 0}], score_scale={"min": 10, "max": 10},
                                quotas={"max_per_province": 0, "min_per_category": -1}, groups=["umum", "umum"],
                                clusters=[], categories=[{"key": "k", "label": "K"}, {"key": "k", "label": "L"}],
                                priority_regions=["99"], objection_days=10**30, surprise=True)
    response = client.put(f"/api/v1/competitions/{bad['id']}", json=bad, headers=auth("admin"))
    errors = assert_problem(response, 422)["errors"]
    for field in ("opens_at", "criteria.0.weight", "criteria.1.key", "stages.0.judges_per_entry", "stages.1.kind",
                  "sections.0.max_words", "score_scale", "quotas.max_per_province", "quotas.min_per_category",
                  "groups.1", "clusters", "categories.1.key", "priority_regions.0", "objection_days", "surprise"):
        assert field in errors, (field, errors)
    assert intake_db.competitions.count_documents({"_id": bad["id"]}) == 0
    window = factories.competition(opens_at="2026-03-10T00:00:00+07:00", closes_at="2026-03-01T00:00:00+07:00")
    assert "closes_at" in assert_problem(client.put(f"/api/v1/competitions/{window['id']}", json=window,
                                                    headers=auth("admin")), 422)["errors"]
    other = factories.competition()
    assert "id" in assert_problem(client.put("/api/v1/competitions/lain", json=other, headers=auth("admin")),
                                  422)["errors"]


def test_competitions_list_pages_and_reads(client, auth):
    made = []
    for _ in range(3):
        definition = factories.competition()
        client.put(f"/api/v1/competitions/{definition['id']}", json=definition, headers=auth("admin"))
        made.append(definition["id"])
    seen, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/competitions", query_string=query, headers=auth("region", "73")).get_json()
        seen += [c["id"] for c in body["items"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert set(made) <= set(seen) and len(seen) == len(set(seen))
    assert_problem(client.get("/api/v1/competitions/tidak-ada", headers=auth("judge", sub="j")), 404)


def test_an_unreachable_store_gives_503_with_retry_after(intake_settings, auth):
    dead = MongoClient("mongodb://127.0.0.1:1/", serverSelectionTimeoutMS=300, connectTimeoutMS=300)
    app = create_app(intake_settings, bootstrap(intake_settings, dead["intake_dead"]))
    client = app.test_client()
    for response in (client.get("/api/v1/competitions/x", headers=auth("admin")),
                     client.post("/api/v1/competitions/x/entries", json=factories.entry(), headers=auth("region", "73")),
                     client.post("/api/v1/entries/x/submit", headers=auth("region", "73"))):
        assert_problem(response, 503)
        assert response.headers["Retry-After"]
    assert client.get("/readyz").status_code == 503


def test_openapi_documents_every_route_with_its_errors_and_docs_need_no_cdn(client):
    spec = client.get("/openapi.json").get_json()
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            assert operation["summary"] and operation["security"], (path, method)
            codes = set(operation["responses"])
            assert "401" in codes and "503" in codes, (path, method, codes)
            if method in ("put", "post", "patch") and not path.endswith("/submit"):
                assert "requestBody" in operation and "422" in codes, (path, method)
    post = spec["paths"]["/api/v1/competitions/{cid}/entries"]["post"]
    assert {"201", "400", "403", "404", "413", "415", "422"} <= set(post["responses"])
    upload = spec["paths"]["/api/v1/entries/{entry_id}/attachments"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    assert {"201", "413", "415", "422"} <= set(upload["responses"]) and "application/pdf" in upload["description"]
    patch = spec["paths"]["/api/v1/entries/{entry_id}"]["patch"]
    assert {"404", "409", "422"} <= set(patch["responses"]) and "control character" in patch["description"]
    page = client.get("/docs").get_data(as_text=True)
    assert "http://" not in page and "https://" not in page
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
