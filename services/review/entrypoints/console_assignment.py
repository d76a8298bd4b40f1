"""The console's assignment of a scored stage (/konsol/<cid>/penugasan/<stage>): run it (a job), each judge's
load and late work with a reminder button, each entry's judges and the conflicts avoided; close the stage."""
from __future__ import annotations

from flask import g, request, url_for

from shared.errors import NotFound, RuleBroken
from shared.web import people
from shared.web.app import deps
from services.review.entrypoints.console import (PAGE_SIZE, back, blueprint, handled, missing,
                                                 number_arg, refusal_text, start_job)
from services.review.handlers import assigning, oversight, reminders, stages

assignment = blueprint("console_assignment", __name__)
PATH = "/<cid>/penugasan/<stage>"


@people.page(assignment.get(PATH), "admin",
             "Secretariat console: a stage's assignment, loads, late judges, conflicts avoided",
             errors=(404, 409))
def overview(cid, stage, errors=None, status=200):
    return handled(lambda: oversight.stage_work(deps().store, cid, stage, number_arg("halaman"), PAGE_SIZE),
                   "assignment.html", status, errors)


@people.page(assignment.post(PATH + "/jalankan"), "admin",
             "Secretariat console: run the stage's assignment (all or nothing; a re-run fills gaps), as a job",
             errors=(404, 409, 422))
def run(cid, stage):
    raw = request.form.get("judges_per_entry", "").strip()
    if raw and not (raw.isdigit() and 1 <= int(raw) <= 20):
        return overview.__wrapped__(cid, stage, errors={"judges_per_entry": ["range"]}, status=422)
    per_entry = int(raw) if raw else None
    due = deps().due_days
    return start_job("assignment", cid, stage,
                     lambda store, principal, request_id, progress: assigning.assign_stage(
                         store, cid, stage, per_entry, principal, request_id, due, progress),
                     url_for("console_assignment.overview", cid=cid, stage=stage))


@people.page(assignment.post(PATH + "/ingatkan/<judge_id>"), "admin",
             "Secretariat console: remind a late judge (notify mails them)", errors=(404, 409))
def remind(cid, stage, judge_id):
    try:
        done = reminders.remind(deps().store, cid, stage, judge_id, g.principal, g.request_id)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return overview.__wrapped__(cid, stage, errors={judge_id: [refusal_text(exc)]}, status=exc.status)
    return back("console_assignment.overview", "reminded", cid=cid, stage=stage, judge=judge_id, n=done["late"])


@people.page(assignment.post(PATH + "/tutup"), "admin",
             "Secretariat console: close the stage (scores locked, kipp.stage.closed), as a job",
             errors=(404, 409))
def close(cid, stage):
    reason = request.form.get("reason", "").strip()[:2000] or None
    return start_job("close", cid, stage,
                     lambda store, principal, request_id, progress: stages.close(store, cid, stage, reason, principal,
                                                                                 request_id),
                     url_for("console_assignment.overview", cid=cid, stage=stage))
