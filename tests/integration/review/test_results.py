"""Stage results on the real stack: shortlist under quotas, publication (advanced/eliminated),
objections in the window (upheld promotes the next candidate, rejected changes nothing), awards."""
from __future__ import annotations


from tests import factories
from tests.integration.review import kit
from tests.support.poll import eventually

RANKED = ("kipp.entry.advanced", "kipp.entry.eliminated")


def outcomes(reviews, entry_id: str) -> list[tuple[str, str]]:
    """The entry's advanced/eliminated events, in the order they were published (same key, same partition)."""
    def found():
        events = [e for e in kit.distinct(reviews.events(subject=entry_id)) if e["type"] in RANKED]
        return events if len(events) >= 2 else None
    return [(e["type"], e["data"]["reason"]) for e in eventually(found, what=f"two results of {entry_id}")]


def test_shortlist_publication_objections_and_awards(closed_stage, client, admin, auth, reviews):
    cid, id_of = closed_stage()
    name_of = {v: k for k, v in id_of.items()}
    base = f"/api/v1/competitions/{cid}/stages/evaluasi"
    proposal = client.post(base + "/shortlist", headers=admin)
    assert proposal.status_code == 200 and proposal.json["status"] == "proposed"
    picks = [(name_of[p["entry_id"]], p["rank"], p["score"], p["reason"]) for p in proposal.json["picks"]]
    assert picks == [("A", 1, 90.0, "quota:category:kesehatan"), ("B", 2, 85.0, "rank"),
                     ("D", 3, 50.0, "quota:category:pendidikan"), ("E", 4, 40.0, "quota:category:ekonomi")]
    assert proposal.json["infeasible"] == []
    assert client.post(base + "/objections", json={"entry_id": id_of["A"], "reason": "Belum diumumkan"},
                       headers=auth("region", region="73")).json["rule"] == "shortlist-not-published"

    published = client.post(base + "/shortlist/publish", headers=admin)
    assert published.status_code == 200 and published.json["status"] == "published"
    assert published.json["window"]["opens_at"] < published.json["window"]["closes_at"]
    advanced = kit.wait_distinct(reviews, 4, type="kipp.entry.advanced", competition_id=cid)
    eliminated = kit.wait_distinct(reviews, 2, type="kipp.entry.eliminated", competition_id=cid)
    assert {name_of[e["subject"]] for e in advanced} == {"A", "B", "D", "E"}
    assert {name_of[e["subject"]]: e["data"]["reason"] for e in eliminated} == {"C": "below-cutoff", "F": "below-cutoff"}
    assert all(e["data"]["to_stage"] is None and e["data"]["stage"] == "evaluasi" for e in advanced)
    again = client.post(base + "/shortlist/publish", headers=admin)
    assert again.status_code == 200 and again.json["published_at"] == published.json["published_at"]
    assert client.post(base + "/shortlist", headers=admin).json["rule"] == "shortlist-published"

    region = auth("region", region="32", sub="biro-organisasi-jabar")
    rejected = client.post(base + "/objections", json={"entry_id": id_of["D"], "reason": "Inovasi ini tiruan"},
                           headers=region)
    assert rejected.status_code == 201 and rejected.json["status"] == "open"
    twice = client.post(base + "/objections", json={"entry_id": id_of["D"], "reason": "Lagi"}, headers=region)
    assert twice.status_code == 409 and twice.json["rule"] == "duplicate-objection"
    not_listed = client.post(base + "/objections", json={"entry_id": id_of["F"], "reason": "Bukan daftar"}, headers=region)
    assert not_listed.status_code == 422 and not_listed.json["rule"] == "not-shortlisted"
    upheld = client.post(base + "/objections", json={"entry_id": id_of["B"], "reason": "Data pelaksanaan dipalsukan"},
                         headers=region)
    assert upheld.status_code == 201

    decided = client.post(f"/api/v1/objections/{rejected.json['id']}/resolve",
                          json={"decision": "rejected", "reason": "Bukti tidak cukup"}, headers=admin)
    assert decided.status_code == 200 and decided.json["objection"]["status"] == "rejected"
    assert decided.json.get("promoted") is None
    removal = client.post(f"/api/v1/objections/{upheld.json['id']}/resolve",
                          json={"decision": "upheld", "reason": "Terbukti dari verifikasi lapangan"}, headers=admin)
    assert removal.status_code == 200 and removal.json["removed"] == id_of["B"]
    assert name_of[removal.json["promoted"]["entry_id"]] == "C" and removal.json["promoted"]["reason"] == "rank"
    final = client.post(f"/api/v1/objections/{upheld.json['id']}/resolve",
                        json={"decision": "rejected", "reason": "berubah pikiran"}, headers=admin)
    assert final.status_code == 409 and final.json["rule"] == "already-resolved"
    listed = client.get(base + "/shortlist", headers=auth("ministry", sub="deputi")).json
    assert [name_of[p["entry_id"]] for p in listed["picks"]] == ["A", "C", "D", "E"]
    assert listed["excluded"] == [id_of["B"]]
    assert outcomes(reviews, id_of["B"]) == [("kipp.entry.advanced", "rank"), ("kipp.entry.eliminated", "objection-upheld")]
    assert outcomes(reviews, id_of["C"]) == [("kipp.entry.eliminated", "below-cutoff"), ("kipp.entry.advanced", "rank")]

    awarded = client.post(f"/api/v1/competitions/{cid}/awards", headers=admin, json={"awards": [
        {"entry_id": id_of["A"], "award": "outstanding", "reason": "Nilai tertinggi"},
        {"entry_id": id_of["C"], "award": "top45"}]})
    assert awarded.status_code == 200 and awarded.json["recorded"] == 2
    repeat = client.post(f"/api/v1/competitions/{cid}/awards", headers=admin,
                         json={"awards": [{"entry_id": id_of["A"], "award": "outstanding"}]})
    assert repeat.json["recorded"] == 0 and repeat.json["unchanged"] == 1
    prizes = kit.wait_distinct(reviews, 2, type="kipp.entry.awarded", competition_id=cid)
    assert sorted((name_of[e["subject"]], e["data"]["award"]) for e in prizes) == [("A", "outstanding"), ("C", "top45")]

    trail = client.get(f"/api/v1/competitions/{cid}/audit", headers=auth("ministry", sub="deputi")).json["items"]
    actions = [r["action"] for r in trail]
    assert actions.count("objection.filed") == 2 and actions.count("objection.resolved") == 2
    assert {"stage.closed", "shortlist.published", "award"} <= set(actions)
    resolved = [r for r in trail if r["action"] == "objection.resolved"]
    assert {(r["decision"], r["reason"], r["by"]) for r in resolved} == {
        ("rejected", "Bukti tidak cukup", "sekretariat-kipp"),
        ("upheld", "Terbukti dari verifikasi lapangan", "sekretariat-kipp")}
    assert client.get(f"/api/v1/competitions/{cid}/audit", headers=auth("region", region="32")).status_code == 403


def test_objections_after_the_window_are_refused(closed_stage, client, admin, auth):
    cid, id_of = closed_stage(objection_days=0)
    base = f"/api/v1/competitions/{cid}/stages/evaluasi"
    assert client.post(base + "/shortlist", headers=admin).status_code == 200
    assert client.post(base + "/shortlist/publish", headers=admin).status_code == 200
    late = client.post(base + "/objections", json={"entry_id": id_of["A"], "reason": "Terlambat"},
                       headers=auth("region", region="73"))
    assert late.status_code == 409 and late.json["rule"] == "objection-window-closed"
    assert late.json["opens_at"] == late.json["closes_at"]


def test_awards_need_the_final_stage_closed_and_an_entry_that_reached_it(competition, client, admin):
    definition, ids = competition([factories.entry("73.71")])
    cid = definition["id"]
    body = {"awards": [{"entry_id": ids[0], "award": "top45"}]}
    assert client.post(f"/api/v1/competitions/{cid}/awards", json=body, headers=admin).json["rule"] == "stage-not-closed"
    assert client.post(f"/api/v1/competitions/{cid}/stages/wawancara/close", headers=admin).status_code == 200
    refused = client.post(f"/api/v1/competitions/{cid}/awards", json=body, headers=admin)
    assert refused.status_code == 422 and "awards.0.entry_id" in refused.json["errors"]
    bad = client.post(f"/api/v1/competitions/{cid}/awards", json={"awards": [{"entry_id": ids[0], "award": "Top.45"}]},
                      headers=admin)
    assert bad.status_code == 422 and "awards.0.award" in bad.json["errors"]
