"""Competition definitions over HTTP (DESIGN §4, §5): thin routes."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from shared.auth.guards import require
from shared.paging import decode_cursor, is_id, reply
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.problem import invalid
from shared.web.app import deps
from services.intake.handlers import competitions as competition_handlers
from services.intake.entrypoints import schemas

api = Blueprint("competitions", __name__, url_prefix="/api/v1")
ANY_ROLE = ("region", "judge", "ministry", "admin")


@api.put("/competitions/<cid>")
@require("admin")
@doc("Create or replace a competition definition; publishes kipp.competition.published when it changed",
     body=schemas.Competition, response=schemas.Competition, errors=(400, 401, 403, 409, 413, 415, 422, 503))
def put_competition(cid):
    definition = load(schemas.Competition())
    if definition["id"] != cid:
        raise invalid({"id": [f"must equal the id in the path, {cid}"]})
    return jsonify(competition_handlers.put_competition(deps(), definition, g.request_id))


@api.get("/competitions")
@require(*ANY_ROLE)
@doc("List competition definitions", query=schemas.ListQuery, response=schemas.CompetitionPage,
     errors=(401, 422, 503))
def list_competitions():
    query = load(schemas.ListQuery(), request.args.to_dict())
    items, last = competition_handlers.list_competitions(deps(), decode_cursor(query.get("cursor"), is_id), query["limit"])
    return jsonify(reply(items, last))


@api.get("/competitions/<cid>")
@require(*ANY_ROLE)
@doc("Read a competition definition", response=schemas.Competition, errors=(401, 404, 503))
def get_competition(cid):
    return jsonify(competition_handlers.get_competition(deps(), cid))
