"""Rankings, exports and idempotency of the reporting read model, fed through the real broker."""
from __future__ import annotations

import csv
import io
import os
import statistics
import subprocess
import sys

import openpyxl
import pytest
import requests

from tests import factories
from tests.integration.reporting import events as ev
from tests.support.poll import eventually
from tests.support.stack import ROOT

STAGE = "evaluasi"
JUDGES = {"judge-a": [80, 70, 60, 50, 40, 30], "judge-b": [90, 85, 80, 75, 70, 65], "judge-c": [60, 62, 64, 66, 68, 70]}
PLACES = [("73.71", "kesehatan"), ("73.15", "pendidikan"), ("33.74", "kesehatan"),
          ("33.01", "pendidikan"), ("73.71", "pendidikan"), ("33.74", "kesehatan")]


def expected_scores(entry_ids: list[str]) -> dict:
    """The z-score normalisation of DESIGN §6, computed here by hand from the scores sent."""
    totals = [t for scores in JUDGES.values() for t in scores]
    stage_mean, stage_spread = statistics.fmean(totals), statistics.pstdev(totals)
    normalised = {e: [] for e in entry_ids}
    for scores in JUDGES.values():
        mean, spread = statistics.fmean(scores), statistics.pstdev(scores)
        for entry_id, total in zip(entry_ids, scores):
            normalised[entry_id].append(stage_mean + (total - mean) / spread * stage_spread)
    raw = {e: statistics.fmean(scores[i] for scores in JUDGES.values()) for i, e in enumerate(entry_ids)}
    return {e: (round(statistics.fmean(v), 4), round(raw[e], 4)) for e, v in normalised.items()}


@pytest.fixture(scope="module")
def competition(reporting, publisher):
    """A competition with six entries, each scored by three judges, published as intake and review would."""
    definition = factories.competition(criteria=[{"key": "kebaruan", "weight": 1}, {"key": "signifikansi", "weight": 3}])
    cid = definition["id"]
    entry_ids = [factories.uid("e-") for _ in PLACES]
    sent = [ev.published(definition)]
    for i, (entry_id, (region, category)) in enumerate(zip(entry_ids, PLACES)):
        sent.append(ev.submitted(cid, entry_id, region, category, f"2026-03-0{i + 1}T09:00:00+07:00"))
    for judge, scores in JUDGES.items():
        for entry_id, total in zip(entry_ids, scores):
            aid, created = ev.assigned(cid, STAGE, entry_id, judge)
            sent += [created, ev.scored(cid, STAGE, aid, entry_id, judge, {"kebaruan": total, "signifikansi": total}, total)]
    publisher.publish_all(sent)
    return {"cid": cid, "entry_ids": entry_ids, "events": sent, "definition": definition}


def rankings(reporting, auth, cid, **params):
    response = requests.get(f"{reporting.url}/api/v1/competitions/{cid}/rankings", params=params,
                            headers=auth("ministry"), timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def all_scored(reporting, auth, cid):
    """The six scored entries in ranking order, once all their reviews are in (later test entries left out)."""
    response = requests.get(f"{reporting.url}/api/v1/competitions/{cid}/rankings", params={"limit": 500},
                            headers=auth("ministry"), timeout=30)
    if response.status_code == 404:  # the competition's event is not applied yet
        return None
    assert response.status_code == 200, response.text
    items = [r for r in response.json()["items"] if r["reviews"]["assigned"]]
    return items if len(items) == 6 and all(r["reviews"]["done"] == 3 for r in items) else None


def test_rankings_match_an_independent_computation(reporting, auth, competition):
    items = eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    expected = expected_scores(competition["entry_ids"])
    order = sorted(expected, key=lambda e: -expected[e][0])
    assert [r["entry_id"] for r in items] == order
    for row in items:
        assert (row["score"], row["raw_score"]) == expected[row["entry_id"]]
        assert row["reviews"] == {"done": 3, "assigned": 3} and row["rank"] == order.index(row["entry_id"]) + 1


def test_paging_and_filters_never_skip_or_repeat(reporting, auth, competition):
    full = eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    for params, wanted in (({}, full), ({"category": "kesehatan"}, [r for r in full if r["category"] == "kesehatan"]),
                           ({"province": "33"}, [r for r in full if r["province_code"] == "33"])):
        seen, cursor = [], None
        while True:
            page = rankings(reporting, auth, competition["cid"], limit=2, **params, **({"cursor": cursor} if cursor else {}))
            seen += [r["entry_id"] for r in page["items"]]
            cursor = page["next_cursor"]
            if not cursor:
                break
        assert seen == [r["entry_id"] for r in wanted], params


def test_replayed_and_stale_events_change_nothing(reporting, auth, publisher, competition):
    before = eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    first_score = next(e for e in competition["events"] if e["type"] == "kipp.review.scored")
    stale = ev.scored(competition["cid"], STAGE, first_score["data"]["assignment_id"], first_score["data"]["entry_id"],
                      first_score["data"]["judge_id"], {"kebaruan": 0, "signifikansi": 0}, 0, revision=0)
    marker = ev.submitted(competition["cid"], factories.uid("marker-"), "51.71", "ekonomi", "2026-03-09T09:00:00Z")
    publisher.publish_all(competition["events"] + [stale, marker])
    eventually(lambda: requests.get(f"{reporting.url}/api/v1/entries/{marker['subject']}/scorecard",
                                    headers=auth("admin"), timeout=30).ok, timeout=60, what="the marker event")
    after = rankings(reporting, auth, competition["cid"], limit=500)["items"]
    assert [r for r in after if r["entry_id"] != marker["subject"]] == before


@pytest.mark.parametrize("role, region", [("region", "73"), ("judge", None)])
def test_regions_and_judges_may_not_read(reporting, auth, competition, role, region):
    for path in ("rankings", "rankings.csv", "rankings.xlsx", "summary"):
        response = requests.get(f"{reporting.url}/api/v1/competitions/{competition['cid']}/{path}",
                                headers=auth(role, region), timeout=30)
        assert response.status_code == 403 and response.headers["Content-Type"] == "application/problem+json"


def test_exports_carry_the_same_rows(reporting, auth, competition):
    items = eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    base = f"{reporting.url}/api/v1/competitions/{competition['cid']}"
    csv_response = requests.get(base + "/rankings.csv", headers=auth("ministry"), timeout=30)
    assert csv_response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Peringkat", "ID Entri", "Judul Inovasi"]
    assert [(r[1], float(r[8])) for r in rows[1:7]] == [(i["entry_id"], i["score"]) for i in items]
    xlsx = requests.get(base + "/rankings.xlsx", headers=auth("admin"), timeout=30)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "Peringkat" and len(cells) == len(rows)
    assert [(c[1], c[8]) for c in cells[1:7]] == [(i["entry_id"], i["score"]) for i in items]
    assert isinstance(cells[1][0], int) and isinstance(cells[1][8], float)


def test_summary_counts(reporting, auth, competition):
    eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    summary = requests.get(f"{reporting.url}/api/v1/competitions/{competition['cid']}/summary",
                           headers=auth("ministry"), timeout=30).json()
    assert summary["by_category"]["kesehatan"] >= 3 and summary["by_category"]["pendidikan"] == 3
    provinces = {p["code"]: p for p in summary["by_province"]}
    assert provinces["73"]["count"] == 3 and provinces["73"]["name"] == "Sulawesi Selatan"
    assert summary["judging"][0] == {"stage": STAGE, "assigned": 18, "done": 18, "percent": 100.0}


def test_rebuild_equals_live(reporting, auth, competition):
    eventually(lambda: all_scored(reporting, auth, competition["cid"]), timeout=60, what="six scored entries")
    live = rankings(reporting, auth, competition["cid"], limit=500)["items"]
    live_summary = requests.get(f"{reporting.url}/api/v1/competitions/{competition['cid']}/summary",
                                headers=auth("ministry"), timeout=30).json()
    result = subprocess.run([sys.executable, "-m", "services.reporting.cli", "rebuild"], cwd=ROOT,
                            env={**os.environ, **reporting.env}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "live read model is now" in result.stdout
    eventually(lambda: rankings(reporting, auth, competition["cid"], limit=500)["items"] == live, timeout=30,
               what="the rebuilt rankings to equal the live ones")
    rebuilt_summary = requests.get(f"{reporting.url}/api/v1/competitions/{competition['cid']}/summary",
                                   headers=auth("ministry"), timeout=30).json()
    assert rebuilt_summary == live_summary
