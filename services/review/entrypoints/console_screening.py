"""The console's screening queue (/konsol/<cid>/penyaringan/<stage>): submitted entries a page at a time,
the proposal beside the decision, one decision at a time or one for many (a job)."""
from __future__ import annotations

from flask import g, request, url_for

from shared.errors import NotFound, RuleBroken
from shared.web.problem import flatten_errors
from marshmallow import ValidationError
from shared.web import people
from shared.web.app import deps
from services.review.entrypoints import schemas
from services.review.entrypoints.console import (PAGE_SIZE, back, blueprint, handled, missing,
                                                 number_arg, refusal_text, render, start_job)
from services.review.handlers import queue, screening as screening_handlers

screening = blueprint("console_screening", __name__)
PATH = "/<cid>/penyaringan/<stage>"


@people.page(screening.get(PATH), "admin",
             "Secretariat console: the screening queue, the proposal beside the decision",
             errors=(404, 409))
def queue_page(cid, stage, errors=None, status=200):
    show = request.args.get("tampil", "undecided")
    show = show if show in queue.SHOWS else "undecided"
    return handled(lambda: queue.page(deps().store, cid, stage, show, number_arg("halaman"), PAGE_SIZE,
                                      request.args.get("lihat")),
                   "screening.html", status, errors, form=request.form)


@people.page(screening.post(PATH + "/keputusan"), "admin",
             "Secretariat console: record one screening decision, then the next entry",
             errors=(404, 409, 422))
def decide_one(cid, stage):
    entry_id = request.form.get("entry_id", "")
    decision, errors = _decision(entry_id)
    if errors:
        return _again(cid, stage, errors)
    try:
        screening_handlers.screen(deps().store, cid, stage, [decision], g.principal, g.request_id)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return _again(cid, stage, {"entry_id": [refusal_text(exc)]}, exc.status)
    following = request.form.get("next") or None
    return back("console_screening.queue_page", "screened", cid=cid, stage=stage, lihat=following,
                tampil=request.form.get("tampil") or None, entry=entry_id)


@people.page(screening.post(PATH + "/massal"), "admin",
             "Secretariat console: one decision for many entries (the selected, or every undecided one), as a job",
             errors=(404, 409, 422))
def decide_many(cid, stage):
    try:
        ids = request.form.getlist("entry_id") if request.form.get("scope") != "undecided" else \
            queue.undecided(deps().store, cid, stage)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return render("message.html", exc.status, key="refused", detail=refusal_text(exc))
    if not ids:
        return _again(cid, stage, {"scope": ["none_chosen"]})
    decisions, errors = [], {}
    for entry_id in ids:
        decision, errors = _decision(entry_id)
        if errors:
            return _again(cid, stage, errors)
        decisions.append(decision)
    return start_job("screening", cid, stage,
                     lambda store, principal, request_id, progress: screening_handlers.screen(
                         store, cid, stage, decisions, principal, request_id, progress),
                     url_for("console_screening.queue_page", cid=cid, stage=stage), count=len(decisions))


def _decision(entry_id: str) -> tuple[dict | None, dict]:
    """The form's decision for `entry_id`, checked as the API checks it; else the errors by field."""
    choice = request.form.get("reason_choice", "")
    reason = request.form.get("reason", "").strip() if choice in ("", "other") else choice
    body = {"entry_id": entry_id, "decision": request.form.get("decision", ""), "reason": reason or None}
    try:
        return schemas.Decision().load(body), {}
    except ValidationError as exc:
        return None, flatten_errors(exc.messages)


def _again(cid: str, stage: str, errors: dict, status: int = 422):
    """The queue again, the form's values kept and what is wrong at its field."""
    return queue_page.__wrapped__(cid, stage, errors=errors, status=status)
