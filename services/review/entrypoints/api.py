"""review's admin API: judges, screening, assignment, stages, the audit trail."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from shared import paging
from shared.auth.guards import current_principal, require
from shared.web.bodies import load
from shared.web.idempotency import idempotent
from shared.web.openapi import doc
from shared.web.app import deps
from services.review.domain import audit, judges
from services.review.entrypoints import schemas
from services.review.entrypoints.common import STAGE, page_args
from services.review.handlers import assigning, judges as judge_handlers, screening, stages

api = Blueprint("review_admin", __name__, url_prefix="/api/v1")


@api.post("/judges")
@require("admin")
@idempotent("review:judges")
@doc("Register a judge", body=schemas.Judge, response=schemas.JudgeOut, status=201,
     errors=(400, 401, 403, 409, 415, 422))
def register_judge():
    judge, created = judge_handlers.register(deps().store, load(schemas.Judge()), current_principal(), g.request_id)
    return jsonify(judges.public_view(judge)), (201 if created else 200)


@api.get("/judges")
@require("admin")
@doc("List judges", response=schemas.Page, errors=(401, 403, 422))
def list_judges():
    found, last = judge_handlers.list_page(deps().store, *page_args())
    return jsonify(paging.reply([judges.public_view(j) for j in found], last))


@api.get("/competitions/<cid>/entries")
@require("admin")
@doc("Entries in review (review's copy), optionally only those taking part in ?stage=", errors=(401, 403, 404))
def list_entries(cid):
    found, last = stages.entries_in(deps().store, cid, request.args.get("stage"), request.args.get("status"),
                                    *page_args())
    return jsonify(paging.reply(found, last))


@api.post(STAGE + "/screenings")
@require("admin")
@idempotent("review:screenings")
@doc("Record screening decisions in bulk (all or none)", body=schemas.Screenings,
     errors=(400, 401, 403, 404, 409, 415, 422))
def screen(cid, stage):
    body = load(schemas.Screenings(), _as_object("decisions"))
    return jsonify(screening.screen(deps().store, cid, stage, body["decisions"], current_principal(), g.request_id))


@api.post(STAGE + "/assignments")
@require("admin")
@idempotent("review:assignments")
@doc("Assign judges to every entry of a scored stage (all or nothing; a re-run fills gaps)",
     body=schemas.Assign, status=201, errors=(400, 401, 403, 404, 409, 415, 422))
def assign(cid, stage):
    body = load(schemas.Assign()) if request.content_length else {}
    result = assigning.assign_stage(deps().store, cid, stage, body.get("judges_per_entry"), current_principal(),
                                    g.request_id, deps().due_days)
    return jsonify(result), 201


@api.get(STAGE)
@require("admin", "ministry")
@doc("A stage's state and progress", errors=(401, 403, 404))
def stage_state(cid, stage):
    return jsonify(stages.state(deps().store, cid, stage))


@api.post(STAGE + "/close")
@require("admin")
@doc("Close a stage: lock its scores and emit kipp.stage.closed", body=schemas.Close, errors=(401, 403, 404, 422))
def close_stage(cid, stage):
    body = load(schemas.Close()) if request.content_length else {}
    return jsonify(stages.close(deps().store, cid, stage, body.get("reason"), current_principal(), g.request_id))


@api.get("/competitions/<cid>/audit")
@require("admin", "ministry")
@doc("The audit trail of the competition's decisions: who, when, why", response=schemas.Page, errors=(401, 403, 422))
def audit_trail(cid):
    limit, after = page_args()
    found, last = paging.cut(deps().store.list_audit(cid, limit + 1, after), limit, lambda r: r["_id"])
    return jsonify(paging.reply([audit.public_view(r) for r in found], last))


def _as_object(key: str):
    """Accept a bare JSON list as {key: list}."""
    body = request.get_json(silent=True)
    return {key: body} if isinstance(body, list) else None
