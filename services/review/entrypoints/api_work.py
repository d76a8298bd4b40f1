"""The judges' API: their assignments, scoring with revisions, recusal."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from shared.auth.guards import current_principal, require
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.app import deps
from services.review.entrypoints import schemas
from services.review.entrypoints.common import page_args
from services.review.handlers import listing, scoring

work = Blueprint("review_work", __name__, url_prefix="/api/v1")
FILTERS = ("competition_id", "stage", "status", "entry_id", "judge_id")


@work.get("/assignments")
@require("judge", "admin")
@doc("Assignments (a judge sees their own) with progress counts", response=schemas.AssignmentPage, errors=(401, 403, 422),
     query=schemas.AssignmentQuery)
def list_assignments():
    filters = {key: request.args.get(key) for key in FILTERS}
    return jsonify(listing.list_page(deps().store, current_principal(), filters, *page_args()))


@work.get("/assignments/<aid>")
@require("judge", "admin")
@doc("An assignment: the entry as the judge may see it, and the rubric", errors=(401, 403, 404))
def read_assignment(aid):
    return jsonify(scoring.read(deps().store, aid, current_principal()))


@work.put("/assignments/<aid>/score")
@require("judge")
@doc("Score an assignment (a new revision each time the scores change)", body=schemas.Score,
     response=schemas.AssignmentOut, errors=(400, 401, 403, 404, 409, 415, 422))
def score(aid):
    body = load(schemas.Score())
    result = scoring.score(deps().store, aid, body["scores"], body.get("comment") or "", current_principal(),
                           g.request_id)
    return jsonify(result)


@work.post("/assignments/<aid>/recuse")
@require("judge")
@doc("Recuse from an assignment; the entry is reassigned to another valid judge", body=schemas.Recusal,
     errors=(400, 401, 403, 404, 409, 415, 422))
def recuse(aid):
    body = load(schemas.Recusal())
    return jsonify(scoring.recuse(deps().store, aid, body["reason"], current_principal(), g.request_id,
                                  deps().due_days))
