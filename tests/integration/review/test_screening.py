"""Screening (admin): bulk decisions with reasons, kipp.entry.screened each, all or nothing,
an audit record each; only eligible entries go on to the scored stage."""
from __future__ import annotations

from tests import factories
from tests.integration.review import kit


def test_bulk_screening_emits_events_and_lets_only_eligible_entries_on(competition, client, admin, reviews):
    definition, ids = competition([factories.entry(code) for code in ("73.71", "31.71", "11.71")])
    cid = definition["id"]
    decisions = [{"entry_id": ids[0], "decision": "eligible", "reason": None},
                 {"entry_id": ids[1], "decision": "ineligible", "reason": "Inovasi belum berjalan 2 tahun"},
                 {"entry_id": ids[2], "decision": "eligible", "reason": "Lengkap"}]
    reply = client.post(f"/api/v1/competitions/{cid}/stages/administrasi/screenings", json={"decisions": decisions},
                        headers=admin)
    assert reply.status_code == 200 and reply.json["recorded"] == 3
    events = kit.wait_distinct(reviews, 3, type="kipp.entry.screened", competition_id=cid)
    assert {(e["subject"], e["data"]["decision"], e["data"]["reason"]) for e in events} == \
        {(d["entry_id"], d["decision"], d["reason"]) for d in decisions}
    assert all(e["data"]["stage"] == "administrasi" for e in events)
    in_stage = client.get(f"/api/v1/competitions/{cid}/entries?stage=evaluasi", headers=admin).json["items"]
    assert {e["id"] for e in in_stage} == {ids[0], ids[2]}
    repeat = client.post(f"/api/v1/competitions/{cid}/stages/administrasi/screenings", json=decisions, headers=admin)
    assert repeat.status_code == 200 and repeat.json["recorded"] == 0 and repeat.json["unchanged"] == 3
    trail = client.get(f"/api/v1/competitions/{cid}/audit", headers=admin)
    assert trail.status_code == 200
    screening = [r for r in trail.json["items"] if r["action"] == "screening"]
    assert len(screening) == 3 and {r["by"] for r in screening} == {"sekretariat-kipp"}
    assert {r["entry_id"]: r["reason"] for r in screening}[ids[1]] == "Inovasi belum berjalan 2 tahun"


def test_one_bad_decision_records_none(competition, client, admin, reviews):
    definition, ids = competition([factories.entry("73.71")])
    cid = definition["id"]
    decisions = [{"entry_id": ids[0], "decision": "eligible"}, {"entry_id": "tidak-ada", "decision": "eligible"}]
    reply = client.post(f"/api/v1/competitions/{cid}/stages/administrasi/screenings", json={"decisions": decisions},
                        headers=admin)
    assert reply.status_code == 422 and list(reply.json["errors"]) == ["decisions.1.entry_id"]
    no_reason = client.post(f"/api/v1/competitions/{cid}/stages/administrasi/screenings",
                            json={"decisions": [{"entry_id": ids[0], "decision": "ineligible"}]}, headers=admin)
    assert no_reason.status_code == 422 and "decisions.0.reason" in no_reason.json["errors"]
    assert kit.distinct(reviews.events(type="kipp.entry.screened", competition_id=cid)) == []
    assert client.get(f"/api/v1/competitions/{cid}/entries?stage=evaluasi", headers=admin).json["items"] == []


def test_screening_needs_a_screening_stage_and_an_admin(competition, client, admin, auth):
    definition, ids = competition([factories.entry("73.71")])
    cid = definition["id"]
    body = {"decisions": [{"entry_id": ids[0], "decision": "eligible"}]}
    wrong = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/screenings", json=body, headers=admin)
    assert wrong.status_code == 409 and wrong.json["rule"] == "wrong-stage-kind"
    unknown = client.post(f"/api/v1/competitions/{cid}/stages/nope/screenings", json=body, headers=admin)
    assert unknown.status_code == 404
    judge = client.post(f"/api/v1/competitions/{cid}/stages/administrasi/screenings", json=body,
                        headers=auth("judge", sub="juri-x"))
    assert judge.status_code == 403
