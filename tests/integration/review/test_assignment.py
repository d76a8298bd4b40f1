"""Automatic assignment on the real stack (DESIGN §6): properties on generated stages, the
infeasible case, re-runs that only fill gaps, and a resumed run after a crash."""
from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings, strategies as st

from shared.mongo.client import connect, service_database
from services.review.adapters.store import Store
from services.review.domain.assignment import assign
from services.review.domain.entries import as_entry
from services.review.domain.judges import as_judge
from services.review.handlers.assigning import _write
from services.review.domain.assignments import new_assignment
from tests import factories
from tests.integration.review import kit
from tests.unit.review.oracle import barred, feasible

PROVINCES = ["11", "31", "32", "73"]
CODES = PROVINCES + ["11.71", "31.71", "32.01", "32.73", "73.71"]
SCORED_ONLY = [{"key": "evaluasi", "kind": "scored", "judges_per_entry": 2}]


def all_assignments(client, admin, cid: str) -> list[dict]:
    items, cursor = [], None
    while True:
        reply = client.get(f"/api/v1/assignments?competition_id={cid}&limit=500" + (f"&cursor={cursor}" if cursor else ""),
                           headers=admin)
        items += reply.json["items"]
        cursor = reply.json["next_cursor"]
        if not cursor:
            return items


def register(client, admin, cid: str, homes: list[str], **fields) -> list[dict]:
    """Judges registered and appointed to the stage's panel."""
    return kit.register(client, admin, [kit.judge_body(cid, home, **fields) for home in homes], cid)


@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
@given(codes=st.lists(st.sampled_from(CODES), min_size=3, max_size=18),
       homes=st.lists(st.sampled_from(PROVINCES), min_size=3, max_size=7), per_entry=st.integers(1, 3))
def test_generated_stages_are_covered_conflict_free_and_even(competition, client, admin, reviews, codes, homes, per_entry):
    definition, ids = competition([factories.entry(code) for code in codes],
                                  stages=[{"key": "evaluasi", "kind": "scored", "judges_per_entry": per_entry}])
    cid = definition["id"]
    judges = register(client, admin, cid, homes)
    entries = [as_entry({"_id": i, "agency": {"region_code": c}}) for i, c in zip(ids, codes)]
    model = [as_judge({**j, "_id": j["id"]}) for j in judges]
    reply = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    if reply.status_code == 409:
        assert reply.json["rule"] == "assignment-infeasible" and (reply.json["entries"] or reply.json["judges"])
        assert not feasible(entries, model, per_entry), "refused although a valid assignment exists"
        assert all_assignments(client, admin, cid) == []
        return
    assert reply.status_code == 201, reply.json
    found = all_assignments(client, admin, cid)
    by_entry = defaultdict(list)
    for a in found:
        by_entry[a["entry_id"]].append(a["judge_id"])
    judge_of = {j.id: j for j in model}
    for entry in entries:
        assert len(by_entry[entry.id]) == len(set(by_entry[entry.id])) == per_entry
        assert not [j for j in by_entry[entry.id] if barred(judge_of[j], entry)]
    loads = Counter(a["judge_id"] for a in found)
    assert max(loads[j.id] for j in model) - min(loads[j.id] for j in model) <= 1
    created = kit.wait_distinct(reviews, len(found), type="kipp.assignment.created", competition_id=cid)
    assert {e["data"]["assignment_id"] for e in created} == {a["id"] for a in found}
    assert all(e["data"]["judge_email"] and e["data"]["due_at"] for e in created)
    again = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert again.status_code == 201 and again.json["created"] == 0
    assert sorted(a["id"] for a in all_assignments(client, admin, cid)) == sorted(a["id"] for a in found)


def test_infeasible_stage_names_each_entry_and_why_and_writes_nothing(competition, client, admin, reviews):
    definition, ids = competition([factories.entry("73.71"), factories.entry("31.71")],
                                  stages=[{"key": "evaluasi", "kind": "scored", "judges_per_entry": 3}])
    cid = definition["id"]
    register(client, admin, cid, ["73", "73", "32", "35"])
    reply = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert reply.status_code == 409 and reply.json["rule"] == "assignment-infeasible"
    reason = "only 2 judge(s) of the stage's panel without a conflict of interest, need 3"
    assert [{k: e[k] for k in ("entry_id", "free_judges", "needed", "reason")} for e in reply.json["entries"]] == \
        [{"entry_id": ids[0], "free_judges": 2, "needed": 3, "reason": reason}]
    assert {c["why"] for c in reply.json["entries"][0]["conflicts"]} == {"home-province"}
    assert ids[0] in reply.json["detail"] and "only 2 judge(s)" in reply.json["detail"]
    assert all_assignments(client, admin, cid) == []
    assert kit.distinct(reviews.events(type="kipp.assignment.created", competition_id=cid)) == []


def test_rerun_after_a_new_judge_fills_only_the_gap(competition, client, admin, auth):
    definition, ids = competition([factories.entry("73.71"), factories.entry("31.71")], stages=SCORED_ONLY)
    cid = definition["id"]
    register(client, admin, cid, ["32", "35"])
    first = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert first.status_code == 201 and first.json["created"] == 4
    mine = all_assignments(client, admin, cid)[0]
    judge = auth("judge", sub=mine["judge_id"])
    recused = client.post(f"/api/v1/assignments/{mine['id']}/recuse", json={"reason": "Saya pernah membina instansi ini"},
                          headers=judge)
    assert recused.status_code == 409 and recused.json["rule"] == "no-judge-available"
    assert client.get(f"/api/v1/assignments/{mine['id']}", headers=judge).json["assignment"]["status"] == "recused"
    newcomer = register(client, admin, cid, ["51"])[0]
    rerun = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert rerun.status_code == 201 and rerun.json["created"] == 1 and not rerun.json["fresh"]
    live = [a for a in all_assignments(client, admin, cid) if a["status"] == "pending"]
    assert len(live) == 4 and {a["judge_id"] for a in live if a["entry_id"] == mine["entry_id"]} >= {newcomer["id"]}


def test_a_run_resumed_after_a_crash_ends_as_if_it_never_crashed(competition, client, admin, review_settings):
    definition, ids = competition([factories.entry(c) for c in ("73.71", "31.71", "11.71", "32.01", "73.15")],
                                  stages=SCORED_ONLY)
    cid = definition["id"]
    judges = register(client, admin, cid, ["32", "35", "51", "73"])
    store = Store(service_database(connect(review_settings.mongo_uri), review_settings))
    model = [as_judge(store.get_judge(j["id"])) for j in judges]
    plan = assign([as_entry(e) for e in store.competition_entries(cid)], model, 2)
    run = store.begin_run(cid, "evaluasi")  # the crashed run wrote half its assignments, then died
    by_id = {j["id"]: as_judge(store.get_judge(j["id"])) for j in judges}
    half = [new_assignment(cid, "evaluasi", e, by_id[j], "2030-01-01T00:00:00Z", run, "crashed") for e, j in plan.pairs[:4]]
    _write(store, half, {}, None)
    resumed = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert resumed.status_code == 201 and resumed.json["created"] == len(plan.pairs) - 4 and resumed.json["fresh"]
    found = all_assignments(client, admin, cid)
    assert sorted((a["entry_id"], a["judge_id"]) for a in found) == plan.pairs
