"""The console's stage results: the shortlist proposal with each pick's reason and the quota table, publishing
it (a job), objections with uphold/reject and the promoted replacement, and the final stage's awards."""
from __future__ import annotations

from flask import g, request, url_for

from shared.errors import NotFound, RuleBroken
from shared.web import people
from shared.web.app import deps
from services.review.domain.results import AWARD
from services.review.entrypoints.console import (back, blueprint, form_errors, handled, missing,
                                                 refusal_text, start_job)
from services.review.handlers import awards as award_handlers, objections, results, standings

outcomes = blueprint("console_results", __name__)
SHORTLIST, OBJECTIONS = "/<cid>/daftar-pendek/<stage>", "/<cid>/sanggahan/<stage>"


@people.page(outcomes.get(SHORTLIST), "admin",
             "Secretariat console: a closed stage's shortlist, each pick's reason, the quota table",
             errors=(404, 409))
def shortlist(cid, stage, errors=None, status=200):
    return handled(lambda: standings.shortlist(deps().store, cid, stage), "shortlist.html", status, errors)


@people.page(outcomes.post(SHORTLIST + "/usulan"), "admin",
             "Secretariat console: propose the Top N under the quotas", errors=(404, 409))
def propose(cid, stage):
    try:
        results.propose(deps().store, cid, stage, g.principal)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return shortlist.__wrapped__(cid, stage, errors={"shortlist": [refusal_text(exc)]}, status=exc.status)
    return back("console_results.shortlist", "proposed", cid=cid, stage=stage)


@people.page(outcomes.post(SHORTLIST + "/umumkan"), "admin",
             "Secretariat console: publish the shortlist (advanced/eliminated for every entry), as a job",
             errors=(404, 409))
def publish(cid, stage):
    return start_job("publish", cid, stage,
                     lambda store, principal, request_id, progress: results.publish(store, cid, stage, principal,
                                                                                    request_id),
                     url_for("console_results.shortlist", cid=cid, stage=stage))


@people.page(outcomes.get(OBJECTIONS), "admin",
             "Secretariat console: objections to a published shortlist, to uphold or reject",
             errors=(404, 409))
def objection_list(cid, stage, errors=None, status=200):
    return handled(lambda: standings.objections(deps().store, cid, stage), "objections.html", status, errors,
                   form=request.form)


@people.page(outcomes.post(OBJECTIONS + "/<oid>"), "admin",
             "Secretariat console: uphold (the next candidate moves up) or reject an objection, with a reason",
             errors=(404, 409, 422))
def resolve(cid, stage, oid):
    decision, reason = request.form.get("decision", ""), request.form.get("reason", "").strip()
    errors = {f"decision-{oid}": ["choose"]} if decision not in ("upheld", "rejected") else {}
    if len(reason) < 3:
        errors[f"reason-{oid}"] = ["reason"]
    if errors:
        return objection_list.__wrapped__(cid, stage, errors=errors, status=422)
    try:
        done = objections.resolve(deps().store, oid, decision, reason, g.principal, g.request_id)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return objection_list.__wrapped__(cid, stage, errors={f"decision-{oid}": [refusal_text(exc)]}, status=exc.status)
    promoted = (done.get("promoted") or {}).get("entry_id")
    notice = "rejected" if decision == "rejected" else ("upheld" if promoted else "upheld_warn")
    return back("console_results.objection_list", notice, cid=cid, stage=stage, entry=done.get("removed") or "",
                promoted=promoted or "")


@people.page(outcomes.get("/<cid>/penghargaan"), "admin",
             "Secretariat console: the final stage's entries in ranking order and their awards",
             errors=(404,))
def award_list(cid, errors=None, status=200):
    return handled(lambda: standings.awards(deps().store, cid), "awards.html", status, errors, form=request.form)


@people.page(outcomes.post("/<cid>/penghargaan"), "admin",
             "Secretariat console: give an award to the chosen entries (kipp.entry.awarded each)",
             errors=(404, 409, 422))
def give(cid):
    chosen, award = request.form.getlist("entry_id"), request.form.get("award", "").strip()
    errors = {} if chosen else {"entry_id": ["none_chosen"]}
    if not AWARD.match(award):
        errors["award"] = ["award"]
    if errors:
        return award_list.__wrapped__(cid, errors=errors, status=422)
    reason = request.form.get("reason", "").strip()[:2000] or None
    items = [{"entry_id": entry_id, "award": award, "reason": reason} for entry_id in chosen]
    try:
        done = award_handlers.award(deps().store, cid, items, g.principal, g.request_id)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return award_list.__wrapped__(cid, errors=form_errors(exc, "entry_id"), status=exc.status)
    return back("console_results.award_list", "awarded", cid=cid, n=done["recorded"])
