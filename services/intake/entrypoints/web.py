"""intake's HTTP API: thin routes that validate, call a handler, and map the result."""
from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify

from shared.auth.guards import current_principal, require
from shared.web.app import create_base_app
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.problem import Problem
from shared.web.readiness import Readiness
from services.intake import config, handlers
from services.intake.bootstrap import Deps, bootstrap
from services.intake.domain.entries import public_view
from services.intake.entrypoints import schemas

api = Blueprint("intake", __name__, url_prefix="/api/v1")


def deps() -> Deps:
    return current_app.extensions["deps"]


@api.put("/competitions/<cid>")
@require("admin")
@doc("Create or replace a competition definition", body=schemas.Competition, errors=(400, 401, 403, 415, 422))
def put_competition(cid):
    definition = load(schemas.Competition())
    if definition["id"] != cid:
        raise Problem(422, detail="The id in the body must match the path.", errors={"id": ["must equal " + cid]})
    return jsonify(handlers.put_competition(deps().store, definition, g.request_id))


@api.get("/competitions/<cid>")
@require("region", "judge", "ministry", "admin")
@doc("Read a competition definition", errors=(401, 404))
def get_competition(cid):
    return jsonify(handlers.get_competition(deps().store, cid))


@api.post("/competitions/<cid>/entries")
@require("region")
@doc("Create a draft entry", body=schemas.EntryDraft, response=schemas.Entry, status=201,
     errors=(400, 401, 403, 404, 415, 422))
def create_entry(cid):
    fields = load(schemas.EntryDraft())
    fields["implemented_since"] = fields["implemented_since"].isoformat()
    entry = handlers.create_entry(deps().store, cid, fields, current_principal())
    return jsonify(public_view(entry)), 201


@api.get("/entries/<entry_id>")
@require("region", "ministry", "admin")
@doc("Read an entry", response=schemas.Entry, errors=(401, 403, 404))
def get_entry(entry_id):
    return jsonify(public_view(handlers.get_entry(deps().store, entry_id, current_principal())))


@api.post("/entries/<entry_id>/submit")
@require("region")
@doc("Submit a draft after the eligibility checks", response=schemas.Entry, errors=(401, 403, 404, 409, 422))
def submit_entry(entry_id):
    entry = handlers.submit_entry(deps().store, entry_id, current_principal(), g.request_id)
    return jsonify(public_view(entry))


def create_app(settings=None, deps_override: Deps | None = None):
    """The intake web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("intake", "KIPP intake API", wired.public_key,
                          Readiness(settings, wired.db, [], ["competitions", "entries"]))
    app.extensions["deps"] = wired
    app.register_blueprint(api)
    return app
