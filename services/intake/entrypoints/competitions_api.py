"""Competition definitions over HTTP (DESIGN §4, §5): thin routes."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request

from shared.auth.guards import require
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.problem import invalid
from services.intake import handlers
from services.intake.entrypoints import schemas
from services.intake.entrypoints.paging import decode_cursor, page

api = Blueprint("competitions", __name__, url_prefix="/api/v1")
ANY_ROLE = ("region", "judge", "ministry", "admin")


def deps():
    return current_app.extensions["deps"]


@api.put("/competitions/<cid>")
@require("admin")
@doc("Create or replace a competition definition; publishes kipp.competition.published when it changed",
     body=schemas.Competition, response=schemas.Competition, errors=(400, 401, 403, 409, 413, 415, 422, 503))
def put_competition(cid):
    definition = load(schemas.Competition())
    if definition["id"] != cid:
        raise invalid({"id": [f"must equal the id in the path, {cid}"]})
    return jsonify(handlers.put_competition(deps(), definition, g.request_id))


@api.get("/competitions")
@require(*ANY_ROLE)
@doc("List competition definitions", query=schemas.ListQuery, response=schemas.CompetitionPage,
     errors=(401, 422, 503))
def list_competitions():
    query = load(schemas.ListQuery(), request.args.to_dict())
    items, last = handlers.list_competitions(deps(), decode_cursor(query.get("cursor")), query["limit"])
    return jsonify(page(items, last))


@api.get("/competitions/<cid>")
@require(*ANY_ROLE)
@doc("Read a competition definition", response=schemas.Competition, errors=(401, 404, 503))
def get_competition(cid):
    return jsonify(handlers.get_competition(deps(), cid))
