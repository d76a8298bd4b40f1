"""Panels on the real stack: a stage's judges are appointed to it (admin API), each appointment and
release an event on <ns>.reviews and a record in the audit trail; assignment draws only from the panel,
even when the panel is short; a released judge's work passes to the rest of the panel; late judges are
reminded (kipp.judge.reminded)."""
from __future__ import annotations

from collections import Counter

from tests import factories
from tests.integration.review import kit
from tests.integration.review.test_assignment import all_assignments

SCORED = [{"key": "administrasi", "kind": "screening"},
          {"key": "evaluasi", "kind": "scored", "judges_per_entry": 2}]
REGIONS = ("73.71", "31.71", "11.71", "32.01")


def panel_path(cid: str, stage: str = "evaluasi") -> str:
    return f"/api/v1/competitions/{cid}/stages/{stage}/panel"


def scored_stage(competition, client, admin, **overrides):
    """A competition whose one scored stage comes straight after publication (no screening needed)."""
    stages = [{"key": "evaluasi", "kind": "scored", "judges_per_entry": 2}]
    definition, ids = competition([factories.entry(code) for code in REGIONS], stages=stages, **overrides)
    return definition["id"], ids


def audit_of(client, admin, cid: str) -> list[dict]:
    return client.get(f"/api/v1/competitions/{cid}/audit?limit=500", headers=admin).json["items"]


def test_appointments_are_events_and_audit_records_and_the_panel_lists_them(competition, client, admin, reviews):
    cid, _ = scored_stage(competition, client, admin)
    judges = kit.register(client, admin, [kit.judge_body(cid, home) for home in ("51", "52")])
    first = client.put(f"{panel_path(cid)}/{judges[0]['id']}", headers=admin)
    assert first.status_code == 201 and first.json["status"] == "appointed"
    assert first.json["judge"]["home_region"] == "51"
    again = client.put(f"{panel_path(cid)}/{judges[0]['id']}", headers=admin)
    assert again.status_code == 200, "appointing twice is the same appointment"
    assert client.put(f"{panel_path(cid)}/{judges[1]['id']}", headers=admin).status_code == 201
    listed = client.get(panel_path(cid), headers=admin)
    assert listed.status_code == 200 and [a["judge_id"] for a in listed.json["items"]] == sorted(j["id"] for j in judges)

    released = client.delete(f"{panel_path(cid)}/{judges[1]['id']}", json={"reason": "berhalangan"}, headers=admin)
    assert released.status_code == 200 and released.json["status"] == "released"
    assert released.json["reassigned"] == [] and released.json["unassigned"] == []
    assert client.delete(f"{panel_path(cid)}/{judges[1]['id']}", headers=admin).status_code == 404
    assert [a["judge_id"] for a in client.get(panel_path(cid), headers=admin).json["items"]] == [judges[0]["id"]]

    appointed = kit.wait_distinct(reviews, 2, type="kipp.judge.appointed", competition_id=cid)
    assert sorted(e["subject"] for e in appointed) == sorted(j["id"] for j in judges), "key = judge id, one each"
    gone = kit.wait_distinct(reviews, 1, type="kipp.judge.released", competition_id=cid)
    assert gone[0]["subject"] == judges[1]["id"] and gone[0]["data"]["stage"] == "evaluasi"
    trail = audit_of(client, admin, cid)
    assert Counter(r["action"] for r in trail) == Counter({"panel.appointed": 2, "panel.released": 1})
    assert {(r["action"], r["judge_id"], r["by"]) for r in trail} == {
        ("panel.appointed", judges[0]["id"], "sekretariat-kipp"), ("panel.appointed", judges[1]["id"], "sekretariat-kipp"),
        ("panel.released", judges[1]["id"], "sekretariat-kipp")}
    assert next(r for r in trail if r["action"] == "panel.released")["reason"] == "berhalangan"


def test_a_judge_not_appointed_is_never_drawn(competition, client, admin):
    cid, ids = scored_stage(competition, client, admin)
    panel = kit.register(client, admin, [kit.judge_body(cid, home) for home in ("51", "52", "53")], cid)
    outsiders = kit.register(client, admin, [kit.judge_body(cid, home, expertise=["kesehatan"]) for home in ("61", "62")])
    reply = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert reply.status_code == 201, reply.json
    drawn = {a["judge_id"] for a in all_assignments(client, admin, cid)}
    assert drawn == {j["id"] for j in panel} and not drawn & {j["id"] for j in outsiders}
    assert reply.json["judges"] == 3 and reply.json["load_max"] - reply.json["load_min"] <= 1


def test_a_short_panel_names_each_entry_and_why_and_assigns_nothing(competition, client, admin, reviews):
    cid, ids = scored_stage(competition, client, admin)
    kit.register(client, admin, [kit.judge_body(cid, "51"), kit.judge_body(cid, "73")], cid)  # 73 may not judge 73.71
    kit.register(client, admin, [kit.judge_body(cid, home) for home in ("61", "62", "63")])  # free, but not appointed
    reply = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert reply.status_code == 409 and reply.json["rule"] == "assignment-infeasible"
    short = {e["entry_id"]: e for e in reply.json["entries"]}
    assert list(short) == [ids[0]], "only the Makassar entry lacks a second judge on the panel"
    assert short[ids[0]]["reason"] == "only 1 judge(s) of the stage's panel without a conflict of interest, need 2"
    assert [c["why"] for c in short[ids[0]]["conflicts"]] == ["home-province"]
    assert all_assignments(client, admin, cid) == [], "nothing half-assigned"
    assert kit.distinct(reviews.events(type="kipp.assignment.created", competition_id=cid)) == []

    empty, _ = scored_stage(competition, client, admin)
    nobody = client.post(f"/api/v1/competitions/{empty}/stages/evaluasi/assignments", headers=admin)
    assert nobody.status_code == 409 and len(nobody.json["entries"]) == len(REGIONS)
    assert nobody.json["judges"] == [{"judge_id": None, "reason": "no judge is appointed to the stage's panel"}]


def test_a_released_judge_hands_the_unscored_work_to_the_panel(competition, client, admin, auth, reviews):
    cid, ids = scored_stage(competition, client, admin)
    panel = kit.register(client, admin, [kit.judge_body(cid, home) for home in ("51", "52", "53")], cid)
    assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin).status_code == 201
    leaving = panel[0]["id"]
    theirs = [a for a in all_assignments(client, admin, cid) if a["judge_id"] == leaving]
    scored = theirs[0]
    assert client.put(f"/api/v1/assignments/{scored['id']}/score", json={"scores": kit.GOOD},
                      headers=auth("judge", sub=leaving)).status_code == 200
    released = client.delete(f"{panel_path(cid)}/{leaving}", headers=admin)
    assert released.status_code == 200, released.json
    moved = released.json["reassigned"]
    assert sorted(m["entry_id"] for m in moved) == sorted(a["entry_id"] for a in theirs[1:])
    assert all(m["judge_id"] != leaving for m in moved) and released.json["unassigned"] == []
    after = all_assignments(client, admin, cid)
    assert {a["status"] for a in after if a["judge_id"] == leaving and a["id"] != scored["id"]} <= {"recused"}
    assert next(a for a in after if a["id"] == scored["id"])["status"] == "scored", "scores stay"
    created = kit.wait_distinct(reviews, 8 + len(moved), type="kipp.assignment.created", competition_id=cid)
    replacements = [e["data"] for e in created if e["data"].get("replaces")]
    assert sorted((d["entry_id"], d["judge_id"]) for d in replacements) == sorted((m["entry_id"], m["judge_id"])
                                                                                   for m in moved)
    rerun = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert rerun.status_code == 201 and rerun.json["created"] == 0


def test_appointment_is_refused_where_it_cannot_hold(competition, client, admin):
    definition, _ = competition([factories.entry("73.71")], stages=SCORED)
    cid = definition["id"]
    elsewhere = kit.register(client, admin, [kit.judge_body("kompetisi-lain", "51")])[0]
    limited = kit.register(client, admin, [kit.judge_body(cid, "52", stages=["wawancara"])])[0]
    ok = kit.register(client, admin, [kit.judge_body(cid, "53")])[0]
    refused = client.put(f"{panel_path(cid)}/{elsewhere['id']}", headers=admin)
    assert refused.status_code == 409 and refused.json["rule"] == "judge-not-available"
    assert "kompetisi-lain" in refused.json["detail"]
    assert client.put(f"{panel_path(cid)}/{limited['id']}", headers=admin).json["rule"] == "judge-not-available"
    assert client.put(f"{panel_path(cid)}/tidak-terdaftar", headers=admin).status_code == 404
    assert client.put(f"{panel_path(cid, 'administrasi')}/{ok['id']}", headers=admin).json["rule"] == "wrong-stage-kind"
    assert client.put(f"{panel_path('tidak-ada')}/{ok['id']}", headers=admin).status_code == 404
    assert client.put(f"{panel_path(cid)}/{ok['id']}", headers=admin).status_code == 201
    assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/close", headers=admin).status_code == 200
    closed = client.put(f"{panel_path(cid)}/{ok['id']}", headers=admin)
    assert closed.status_code == 409 and closed.json["rule"] == "stage-closed"


def test_only_the_secretariat_manages_panels(competition, client, admin, auth):
    cid, _ = scored_stage(competition, client, admin)
    for headers in (auth("judge", sub="juri-1"), auth("ministry"), auth("region", region="73")):
        assert client.get(panel_path(cid), headers=headers).status_code == 403
        assert client.put(f"{panel_path(cid)}/juri-1", headers=headers).status_code == 403
        assert client.delete(f"{panel_path(cid)}/juri-1", headers=headers).status_code == 403
    assert client.get(panel_path(cid)).status_code == 401


def test_a_late_judge_is_reminded_through_an_event(competition, client, admin, reviews):
    stages = [{"key": "evaluasi", "kind": "scored", "judges_per_entry": 1, "due_at": "2020-01-31T17:00:00Z"}]
    definition, ids = competition([factories.entry("73.71")], stages=stages)
    cid = definition["id"]
    judge = kit.register(client, admin, [kit.judge_body(cid, "51", name="Dr. Lambat")], cid)[0]
    assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin).status_code == 201
    reminded = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/reminders", json={"judge_id": judge["id"]},
                           headers=admin)
    assert reminded.status_code == 201 and reminded.json["late"] == 1 and reminded.json["entries"] == ids
    event = kit.wait_distinct(reviews, 1, type="kipp.judge.reminded", competition_id=cid)[0]
    assert event["subject"] == judge["id"] and event["data"]["judge_email"] == judge["email"]
    assert [a["entry_id"] for a in event["data"]["assignments"]] == ids
    assert "judge.reminded" in {r["action"] for r in audit_of(client, admin, cid)}
    other = kit.register(client, admin, [kit.judge_body(cid, "52")], cid)[0]
    nothing = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/reminders", json={"judge_id": other["id"]},
                          headers=admin)
    assert nothing.status_code == 409 and nothing.json["rule"] == "nothing-late"
