"""review's stage-results API: shortlists, objections, awards."""
from __future__ import annotations

from flask import Blueprint, g, jsonify

from shared.auth.guards import current_principal, require
from shared.web.bodies import load
from shared.web.idempotency import idempotent
from shared.web.openapi import doc
from shared.web.app import deps
from services.review.entrypoints import schemas
from services.review.entrypoints.common import STAGE
from services.review.handlers import awards, objections, results

outcomes = Blueprint("review_results", __name__, url_prefix="/api/v1")


@outcomes.post(STAGE + "/shortlist")
@require("admin")
@doc("Propose the Top N of a closed stage under the quotas", errors=(401, 403, 404, 409, 422))
def propose(cid, stage):
    return jsonify(results.propose(deps().store, cid, stage, current_principal()))


@outcomes.get(STAGE + "/shortlist")
@require("admin", "ministry")
@doc("The stage's shortlist, proposed or published, with its objection window", errors=(401, 403, 404, 409))
def read_shortlist(cid, stage):
    return jsonify(results.read(deps().store, cid, stage))


@outcomes.post(STAGE + "/shortlist/publish")
@require("admin")
@doc("Publish the shortlist: kipp.entry.advanced / eliminated; the objection window opens", errors=(401, 403, 404, 409))
def publish(cid, stage):
    return jsonify(results.publish(deps().store, cid, stage, current_principal(), g.request_id))


@outcomes.post(STAGE + "/objections")
@require("region")
@idempotent("review:objections")
@doc("Object to a shortlisted entry while the window is open", body=schemas.ObjectionBody, status=201,
     errors=(400, 401, 403, 404, 409, 415, 422))
def file_objection(cid, stage):
    body = load(schemas.ObjectionBody())
    return jsonify(objections.file(deps().store, cid, stage, body["entry_id"], body["reason"], current_principal(),
                                   g.request_id)), 201


@outcomes.get(STAGE + "/objections")
@require("admin", "ministry")
@doc("The objections filed against a stage's shortlist", errors=(401, 403, 404))
def list_objections(cid, stage):
    return jsonify(items=objections.of_stage(deps().store, cid, stage), next_cursor=None)


@outcomes.get("/objections/<oid>")
@require("admin", "ministry", "region")
@doc("One objection (a region sees only its own)", errors=(401, 403, 404))
def read_objection(oid):
    return jsonify(objections.read(deps().store, oid, current_principal()))


@outcomes.post("/objections/<oid>/resolve")
@require("admin")
@doc("Uphold (entry removed, next candidate promoted) or reject an objection, with a reason",
     body=schemas.Resolution, errors=(400, 401, 403, 404, 409, 415, 422))
def resolve(oid):
    body = load(schemas.Resolution())
    return jsonify(objections.resolve(deps().store, oid, body["decision"], body["reason"], current_principal(),
                                      g.request_id))


@outcomes.post("/competitions/<cid>/awards")
@require("admin")
@idempotent("review:awards")
@doc("Mark award tiers after the last scored stage; kipp.entry.awarded each", body=schemas.Awards,
     errors=(400, 401, 403, 404, 409, 415, 422))
def give_awards(cid):
    body = load(schemas.Awards())
    return jsonify(awards.award(deps().store, cid, body["awards"], current_principal(), g.request_id))
