"""review's outcomes reach the entry through the real broker (intake's worker on <ns>.reviews): every stage
outcome with its reason, the newest per stage by event time, whatever the order and however often the
events come; a published shortlist opens its objection window."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shared.auth.tokens import Principal
from shared.events import types
from shared.events.envelope import new_event
from services.intake.handlers import outcomes as outcome_handlers
from tests.integration.intake.helpers import assert_problem, create, submit
from tests.support.poll import eventually


@pytest.fixture
def publish(publisher):
    """review's events onto this run's topics (the session's publisher)."""
    return publisher.publish_all


def review_event(kind: str, entry_id: str, cid: str, at: datetime, **data) -> dict:
    made = new_event(kind, entry_id, {"entry_id": entry_id, "competition_id": cid, **data}, "kipp/review")
    made["time"] = at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"
    return made


def ranked(kind: str, entry_id: str, cid: str, at: datetime, **data) -> dict:
    fields = {"stage": "evaluasi", "to_stage": None, "rank": None, "score": None, "reason": None, **data}
    return review_event(kind, entry_id, cid, at, **fields)


def outcomes_of(client, entry_id: str, headers: dict, count: int) -> list[dict]:
    def probe():
        found = client.get(f"/api/v1/entries/{entry_id}", headers=headers).get_json()["outcomes"]
        return found if len(found) >= count else None
    return eventually(probe, timeout=30, what=f"{count} outcomes of {entry_id}")


def test_every_stage_outcome_reaches_the_entry_newest_first_in_any_order(client, auth, open_competition, publish,
                                                                          intake_deps):
    cid, pinrang = open_competition["id"], auth("region", "73.15")
    entry = create(client, cid, auth("region", "73"), region_code="73.15", cluster="kabupaten")
    assert submit(client, entry["id"], pinrang).status_code == 200
    start = datetime.now(timezone.utc) - timedelta(hours=1)
    screened = review_event(types.ENTRY_SCREENED, entry["id"], cid, start, stage="administrasi",
                            decision="eligible", reason="Lengkap")
    advanced = ranked(types.ENTRY_ADVANCED, entry["id"], cid, start + timedelta(minutes=10), to_stage="wawancara",
                      rank=4, score=82.5, reason="rank")
    upheld = ranked(types.ENTRY_ELIMINATED, entry["id"], cid, start + timedelta(minutes=20), rank=4, score=82.5,
                    reason="objection-upheld")
    # the newer elimination first, the older advance after it, and everything twice
    publish([screened, upheld, advanced, upheld, screened])
    found = outcomes_of(client, entry["id"], pinrang, 2)
    assert [(o["kind"], o["stage"], o["reason"]) for o in found] == [("screened", "administrasi", "Lengkap"),
                                                                     ("eliminated", "evaluasi", "objection-upheld")]
    assert found[1]["rank"] == 4 and found[1]["score"] == 82.5
    body = client.get(f"/api/v1/entries/{entry['id']}", headers=pinrang).get_json()
    assert body["screening"] == {"stage": "administrasi", "decision": "eligible", "reason": "Lengkap"}
    assert_problem(client.post(f"/api/v1/entries/{entry['id']}/withdraw", json={"reason": "terlambat"},
                               headers=pinrang), 409, "already-screened")

    promoted = ranked(types.ENTRY_ADVANCED, entry["id"], cid, start + timedelta(minutes=30), to_stage="wawancara",
                      rank=5, score=80.0, reason="promoted")
    awarded = review_event(types.ENTRY_AWARDED, entry["id"], cid, start + timedelta(minutes=40), award="top45")
    publish([promoted, awarded, advanced])  # and the old advance once more: still older than the promotion
    found = outcomes_of(client, entry["id"], pinrang, 3)
    assert [(o["kind"], o.get("reason"), o.get("award")) for o in found] == [
        ("screened", "Lengkap", None), ("advanced", "promoted", None), ("awarded", None, "top45")]
    assert intake_deps.outcomes.outcomes.count_documents({"entry_id": entry["id"]}) == 3

    latest = outcome_handlers.latest_by_entry(intake_deps, cid, _principal("73"))
    assert latest[entry["id"]]["kind"] == "awarded"
    assert entry["id"] not in outcome_handlers.latest_by_entry(intake_deps, cid, _principal("73.71"))
    assert_problem(client.get(f"/api/v1/entries/{entry['id']}", headers=auth("region", "73.71")), 404)


def test_a_published_shortlist_opens_its_objection_window(client, auth, open_competition, publish, intake_deps):
    cid = open_competition["id"]
    kept, cut = (create(client, cid, auth("region", "73.71")) for _ in range(2))
    now = datetime.now(timezone.utc)
    publish([ranked(types.ENTRY_ADVANCED, kept["id"], cid, now, to_stage="wawancara", rank=1, score=90.0,
                    reason="rank"),
             ranked(types.ENTRY_ELIMINATED, cut["id"], cid, now + timedelta(milliseconds=3), rank=2, score=50.0,
                    reason="below-cutoff")])
    listed = eventually(lambda: outcome_handlers.shortlist(intake_deps, cid, "evaluasi"), timeout=30, what="the shortlist")
    assert [(o["entry_id"], o["rank"], o["title"]) for o in listed] == [(kept["id"], 1, kept["title"])]
    definition = {**open_competition, "objection_days": 2}
    windows = eventually(lambda: outcome_handlers.open_objection_windows(intake_deps, definition, datetime.now(timezone.utc)),
                         what="the objection window")
    assert [w["stage"] for w in windows] == ["evaluasi"]
    assert windows[0]["closes_at"] - windows[0]["opens_at"] == timedelta(days=2)
    assert abs((windows[0]["opens_at"] - now).total_seconds()) < 1
    assert outcome_handlers.open_objection_windows(intake_deps, definition, now + timedelta(days=3)) == []


def _principal(region: str) -> Principal:
    return Principal(sub=f"admin-{region}", role="region", region=region)
