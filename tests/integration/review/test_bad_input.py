"""Bad input never gives a 500: every malformed request gets a problem+json naming what is wrong."""
from __future__ import annotations

import pytest

from tests import factories
from tests.integration.review import kit


@pytest.fixture
def stage(competition, client, admin):
    definition, ids = competition([factories.entry("73.71")], stages=[{"key": "evaluasi", "kind": "scored",
                                                                       "judges_per_entry": 1}])
    return definition["id"], ids[0]


CASES = [
    ("post", "/api/v1/judges", {"json": ["not", "an", "object"]}, 422),
    ("post", "/api/v1/judges", {"data": "{broken", "content_type": "application/json"}, 400),
    ("post", "/api/v1/judges", {"json": {"id": "a b", "name": "", "email": "x", "home_region": 73}}, 422),
    ("get", "/api/v1/judges?limit=0", {}, 422),
    ("get", "/api/v1/judges?limit=abc", {}, 422),
    ("get", "/api/v1/assignments?limit=501", {}, 422),
    ("post", "/api/v1/competitions/{cid}/stages/evaluasi/assignments", {"json": {"judges_per_entry": "tiga"}}, 422),
    ("post", "/api/v1/competitions/{cid}/stages/evaluasi/assignments", {"json": {"judges_per_entry": 99}}, 422),
    ("post", "/api/v1/competitions/{cid}/stages/evaluasi/screenings", {"json": {"decisions": [{"entry_id": "{eid}",
                                                                                               "decision": "maybe"}]}}, 422),
    ("post", "/api/v1/competitions/nope/stages/evaluasi/assignments", {}, 404),
    ("post", "/api/v1/competitions/{cid}/stages/$where.x/close", {}, 404),
    ("put", "/api/v1/assignments/none/score", {"json": {"scores": {"a.b": {"$gt": 1}}}}, 403),
    ("post", "/api/v1/competitions/{cid}/awards", {"json": {"awards": [{"entry_id": "{eid}", "award": "$top"}]}}, 422),
    ("post", "/api/v1/objections/none/resolve", {"json": {"decision": "maybe", "reason": "x"}}, 422),
    ("get", "/api/v1/competitions/{cid}/stages/evaluasi/shortlist", {}, 409),
]


@pytest.mark.parametrize("method, path, kwargs, status", CASES)
def test_malformed_requests_are_refused_with_a_problem(stage, client, admin, method, path, kwargs, status):
    cid, eid = stage
    path = path.format(cid=cid, eid=eid)
    if "json" in kwargs:
        kwargs = {"json": _fill(kwargs["json"], cid, eid)}
    reply = getattr(client, method)(path, headers=admin, **kwargs)
    assert reply.status_code == status, reply.get_data(as_text=True)
    assert reply.mimetype == "application/problem+json" and reply.json["status"] == status


def test_judge_scores_of_every_wrong_shape_are_422_naming_the_criterion(competition, client, admin, auth):
    definition, _ = competition([factories.entry("73.71")], stages=[{"key": "evaluasi", "kind": "scored",
                                                                     "judges_per_entry": 1}])
    judge = {"id": factories.uid("juri-"), "name": "J", "email": "j@u.ac.id", "home_region": "32",
             "competitions": [definition["id"]]}
    kit.register(client, admin, [judge], definition["id"])
    assert client.post(f"/api/v1/competitions/{definition['id']}/stages/evaluasi/assignments", headers=admin).status_code == 201
    aid = client.get(f"/api/v1/assignments?competition_id={definition['id']}", headers=admin).json["items"][0]["id"]
    for value in ({"$gt": 1}, [1], "80", -5, None):
        reply = client.put(f"/api/v1/assignments/{aid}/score", headers=auth("judge", sub=judge["id"]),
                           json={"scores": {"kebaruan": value}})
        assert reply.status_code == 422 and "scores.kebaruan" in reply.json["errors"], value
    assert client.put(f"/api/v1/assignments/{aid}/score", headers=auth("judge", sub=judge["id"]),
                      json={"scores": "semua 80"}).status_code == 422


def _fill(value, cid, eid):
    if isinstance(value, dict):
        return {k: _fill(v, cid, eid) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, cid, eid) for v in value]
    return value.format(cid=cid, eid=eid) if isinstance(value, str) else value
