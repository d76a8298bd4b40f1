"""The console's stage results: the shortlist proposal with each pick's reason and the quota table, publishing
it (a job), objections with uphold/reject and the promoted replacement, and the final stage's awards."""
from __future__ import annotations

from flask import g, request, url_for

from shared.errors import NotFound, RuleBroken
from shared.web import people
from shared.web.openapi import doc
from services.review.domain.results import AWARD
from services.review.entrypoints.common import deps
from services.review.entrypoints.console import back, blueprint, handled, missing, start_job
from services.review.handlers import awards as award_handlers, objections, results, standings

outcomes = blueprint("console_results", __name__)
SHORTLIST, OBJECTIONS = "/<cid>/daftar-pendek/<stage>", "/<cid>/sanggahan/<stage>"


@outcomes.get(SHORTLIST)
@doc("Secretariat console: a closed stage's shortlist, each pick's reason, the quota table (session cookie)",
     errors=(404, 409), page=True)
@people.person_required("admin")
def shortlist(cid, stage, errors=None, status=200):
    return handled(lambda: standings.shortlist(deps().store, cid, stage), "shortlist.html", status, errors)


@outcomes.post(SHORTLIST + "/usulan")
@doc("Secretariat console: propose the Top N under the quotas (session cookie)", errors=(404, 409), page=True)
@people.person_required("admin")
def propose(cid, stage):
    try:
        results.propose(deps().store, cid, stage, g.principal)
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return shortlist.__wrapped__(cid, stage, errors={"shortlist": [exc.detail]}, status=exc.status)
    return back("console_results.shortlist", "proposed", cid=cid, stage=stage)


@outcomes.post(SHORTLIST + "/umumkan")
@doc("Secretariat console: publish the shortlist (advanced/eliminated for every entry), as a job (session cookie)",
     errors=(404, 409), page=True)
@people.person_required("admin")
def publish(cid, stage):
    return start_job("publish", cid, stage,
                     lambda store, principal, request_id, progress: results.publish(store, cid, stage, principal,
                                                                                    request_id),
                     url_for("console_results.shortlist", cid=cid, stage=stage))


@outcomes.get(OBJECTIONS)
@doc("Secretariat console: objections to a published shortlist, to uphold or reject (session cookie)",
     errors=(404, 409), page=True)
@people.person_required("admin")
def objection_list(cid, stage, errors=None, status=200):
    return handled(lambda: standings.objections(deps().store, cid, stage), "objections.html", status, errors,
                   form=request.form)


@outcomes.post(OBJECTIONS + "/<oid>")
@doc("Secretariat console: uphold (the next candidate moves up) or reject an objection, with a reason "
     "(session cookie)", errors=(404, 409, 422), page=True)
@people.person_required("admin")
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
        return objection_list.__wrapped__(cid, stage, errors={f"decision-{oid}": [exc.detail]}, status=exc.status)
    promoted = (done.get("promoted") or {}).get("entry_id")
    notice = "rejected" if decision == "rejected" else ("upheld" if promoted else "upheld_warn")
    return back("console_results.objection_list", notice, cid=cid, stage=stage, entry=done.get("removed") or "",
                promoted=promoted or "")


@outcomes.get("/<cid>/penghargaan")
@doc("Secretariat console: the final stage's entries in ranking order and their awards (session cookie)",
     errors=(404,), page=True)
@people.person_required("admin")
def award_list(cid, errors=None, status=200):
    return handled(lambda: standings.awards(deps().store, cid), "awards.html", status, errors, form=request.form)


@outcomes.post("/<cid>/penghargaan")
@doc("Secretariat console: give an award to the chosen entries (kipp.entry.awarded each) (session cookie)",
     errors=(404, 409, 422), page=True)
@people.person_required("admin")
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
        return award_list.__wrapped__(cid, errors=exc.errors or {"entry_id": [exc.detail]}, status=exc.status)
    return back("console_results.award_list", "awarded", cid=cid, n=done["recorded"])
