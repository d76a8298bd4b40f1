"""The summary and an entry's scorecard, checked against what the test sent."""
from __future__ import annotations

from collections import Counter

import pytest

from tests.integration.reporting import dataset


def test_summary_counts_what_was_sent(api, judged):
    summary = api(f"/competitions/{judged.cid}/summary").json()
    assert summary["total"] == 9
    assert summary["by_status"] == {"eligible": 1, "submitted": 7, "withdrawn": 1}
    provinces = Counter(region[:2] for region, *_ in dataset.ENTRIES)
    assert {p["code"]: p["count"] for p in summary["by_province"]} == dict(provinces)
    assert {p["code"]: p["name"] for p in summary["by_province"]}["73"] == "Sulawesi Selatan"
    assert summary["by_category"] == dict(Counter(category for _, category, *_ in dataset.ENTRIES))
    assert summary["by_cluster"] == dict(Counter(cluster for _, _, cluster, _ in dataset.ENTRIES))
    days = Counter(dataset.jakarta_day(at) for *_, at in dataset.ENTRIES)
    assert summary["per_day"] == [{"day": day, "count": n} for day, n in sorted(days.items())]
    assigned = sum(len(v) for v in dataset.JUDGING.values()) + sum(len(v) for v in dataset.UNSCORED_ASSIGNMENTS.values())
    done = sum(len(v) for v in dataset.JUDGING.values())
    assert summary["judging"][0] == {"stage": "evaluasi", "assigned": assigned, "done": done, "entries": 7,
                                     "percent": round(100 * done / assigned, 1)}
    assert summary["notifications"] == {"sent": 1, "failed": 1}


def test_a_scorecard_shows_each_judge_raw_and_normalised_with_revisions(api, judged):
    entry_id = judged.ids[0]
    card = api(f"/entries/{entry_id}/scorecard", role="admin").json()
    expected = {r["entry_id"]: r for r in dataset.expected_rows(judged)}[entry_id]
    stage = card["stages"][0]
    assert card["entry_id"] == entry_id and card["status"] == "submitted" and stage["stage"] == "evaluasi"
    assert stage["score"] == pytest.approx(expected["score"], abs=1e-4)
    judges = {r["judge_id"]: r for r in stage["reviews"]}
    assert sorted(judges) == ["j-a", "j-b", "j-c"]
    for judge, review in judges.items():
        scores = judged.latest[(entry_id, judge)]
        assert review["scores"] == scores and review["total"] == pytest.approx(dataset.total(scores), abs=1e-4)
    assert [r["revision"] for r in judges["j-a"]["revisions"]] == [1, 2] and judges["j-a"]["revision"] == 2
    normalised = [r["normalised_total"] for r in judges.values()]
    assert sum(normalised) / 3 == pytest.approx(expected["score"], abs=1e-3)
    pending = api(f"/entries/{judged.ids[6]}/scorecard").json()["stages"][0]["reviews"]
    assert sorted((r["judge_id"], r["status"]) for r in pending) == [("j-a", "pending"), ("j-b", "pending")]
