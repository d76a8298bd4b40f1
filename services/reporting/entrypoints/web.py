"""reporting's HTTP API: thin routes over the read model."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from marshmallow import ValidationError

from shared.auth.guards import require
from shared.web.app import create_base_app
from shared.web.openapi import doc
from shared.web.problem import invalid
from shared.web.readiness import Readiness
from services.reporting import config, handlers
from services.reporting.bootstrap import Deps, bootstrap
from services.reporting.entrypoints import dashboard, exports, schemas

api = Blueprint("reporting", __name__, url_prefix="/api/v1")
READERS = ("ministry", "admin")


def deps() -> Deps:
    return current_app.extensions["deps"]


def snapshots() -> handlers.Snapshots:
    return current_app.extensions["snapshots"]


def rankings_query() -> dict:
    try:
        return schemas.RankingsQuery().load(request.args)
    except ValidationError as exc:
        raise invalid(exc.messages) from exc


@api.get("/competitions/<cid>/rankings")
@require(*READERS)
@doc("Ranked entries of a stage", query=schemas.RankingsQuery, response=schemas.RankingsPage,
     errors=(401, 403, 404, 422))
def get_rankings(cid):
    return jsonify(handlers.rankings_page(snapshots(), deps().store(), cid, rankings_query()))


@api.get("/competitions/<cid>/rankings.csv")
@require(*READERS)
@doc("The rankings as CSV (UTF-8, headers in Bahasa Indonesia)", query=schemas.RankingsQuery, errors=(401, 403, 404, 422))
def get_rankings_csv(cid):
    stage, rows = handlers.all_rows(snapshots(), deps().store(), cid, rankings_query())
    return Response(exports.csv_stream(rows), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="peringkat-{cid}-{stage}.csv"'})


@api.get("/competitions/<cid>/rankings.xlsx")
@require(*READERS)
@doc("The rankings as an Excel workbook", query=schemas.RankingsQuery, errors=(401, 403, 404, 422))
def get_rankings_xlsx(cid):
    stage, rows = handlers.all_rows(snapshots(), deps().store(), cid, rankings_query())
    return Response(exports.xlsx_stream(rows, f"Peringkat {stage}"),
                    mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f'attachment; filename="peringkat-{cid}-{stage}.xlsx"'})


@api.get("/competitions/<cid>/summary")
@require(*READERS)
@doc("Counts by status, province, category, cluster and day; judging progress", errors=(401, 403, 404))
def get_summary(cid):
    return jsonify(handlers.competition_summary(snapshots(), deps().store(), cid))


@api.get("/entries/<entry_id>/scorecard")
@require(*READERS)
@doc("Each judge's scores for an entry, raw and normalised", errors=(401, 403, 404))
def get_scorecard(entry_id):
    return jsonify(handlers.entry_scorecard(snapshots(), deps().store(), entry_id))


def create_app(settings=None, deps_override: Deps | None = None):
    """The reporting web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("reporting", "KIPP reporting API", wired.public_key,
                          Readiness(settings, wired.client[settings.database_name], list(config.CONSUMED)))
    app.extensions["deps"] = wired
    app.extensions["snapshots"] = handlers.Snapshots()
    app.register_blueprint(api)
    app.register_blueprint(dashboard.pages)
    return app
