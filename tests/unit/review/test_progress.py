"""Where work stands, as the console shows it: screening progress, judges' loads, late work, jobs."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.review.domain import progress
from services.review.handlers import jobs

NOW = datetime(2026, 4, 20, 3, 0, tzinfo=timezone.utc)


def entry(n: int, decision: str | None = None, status: str = "submitted") -> dict:
    screened = {"administrasi": {"decision": decision}} if decision else {}
    return {"_id": f"e{n}", "status": status, "screenings": screened}


def test_screening_progress_counts_submitted_entries_only():
    entries = [entry(1, "eligible"), entry(2, "ineligible"), entry(3), entry(4), entry(5, "eligible", "withdrawn")]
    found = progress.screening(entries, "administrasi")
    assert found == {"total": 4, "decided": 2, "undecided": 2, "eligible": 1, "ineligible": 1, "percent": 50}
    assert progress.screening([], "administrasi")["percent"] == 0
    assert progress.decision_of(entries[0], "administrasi") == "eligible" and progress.decision_of(entries[2], "x") is None


def work(judge: str, status: str, due: str | None = "2026-04-15T16:59:59Z", entry_id: str = "e1") -> dict:
    return {"_id": f"{judge}-{entry_id}", "judge_id": judge, "entry_id": entry_id, "status": status, "due_at": due}


def test_late_work_is_pending_past_its_due_date():
    assignments = [work("a", "pending"), work("a", "scored", entry_id="e2"), work("b", "pending", "2026-05-01T00:00:00Z"),
                   work("c", "pending", None), work("d", "recused")]
    assert [a["_id"] for a in progress.late(assignments, NOW)] == ["a-e1"]
    loads = progress.loads(assignments, NOW)
    assert loads["a"] == {"pending": 1, "scored": 1, "recused": 0, "late": 1, "load": 2}
    assert loads["d"] == {"pending": 0, "scored": 0, "recused": 1, "late": 0, "load": 0}
    assert progress.is_late(work("x", "pending", "not a date"), NOW) is False


def test_each_entry_lists_its_judges_but_not_withdrawn_or_cancelled_work():
    assignments = [work("b", "scored"), work("a", "pending"), work("c", "cancelled"), work("d", "withdrawn")]
    assert [a["judge_id"] for a in progress.judges_per_entry(assignments)["e1"]] == ["a", "b"]


def test_a_job_shows_its_percent_and_a_silent_running_job_is_interrupted():
    doc = {"_id": "j", "kind": "screening", "status": "running", "done": 150, "total": 600,
           "updated_at": NOW - timedelta(seconds=5), "created_at": NOW - timedelta(minutes=1)}
    assert jobs.view(doc, NOW)["percent"] == 25 and jobs.view(doc, NOW)["status"] == "running"
    stale = {**doc, "updated_at": NOW - timedelta(seconds=jobs.STALE_SECONDS + 1)}
    assert jobs.view(stale, NOW)["status"] == "interrupted"
    done = {**doc, "status": "done", "total": None, "done": 0}
    assert jobs.view(done, NOW)["percent"] == 100 and jobs.view(done, NOW)["created_at"] == "2026-04-20T02:59:00Z"
