"""The competition in judging, made through the services' APIs the way its people would make it.

Regions submit while the window is open; then the definition is published again with the window closed
at that moment, so every submission lies inside it. The secretariat screens (a few ineligible, with
reasons) and assigns; the judges score about half of their work. Each step first looks at what is already
there and does only what is missing, so a second run changes nothing.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from deploy.local.demo import catalogue, marks
from deploy.local.demo.catalogue import Planned
from deploy.local.demo.client import Api, SeedFailed, wait_for
from deploy.local.demo.competitions import (CRITERIA, JUDGING_ID, SCORED, SCREENING, judging_competition, now_wib,
                                            window_open)
from deploy.local.demo.people import JUDGES

DEFINITION = f"/api/v1/competitions/{JUDGING_ID}"
STAGE = f"{DEFINITION}/stages"
WAIT_SECONDS = 60


def seed(api: Api, pool: ThreadPoolExecutor) -> dict:
    """Everything the judging competition needs, as far as it is missing; its figures."""
    planned = catalogue.entries()
    submit(api, pool, planned)
    copies = in_review(api, len(planned))
    screen(api, planned, copies)
    assign(api)
    assigned, scored = score(api, pool)
    wait_for(lambda: reporting_shows(api, len(planned), assigned, scored), "reporting to count every entry and score",
             WAIT_SECONDS)
    return {"entries": len(planned), "ineligible": sum(1 for p in planned if p.ineligible_reason),
            "assignments": assigned, "scored": scored}


def submit(api: Api, pool: ThreadPoolExecutor, planned: list[Planned]) -> None:
    """Open the window, let each region submit its entries (Idempotency-Key: a repeat makes no second draft),
    and close the window again. Skipped when it is closed and every entry is in."""
    stored, now = api.find("intake", DEFINITION), now_wib()
    if stored and not window_open(stored, now) and submitted_count(api) >= len(planned):
        return
    opens = stored["opens_at"] if stored else (now - timedelta(weeks=8)).replace(hour=0, minute=0, second=0).isoformat()
    api.call("PUT", "intake", DEFINITION, body=judging_competition(opens, (now + timedelta(hours=1)).isoformat()))
    list(pool.map(lambda entry: submit_one(api, entry), planned))
    closes = (now_wib() + timedelta(seconds=1)).isoformat()  # whole seconds, after the last submission
    api.call("PUT", "intake", DEFINITION, body=judging_competition(opens, closes))


def submitted_count(api: Api) -> int:
    return len(api.every("intake", f"{DEFINITION}/entries?status=submitted"))


def submit_one(api: Api, entry: Planned) -> None:
    """The entry's Admin Lokal drafts and submits it."""
    who = ("region", f"demo-admin-lokal-{entry.region}", entry.region)
    key = "demo-" + hashlib.sha256(entry.title.encode()).hexdigest()[:32]
    draft = api.json("POST", "intake", f"{DEFINITION}/entries", who, entry.body, key)
    api.call("POST", "intake", f"/api/v1/entries/{draft['id']}/submit", who)


def in_review(api: Api, count: int) -> dict[str, dict]:
    """Review's copies by title, once review has consumed every entry."""
    def copies():
        page = api.find("review", f"{DEFINITION}/entries?limit=500")
        found = {copy["title"]: copy for copy in (page or {}).get("items", [])}
        return found if len(found) >= count else None
    return wait_for(copies, f"review to receive the {count} entries of {JUDGING_ID}", WAIT_SECONDS)


def screen(api: Api, planned: list[Planned], copies: dict[str, dict]) -> None:
    """The administrative stage's decisions, all in one request (none when every one is recorded)."""
    decisions = []
    for entry in planned:
        copy = copies.get(entry.title)
        if copy is None:
            raise SeedFailed(f"review has no entry titled {entry.title!r}")
        verdict = "ineligible" if entry.ineligible_reason else "eligible"
        decisions.append({"entry_id": copy["id"], "decision": verdict, "reason": entry.ineligible_reason})
    recorded = {c["id"]: ((c.get("screenings") or {}).get(SCREENING) or {}).get("decision") for c in copies.values()}
    if all(recorded.get(d["entry_id"]) == d["decision"] for d in decisions):
        return
    decisions.sort(key=lambda d: d["entry_id"])
    api.call("POST", "review", f"{STAGE}/{SCREENING}/screenings", body={"decisions": decisions},
             key=f"demo-{JUDGING_ID}-screening")


def assign(api: Api) -> None:
    """The desk stage's panel (every judge of the registry), then three judges per eligible entry by review's own
    assignment (once: a re-run would start a new run)."""
    if api.json("GET", "review", f"{STAGE}/{SCORED}")["progress"]["assigned"]:
        return
    for judge in JUDGES:  # appointing again answers 200 and changes nothing
        api.call("PUT", "review", f"{STAGE}/{SCORED}/panel/{judge['id']}")
    api.call("POST", "review", f"{STAGE}/{SCORED}/assignments", body={}, key=f"demo-{JUDGING_ID}-assignment")


def score(api: Api, pool: ThreadPoolExecutor) -> tuple[int, int]:
    """Each judge scores their share (marks.PACE) as themselves; (assignments, scored) as they stand now (a judge
    may have scored more in the judges' pages since the last run)."""
    assignments = api.every("review", f"/api/v1/assignments?competition_id={JUDGING_ID}&stage={SCORED}")
    chosen = marks.to_score(assignments, [j["id"] for j in JUDGES])
    criteria = [key for key, _ in CRITERIA]

    def score_one(assignment: dict) -> None:
        body = marks.marks(assignment["entry_id"], assignment["judge_id"], criteria)
        api.call("PUT", "review", f"/api/v1/assignments/{assignment['id']}/score",
                 ("judge", assignment["judge_id"], None), body)
    fresh = [a for a in chosen if a["status"] == "pending"]
    list(pool.map(score_one, fresh))
    live = [a for a in assignments if a["status"] in ("pending", "scored")]
    return len(live), sum(1 for a in live if a["status"] == "scored") + len(fresh)


def reporting_shows(api: Api, entries: int, assigned: int, scored: int) -> bool:
    """True once reporting counts every entry, assignment and score of the judging competition."""
    answer = api.call("GET", "reporting", f"{DEFINITION}/summary", expect=(200, 404, 503))
    if answer.status_code != 200:
        return False
    summary = answer.json()
    stage = next((s for s in summary.get("judging", []) if s["stage"] == SCORED), {})
    return summary.get("total") == entries and (stage.get("assigned"), stage.get("done")) == (assigned, scored)
