"""Entries reach review through Kafka, once: redelivery and stale revisions change nothing;
a withdrawal takes the entry out of every judge's unfinished work."""
from __future__ import annotations

from tests import factories
from tests.integration.review import kit
from tests.support.poll import eventually


def test_entries_arrive_once_and_stale_revisions_are_ignored(competition, publisher, client, admin):
    definition, (entry_id,) = competition([factories.entry("73.71", title="Layanan Sehat Keliling")])
    cid = definition["id"]
    newer = kit.submitted(cid, factories.entry("73.71", title="Layanan Sehat Keliling v2"), entry_id, revision=2)
    older = kit.submitted(cid, factories.entry("73.71", title="Judul lama"), entry_id, revision=1)
    # a redelivery, an out-of-date revision, then a withdrawal: same key, so handled in this order
    publisher.publish_all([newer, newer, older, kit.withdrawn(cid, entry_id)])

    def settled():
        found = kit.entries_in_review(client, admin, cid, 1)[0]
        return found if found["status"] == "withdrawn" else None
    entry = eventually(settled, what="the withdrawal after the replayed submissions")
    assert entry["revision"] == 2 and entry["title"] == "Layanan Sehat Keliling v2"


def test_withdrawal_removes_the_entry_from_unfinished_work(competition, publisher, client, admin, auth):
    entries = [factories.entry(code) for code in ("73.71", "31.71", "11.71")]
    definition, ids = competition(entries, stages=[{"key": "evaluasi", "kind": "scored", "judges_per_entry": 2}])
    cid = definition["id"]
    kit.register(client, admin, [kit.judge_body(cid, home) for home in ("35", "36", "51")], cid)
    assigned = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert assigned.status_code == 201 and assigned.json["created"] == 6
    publisher.publish_all([kit.withdrawn(cid, ids[0])])

    def withdrawn_work():
        reply = client.get(f"/api/v1/assignments?competition_id={cid}&status=withdrawn", headers=admin)
        return reply.json if len(reply.json["items"]) == 2 else None
    found = eventually(withdrawn_work, what="the withdrawn entry's assignments marked withdrawn")
    assert {a["entry_id"] for a in found["items"]} == {ids[0]}
    assert found["progress"]["assigned"] == 4 and found["progress"]["pending"] == 4
    judge = auth("judge", sub=found["items"][0]["judge_id"])
    judge_view = client.get(f"/api/v1/assignments?competition_id={cid}", headers=judge)
    assert ids[0] not in {a["entry_id"] for a in judge_view.json["items"]}
    listing = kit.entries_in_review(client, admin, cid, 3)
    assert {e["id"]: e["status"] for e in listing}[ids[0]] == "withdrawn"
    rerun = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin)
    assert rerun.status_code == 201 and rerun.json["created"] == 0 and rerun.json["entries"] == 2
