"""The console's judges: the registry (/konsol/juri: list, register) and a stage's panel
(/konsol/<cid>/panel/<stage>: appoint from the registry, release, each judge's declared conflicts)."""
from __future__ import annotations

from flask import g, request, url_for
from marshmallow import ValidationError

from shared.errors import NotFound, RuleBroken
from shared.web.problem import flatten_errors
from shared.web import people
from shared.web.app import deps
from services.review.domain import judges as judge_rules
from services.review.entrypoints import schemas
from services.review.entrypoints.console import (back, blueprint, form_errors, handled, refusal_text, render,
                                                 start_job)
from services.review.handlers import judges as judge_handlers, oversight, panels

judges = blueprint("console_judges", __name__)
PANEL = "/<cid>/panel/<stage>"
LISTS = ("expertise", "conflicts", "competitions", "stages")


@people.page(judges.get("/juri"), "admin",
             "Secretariat console: the judges' registry and the form to register one")
def registry(errors=None, status=200):
    store = deps().store
    found = [{**judge_rules.public_view(j), "panels": _panels_of(store, j["_id"])}
             for j in store.all_judges(include_inactive=True)]
    return render("judges.html", status, data={"judges": found}, errors=errors or {}, form=request.form)


@people.page(judges.post("/juri"), "admin",
             "Secretariat console: register a judge (the registry's address becomes a sign-in account)",
             errors=(409, 422))
def register():
    body = {key: value.strip() for key, value in request.form.items() if key != "csrf" and key not in LISTS}
    body.update({key: _listed(request.form.get(key, "")) for key in LISTS})
    body["affiliation_region"] = body.get("affiliation_region") or None
    try:
        judge, created = judge_handlers.register(deps().store, schemas.Judge().load(body), g.principal, g.request_id)
    except ValidationError as exc:
        return registry.__wrapped__(errors=flatten_errors(exc.messages), status=422)
    except RuleBroken as exc:
        return registry.__wrapped__(errors=form_errors(exc, "id"), status=exc.status)
    return back("console_judges.registry", "registered" if created else "unchanged", judge=judge["_id"])


@people.page(judges.get(PANEL), "admin",
             "Secretariat console: a stage's panel beside the registry, with declared conflicts",
             errors=(404, 409))
def panel(cid, stage, errors=None, status=200):
    return handled(lambda: oversight.panel_view(deps().store, cid, stage), "panel.html", status, errors)


@people.page(judges.post(PANEL + "/angkat"), "admin",
             "Secretariat console: appoint the chosen judges to the stage's panel",
             errors=(404, 409, 422))
def appoint(cid, stage):
    chosen = request.form.getlist("judge_id")
    if not chosen:
        return panel.__wrapped__(cid, stage, errors={"judge_id": ["none_chosen"]}, status=422)
    errors, added = {}, 0
    for judge_id in chosen:
        try:
            added += panels.appoint(deps().store, cid, stage, judge_id, g.principal, g.request_id)[1]
        except (NotFound, RuleBroken) as exc:
            errors[judge_id] = [refusal_text(exc)]
    if errors:
        return panel.__wrapped__(cid, stage, errors=errors, status=409)
    return back("console_judges.panel", "appointed", cid=cid, stage=stage, n=added)


@people.page(judges.post(PANEL + "/lepas/<judge_id>"), "admin",
             "Secretariat console: release a judge from the panel; their unscored work passes on, as a job",
             errors=(404, 409))
def release(cid, stage, judge_id):
    due, reason = deps().due_days, request.form.get("reason", "").strip() or None
    return start_job("release", cid, stage,
                     lambda store, principal, request_id, progress: panels.release(
                         store, cid, stage, judge_id, reason, principal, request_id, due, progress),
                     url_for("console_judges.panel", cid=cid, stage=stage), judge_id=judge_id)


def _listed(text: str) -> list[str]:
    """A comma- or line-separated field as a list of its non-empty items."""
    return [item.strip() for item in text.replace("\n", ",").split(",") if item.strip()]


def _panels_of(store, judge_id: str) -> list[dict]:
    return [{"competition_id": a["competition_id"], "stage": a["stage"]} for a in store.panels.of_judge(judge_id)
            if a.get("status") == "appointed"]
