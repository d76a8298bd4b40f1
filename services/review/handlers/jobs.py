"""Long work the console starts (bulk screening, an assignment run, closing a stage, releasing a judge):
a job document the page polls while the work runs on a thread of the web process.

The work is one of review's handlers, which are all-or-nothing or resumable, so a job cut short by a
restarting web process (its heartbeat stops; after STALE_SECONDS it shows as interrupted) is simply
started again from the page.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from datetime import datetime, timezone
from typing import Callable

from shared.auth.tokens import Principal
from shared.errors import NotFound, RuleBroken
from services.review.ports import Store
from services.review.domain.progress import instant, percent

log = logging.getLogger(__name__)
STALE_SECONDS = 30
HEARTBEAT_SECONDS = 5
PROGRESS_EVERY = 0.5  # seconds between progress writes
Work = Callable[[Callable[[int, int], None]], dict]


def start(store: Store, kind: str, cid: str, stage: str | None, principal: Principal, work: Work,
          **about) -> str:
    """Record a running job and start `work(progress)` on a thread; the job's id, for the page to poll."""
    job_id = uuid.uuid4().hex
    now = datetime.now(timezone.utc)
    store.jobs.create({"_id": job_id, "kind": kind, "competition_id": cid, "stage": stage, "by": principal.sub,
                       "status": "running", "done": 0, "total": None, "result": None, "error": None,
                       "created_at": now, "updated_at": now, "about": about})
    threading.Thread(target=run, args=(store, job_id, work), name=f"job-{kind}", daemon=True).start()
    return job_id


def run(store: Store, job_id: str, work: Work) -> None:
    """Do the work, keeping the job's heartbeat and progress, and record how it ended."""
    finished = threading.Event()
    threading.Thread(target=_beat, args=(store, job_id, finished), daemon=True).start()
    try:
        outcome = {"status": "done", "result": work(_progress(store, job_id))}
    except (RuleBroken, NotFound) as exc:
        outcome = {"status": "failed", "error": refusal(exc)}
    except Exception:  # noqa: BLE001 - the job says it failed; the log has the cause
        log.exception("job %s failed", job_id)
        outcome = {"status": "failed", "error": {"detail": "unexpected error; see the service's log", "rule": None}}
    finally:
        finished.set()
    store.jobs.update(job_id, outcome)


def refusal(exc: Exception) -> dict:
    """A refusal as the job keeps it: no dots in stored keys, so field errors become [field, messages] pairs."""
    if isinstance(exc, NotFound):
        return {"detail": str(exc), "rule": "not-found", "errors": []}
    errors = [[field, [str(m) for m in messages]] for field, messages in (exc.errors or {}).items()]
    extra = {key: value for key, value in exc.extra.items() if key in ("entries", "judges", "entry_id")}
    return {"detail": exc.detail, "rule": exc.rule, "errors": errors, **extra}


def read(store: Store, job_id: str) -> dict:
    """The job as the page shows it (404 when unknown)."""
    found = store.jobs.get(job_id)
    if found is None:
        raise NotFound(f"job {job_id} not found")
    return view(found, datetime.now(timezone.utc))


def view(doc: dict, now: datetime) -> dict:
    """Status (running, done, failed, or interrupted when a running job's heartbeat stopped), progress, outcome."""
    status = doc["status"]
    beat = instant(doc.get("updated_at"))
    if status == "running" and beat is not None and (now - beat).total_seconds() > STALE_SECONDS:
        status = "interrupted"
    done, total = int(doc.get("done") or 0), doc.get("total")
    shown = percent(done, total) if total else (100 if status == "done" else 0)
    return {"id": doc["_id"], "kind": doc["kind"], "competition_id": doc.get("competition_id"),
            "stage": doc.get("stage"), "status": status, "done": done, "total": total, "percent": shown,
            "result": doc.get("result"), "error": doc.get("error"), "about": doc.get("about") or {},
            "created_at": _iso(doc.get("created_at")), "updated_at": _iso(doc.get("updated_at"))}


def _progress(store: Store, job_id: str) -> Callable[[int, int], None]:
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if done == total or time.monotonic() - last[0] >= PROGRESS_EVERY:
            store.jobs.update(job_id, {"done": done, "total": total})
            last[0] = time.monotonic()
    return progress


def _beat(store: Store, job_id: str, finished: threading.Event) -> None:
    while not finished.wait(HEARTBEAT_SECONDS):
        store.jobs.update(job_id, {})


def _iso(value) -> str | None:
    moment = instant(value)
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if moment else None
