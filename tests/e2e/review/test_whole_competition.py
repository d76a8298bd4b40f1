"""A whole competition on the real stack, intake and review as processes: regions submit, the
secretariat screens, assigns, judges score, stages close, shortlists are proposed and published,
regions object (one upheld, one rejected), the next stage runs, awards are given; and the
events on <ns>.reviews tell the same story as the API."""
from __future__ import annotations

from collections import Counter, defaultdict

import requests

from tests import factories
from tests.integration.review import kit
from tests.support.poll import eventually
from tests.support.topics import TopicReader

CRITERIA = [k for k, _ in factories.CRITERIA]
ENTRIES = [("73.71", "kota", "kesehatan", 88), ("73.15", "kabupaten", "kesehatan", 84), ("31.71", "kota", "pendidikan", 80),
           ("32.01", "kabupaten", "ekonomi", 72), ("11.71", "kota", "kesehatan", 66), ("91.03", "kabupaten", "pendidikan", 58),
           ("35.78", "kota", "ekonomi", 52), ("73.71", "kota", "ekonomi", 45)]
STAGES = [{"key": "administrasi", "kind": "screening"},
          {"key": "evaluasi", "kind": "scored", "judges_per_entry": 2, "shortlist": 4},
          {"key": "wawancara", "kind": "scored", "judges_per_entry": 2, "shortlist": 2}]


class Api:
    """A thin client for one role against one service."""

    def __init__(self, base: str, headers: dict):
        self.base, self.headers = base + "/api/v1", headers

    def __call__(self, method: str, path: str, expect: int = 200, **kwargs):
        reply = requests.request(method, self.base + path, headers=self.headers, timeout=60, **kwargs)
        assert reply.status_code == expect, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json()

    def get_or_none(self, path: str, default):
        """GET, or `default` while the answer is not 200 yet (for polling)."""
        reply = requests.get(self.base + path, headers=self.headers, timeout=60)
        return reply.json() if reply.status_code == 200 else default


def test_a_whole_competition_from_submission_to_awards(intake, review, auth, stack, namespace):
    secretariat = auth("admin", sub="sekretariat-kipp")
    admin_intake, admin = Api(intake.url, secretariat), Api(review.url, secretariat)
    definition = factories.competition(stages=STAGES, priority_regions=["91"], objection_days=5,
                                       quotas={"min_per_category": 1, "max_per_province": 2, "min_priority_regions": 1})
    cid = definition["id"]
    admin_intake("PUT", f"/competitions/{cid}", json=definition)

    quality = {}
    for code, cluster, category, score in ENTRIES:  # regions submit through intake
        region = Api(intake.url, auth("region", region=code.split(".")[0]))
        body = factories.agency_entry(code, cluster, category=category)
        draft = region("POST", f"/competitions/{cid}/entries", 201, json=body)
        region("POST", f"/entries/{draft['id']}/submit")
        quality[draft["id"]] = score
    ids = list(quality)
    eventually(lambda: len(admin.get_or_none(f"/competitions/{cid}/entries", {"items": []})["items"]) == len(ids),
               timeout=60, what="every submission in review (through Kafka)")

    decisions = [{"entry_id": e, "decision": "eligible"} for e in ids[:-1]]
    decisions.append({"entry_id": ids[-1], "decision": "ineligible", "reason": "Belum diterapkan 2 tahun"})
    admin("POST", f"/competitions/{cid}/stages/administrasi/screenings", json={"decisions": decisions})
    for home in ("51", "52", "53", "61"):  # one registry; each stage's panel appointed from it
        judge = admin("POST", "/judges", 201, json={"id": factories.uid("juri-"), "name": f"Juri {home}",
                                                    "email": f"{factories.uid()}@univ.ac.id", "home_region": home,
                                                    "expertise": ["kesehatan"], "competitions": [cid]})
        for stage in ("evaluasi", "wawancara"):
            admin("PUT", f"/competitions/{cid}/stages/{stage}/panel/{judge['id']}", 201)

    evaluasi = run_stage(admin, auth, review, cid, "evaluasi", quality)
    region = Api(review.url, auth("region", region="32", sub="biro-organisasi-jabar"))
    picks = [p["entry_id"] for p in evaluasi["picks"]]
    upheld = region("POST", f"/competitions/{cid}/stages/evaluasi/objections", 201,
                    json={"entry_id": picks[1], "reason": "Inovasi belum berjalan sesuai klaim"})
    rejected = region("POST", f"/competitions/{cid}/stages/evaluasi/objections", 201,
                      json={"entry_id": picks[0], "reason": "Keberatan umum"})
    kept = admin("POST", f"/objections/{rejected['id']}/resolve", json={"decision": "rejected", "reason": "Tidak terbukti"})
    assert kept["objection"]["status"] == "rejected"
    removal = admin("POST", f"/objections/{upheld['id']}/resolve", json={"decision": "upheld", "reason": "Terbukti"})
    assert removal["removed"] == picks[1] and removal["promoted"]["entry_id"] not in picks
    listed = admin("GET", f"/competitions/{cid}/stages/evaluasi/shortlist")
    finalists = [p["entry_id"] for p in listed["picks"]]
    assert picks[1] not in finalists and removal["promoted"]["entry_id"] in finalists and len(finalists) == 4

    wawancara = run_stage(admin, auth, review, cid, "wawancara", quality)
    assert {a["entry_id"] for a in wawancara["assignments"]} == set(finalists)
    winners = [p["entry_id"] for p in wawancara["picks"]]
    given = admin("POST", f"/competitions/{cid}/awards", json={"awards": [
        {"entry_id": winners[0], "award": "outstanding"}] + [{"entry_id": e, "award": "top45"} for e in winners]})
    assert given["recorded"] == 3

    story = events_by_entry(stack, namespace, cid, expected=len(ids))
    assert [story[e]["kipp.entry.screened"][0]["decision"] for e in ids] == ["eligible"] * 7 + ["ineligible"]
    for stage in (evaluasi, wawancara):  # every assignment and every score the API showed, and nothing else
        for entry_id, judges in group(stage["assignments"]).items():
            created = [d for d in story[entry_id]["kipp.assignment.created"] if d["stage"] == stage["stage"]]
            assert Counter(d["judge_id"] for d in created) == Counter(judges)
            scored = [d for d in story[entry_id]["kipp.review.scored"] if d["stage"] == stage["stage"]]
            assert sorted(d["total"] for d in scored) == [float(quality[entry_id])] * len(judges)
    advanced_evaluasi = {e for e in ids if any(d["stage"] == "evaluasi" for d in story[e]["kipp.entry.advanced"])}
    assert advanced_evaluasi == set(picks) | {removal["promoted"]["entry_id"]}
    assert [d["reason"] for d in story[picks[1]]["kipp.entry.eliminated"]] == ["objection-upheld"]
    assert all(d["to_stage"] == "wawancara" for e in finalists for d in story[e]["kipp.entry.advanced"]
               if d["stage"] == "evaluasi")
    assert {e for e in ids if any(d["stage"] == "wawancara" for d in story[e]["kipp.entry.advanced"])} == set(winners)
    assert {(e, d["award"]) for e in ids for d in story[e]["kipp.entry.awarded"]} == \
        {(winners[0], "outstanding")} | {(e, "top45") for e in winners}
    audit = admin("GET", f"/competitions/{cid}/audit?limit=500")["items"]
    assert Counter(r["action"] for r in audit) >= Counter({"screening": 8, "stage.closed": 2, "shortlist.published": 2,
                                                           "objection.filed": 2, "objection.resolved": 2, "award": 3,
                                                           "panel.appointed": 8})


def run_stage(admin: Api, auth, review, cid: str, stage: str, quality: dict) -> dict:
    """Assign, let every judge score (their entry's quality on every criterion), close, propose, publish."""
    created = admin("POST", f"/competitions/{cid}/stages/{stage}/assignments", 201)
    assignments = admin("GET", f"/assignments?competition_id={cid}&stage={stage}&limit=500")["items"]
    assert created["planned"] == len(assignments) and created["load_max"] - created["load_min"] <= 1
    for a in assignments:
        judge = Api(review.url, auth("judge", sub=a["judge_id"]))
        value = quality[a["entry_id"]]
        judge("PUT", f"/assignments/{a['id']}/score", json={"scores": {k: value for k in CRITERIA}})
    admin("POST", f"/competitions/{cid}/stages/{stage}/close", json={"reason": "Batas waktu penilaian"})
    proposal = admin("POST", f"/competitions/{cid}/stages/{stage}/shortlist")
    published = admin("POST", f"/competitions/{cid}/stages/{stage}/shortlist/publish")
    assert published["picks"] == proposal["picks"] and published["status"] == "published"
    return {"stage": stage, "assignments": assignments, "picks": published["picks"]}


def group(assignments: list[dict]) -> dict:
    found = defaultdict(list)
    for a in assignments:
        found[a["entry_id"]].append(a["judge_id"])
    return found


def events_by_entry(stack, namespace: str, cid: str, expected: int) -> dict:
    """Every event of the competition on <ns>.reviews, as {entry id: {type: [data, …]}}, once the awards are in."""
    reader = TopicReader(stack.kafka, f"{namespace}.reviews")
    kit.wait_distinct(reader, 3, timeout=60, type="kipp.entry.awarded", competition_id=cid)
    story: dict = defaultdict(lambda: defaultdict(list))
    for event in kit.distinct(reader.events(competition_id=cid)):
        if not event["type"].startswith("kipp.judge."):  # a panel's events are keyed by judge, not entry
            story[event["subject"]][event["type"]].append(event["data"])
    reader.close()
    assert len([s for s in story if s != cid]) == expected
    return story
