"""Judges scoring on the real stack: visibility (404 for another judge's work), the rubric checks
(422 naming each criterion), revisions, closing a stage, recusal and reassignment."""
from __future__ import annotations

import pytest

from tests import factories
from tests.integration.review import kit

GOOD, GOOD_TOTAL = kit.GOOD, kit.GOOD_TOTAL


@pytest.fixture
def assigned(competition, client, admin):
    """A scored stage with 2 entries × 2 judges out of 3, assigned: (cid, assignments by judge id)."""
    def make(**overrides):
        stages = [{"key": "evaluasi", "kind": "scored", "judges_per_entry": 2}]
        definition, ids = competition([factories.entry("73.71"), factories.entry("31.71")], stages=stages, **overrides)
        cid = definition["id"]
        kit.register(client, admin, [kit.judge_body(cid, home) for home in ("32", "35", "51")], cid)
        assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin).status_code == 201
        items = client.get(f"/api/v1/assignments?competition_id={cid}", headers=admin).json["items"]
        return cid, items
    return make


def test_a_judge_sees_and_scores_only_their_own(assigned, client, auth):
    cid, items = assigned()
    mine, other = items[0], next(a for a in items if a["judge_id"] != items[0]["judge_id"])
    judge = auth("judge", sub=mine["judge_id"])
    listing = client.get(f"/api/v1/assignments?competition_id={cid}", headers=judge).json
    assert {a["judge_id"] for a in listing["items"]} == {mine["judge_id"]}
    assert listing["progress"]["assigned"] == len(listing["items"]) and listing["progress"]["scored"] == 0
    assert client.get(f"/api/v1/assignments/{other['id']}", headers=judge).status_code == 404
    refused = client.put(f"/api/v1/assignments/{other['id']}/score", json={"scores": GOOD}, headers=judge)
    assert refused.status_code == 404
    assert client.get("/api/v1/assignments/tidak-ada", headers=judge).status_code == 404


def test_the_judge_sees_the_entry_and_the_weighted_rubric(assigned, client, auth):
    cid, items = assigned()
    view = client.get(f"/api/v1/assignments/{items[0]['id']}", headers=auth("judge", sub=items[0]["judge_id"])).json
    assert view["entry"]["title"].startswith("Layanan ") and view["entry"]["agency"]["region_code"]
    assert "contact" not in view["entry"]
    assert [c["weight"] for c in view["rubric"]["criteria"]] == [10, 15, 5, 30, 20, 5, 15]
    assert view["rubric"]["score_scale"] == {"min": 0, "max": 100}


def test_blind_review_hides_the_agency(assigned, client, auth):
    cid, items = assigned(blind_review=True)
    view = client.get(f"/api/v1/assignments/{items[0]['id']}", headers=auth("judge", sub=items[0]["judge_id"])).json
    assert "agency" not in view["entry"] and "province_code" not in view["entry"]
    assert view["entry"]["sections"]


def test_scores_outside_the_scale_or_missing_are_refused_naming_each_criterion(assigned, client, auth, reviews):
    cid, items = assigned()
    judge = auth("judge", sub=items[0]["judge_id"])
    bad = {**GOOD, "kebaruan": 101, "signifikansi": -1, "sumber_daya": "banyak", "bonus": 5}
    del bad["implementasi"]
    reply = client.put(f"/api/v1/assignments/{items[0]['id']}/score", json={"scores": bad}, headers=judge)
    assert reply.status_code == 422
    assert set(reply.json["errors"]) == {"scores.kebaruan", "scores.signifikansi", "scores.sumber_daya",
                                         "scores.implementasi", "scores.bonus"}
    assert reply.json["errors"]["scores.kebaruan"] == ["tidak boleh lebih dari 100"]
    english = client.put(f"/api/v1/assignments/{items[0]['id']}/score?lang=en", json={"scores": bad}, headers=judge)
    assert english.json["errors"]["scores.implementasi"] == ["is required (0–100)"]
    assert kit.distinct(reviews.events(type="kipp.review.scored", competition_id=cid)) == []


def test_a_revision_replaces_the_earlier_scores_and_each_is_announced(assigned, client, auth, reviews):
    cid, items = assigned()
    aid, judge = items[0]["id"], auth("judge", sub=items[0]["judge_id"])
    first = client.put(f"/api/v1/assignments/{aid}/score", json={"scores": GOOD, "comment": "Baik"}, headers=judge)
    assert first.status_code == 200 and first.json["revision"] == 1 and first.json["total"] == GOOD_TOTAL
    repeat = client.put(f"/api/v1/assignments/{aid}/score", json={"scores": GOOD, "comment": "Baik"}, headers=judge)
    assert repeat.json["revision"] == 1, "the same scores again are not a new revision"
    second = client.put(f"/api/v1/assignments/{aid}/score", json={"scores": {**GOOD, "signifikansi": 90}}, headers=judge)
    assert second.status_code == 200 and second.json["revision"] == 2 and second.json["total"] == 79.0
    view = client.get(f"/api/v1/assignments/{aid}", headers=judge).json["assignment"]
    assert view["status"] == "scored" and view["scores"]["signifikansi"] == 90 and view["revision"] == 2
    assert [h["revision"] for h in view["history"]] == [1, 2]
    events = kit.wait_distinct(reviews, 2, type="kipp.review.scored", assignment_id=aid)
    assert [(e["data"]["revision"], e["data"]["total"]) for e in events] == [(1, 70.0), (2, 79.0)]
    assert events[1]["data"]["scores"]["signifikansi"] == 90 and events[1]["data"]["judge_id"] == items[0]["judge_id"]
    progress = client.get(f"/api/v1/assignments?competition_id={cid}", headers=judge).json["progress"]
    assert progress["scored"] == 1


def test_a_closed_stage_refuses_scores(assigned, client, auth, admin, reviews):
    cid, items = assigned()
    aid, judge = items[0]["id"], auth("judge", sub=items[0]["judge_id"])
    assert client.put(f"/api/v1/assignments/{aid}/score", json={"scores": GOOD}, headers=judge).status_code == 200
    closed = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/close", json={"reason": "Batas waktu penilaian"},
                         headers=admin)
    assert closed.status_code == 200 and closed.json["status"] == "closed" and closed.json["progress"]["scored"] == 1
    late = client.put(f"/api/v1/assignments/{aid}/score", json={"scores": {**GOOD, "kebaruan": 99}}, headers=judge)
    assert late.status_code == 409 and late.json["rule"] == "stage-closed"
    again = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/close", headers=admin)
    assert again.status_code == 200 and again.json["closed_at"] == closed.json["closed_at"]
    announced = kit.wait_distinct(reviews, 1, type="kipp.stage.closed", competition_id=cid)
    assert len(announced) == 1 and announced[0]["subject"] == cid and announced[0]["data"]["stage"] == "evaluasi"
    trail = client.get(f"/api/v1/competitions/{cid}/audit", headers=auth("ministry", sub="deputi")).json["items"]
    assert [(r["action"], r["reason"]) for r in trail if r["action"] == "stage.closed"] == \
        [("stage.closed", "Batas waktu penilaian")]


def test_recusal_reassigns_the_entry_to_another_valid_judge(assigned, client, auth, reviews):
    cid, items = assigned()
    mine = items[0]
    judge = auth("judge", sub=mine["judge_id"])
    reply = client.post(f"/api/v1/assignments/{mine['id']}/recuse", json={"reason": "Mantan pembina instansi ini"},
                        headers=judge)
    assert reply.status_code == 200, reply.json
    assert reply.json["reassigned"] and reply.json["assignment"]["status"] == "recused"
    live = [a for a in client.get(f"/api/v1/assignments?competition_id={cid}&entry_id={mine['entry_id']}",
                                  headers=auth("admin", sub="a")).json["items"] if a["status"] == "pending"]
    assert len(live) == 2 and mine["judge_id"] not in {a["judge_id"] for a in live}
    replacement = kit.wait_distinct(reviews, 1, type="kipp.assignment.created", replaces=mine["id"])
    assert replacement[0]["data"]["entry_id"] == mine["entry_id"]
    again = client.post(f"/api/v1/assignments/{mine['id']}/recuse", json={"reason": "lagi"}, headers=judge)
    assert again.status_code == 409 and again.json["rule"] == "assignment-not-open"
    short = client.post(f"/api/v1/assignments/{live[0]['id']}/recuse", json={"reason": "x"},
                        headers=auth("judge", sub=live[0]["judge_id"]))
    assert short.status_code == 422 and "reason" in short.json["errors"]
