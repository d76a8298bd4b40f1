"""Registering judges (admin): fields per DESIGN §4, conflicts as region codes or entry ids."""
from __future__ import annotations

from tests.integration.review import kit


def test_admin_registers_and_lists_judges(client, admin):
    body = kit.judge_body("kipp-x", "32", affiliation_region="32.73", conflicts=["73", "entry-123"],
                          expertise=["pendidikan", "kesehatan"])
    created = client.post("/api/v1/judges", json=body, headers=admin)
    assert created.status_code == 201, created.json
    assert created.json["id"] == body["id"] and created.json["conflicts"] == ["73", "entry-123"]
    assert created.json["expertise"] == ["kesehatan", "pendidikan"]
    again = client.post("/api/v1/judges", json=body, headers=admin)
    assert again.status_code == 200 and again.json["id"] == body["id"]
    listed, cursor, seen = None, None, []
    while True:
        listed = client.get(f"/api/v1/judges?limit=500{'&cursor=' + cursor if cursor else ''}", headers=admin)
        assert listed.status_code == 200
        seen += [j["id"] for j in listed.json["items"]]
        cursor = listed.json["next_cursor"]
        if not cursor:
            break
    assert body["id"] in seen


def test_a_different_judge_under_a_taken_id_is_refused(client, admin):
    body = kit.judge_body("kipp-x", "31")
    assert client.post("/api/v1/judges", json=body, headers=admin).status_code == 201
    clash = client.post("/api/v1/judges", json={**body, "home_region": "35"}, headers=admin)
    assert clash.status_code == 409 and clash.json["rule"] == "judge-exists"


def test_bad_registrations_name_the_field(client, admin):
    not_a_province = client.post("/api/v1/judges", json=kit.judge_body("c", "99"), headers=admin)
    assert not_a_province.status_code == 422 and "home_region" in not_a_province.json["errors"]
    bad_affiliation = client.post("/api/v1/judges", json=kit.judge_body("c", "32", affiliation_region="32.99"),
                                  headers=admin)
    assert bad_affiliation.status_code == 422 and "affiliation_region" in bad_affiliation.json["errors"]
    missing = client.post("/api/v1/judges", json={"id": "x"}, headers=admin)
    assert missing.status_code == 422 and {"name", "email", "home_region"} <= set(missing.json["errors"])
    not_json = client.post("/api/v1/judges", data="id=x", headers=admin)
    assert not_json.status_code == 415


def test_only_admin_may_manage_judges(client, auth):
    assert client.get("/api/v1/judges", headers=auth("judge", sub="juri-1")).status_code == 403
    assert client.post("/api/v1/judges", json=kit.judge_body("c", "32"),
                       headers=auth("region", region="32")).status_code == 403
    assert client.get("/api/v1/judges").status_code == 401


def test_idempotency_key_replays_the_first_answer(client, admin):
    body = kit.judge_body("kipp-x", "33")
    headers = {**admin, "Idempotency-Key": body["id"]}
    first = client.post("/api/v1/judges", json=body, headers=headers)
    second = client.post("/api/v1/judges", json=body, headers=headers)
    assert first.status_code == second.status_code == 201 and first.json == second.json
    other = client.post("/api/v1/judges", json={**body, "name": "Lain"}, headers=headers)
    assert other.status_code == 422 and "Idempotency-Key" in other.json["errors"]
