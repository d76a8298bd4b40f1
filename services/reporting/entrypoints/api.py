"""reporting's API: thin routes over the in-memory snapshots of the read model."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from shared.auth.guards import require
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.app import deps
from services.reporting.handlers import queries
from services.reporting.adapters.snapshots import Snapshots
from services.reporting.entrypoints import dashboard, exports, schemas

api = Blueprint("reporting", __name__, url_prefix="/api/v1")
READERS = dashboard.READERS
ERRORS = (401, 403, 404, 422, 503)


def snapshots() -> Snapshots:
    return current_app.extensions["snapshots"]


def rankings_query() -> dict:
    return load(schemas.RankingsQuery(), request.args.to_dict())


def export(cid: str, extension: str, mimetype: str, stream) -> Response:
    """The stage's ranking as a download; `stream(definition, stage, rows)` yields the file's bytes."""
    definition, stage, rows = queries.export_rows(snapshots(), cid, rankings_query())
    return Response(stream(definition, stage, rows), mimetype=mimetype,
                    headers={"Content-Disposition": exports.attachment(cid, stage, extension)})


@api.get("/competitions/<cid>/rankings")
@require(*READERS)
@doc("Ranked entries of a stage (DESIGN §6 order), filtered and paged by cursor", query=schemas.RankingsQuery,
     response=schemas.RankingsPage, errors=ERRORS)
def get_rankings(cid):
    return jsonify(queries.rankings_page(snapshots(), cid, rankings_query()))


@api.get("/competitions/<cid>/rankings.csv")
@require(*READERS)
@doc("The ranking as CSV (UTF-8 with BOM, headers in Bahasa Indonesia), streamed", query=schemas.ExportQuery,
     errors=ERRORS)
def get_rankings_csv(cid):
    return export(cid, "csv", "text/csv", lambda definition, _stage, rows: exports.csv_stream(definition, rows))


@api.get("/competitions/<cid>/rankings.xlsx")
@require(*READERS)
@doc("The ranking as an Excel workbook, streamed", query=schemas.ExportQuery, errors=ERRORS)
def get_rankings_xlsx(cid):
    return export(cid, "xlsx", exports.XLSX,
                  lambda definition, stage, rows: exports.xlsx_stream(definition, rows, f"Peringkat {stage}"))


@api.get("/competitions/<cid>/summary")
@require(*READERS)
@doc("Counts by status, province, category, cluster and day (Asia/Jakarta); judging progress",
     response=schemas.Summary, errors=ERRORS)
def get_summary(cid):
    return jsonify(queries.competition_summary(snapshots(), cid))


@api.get("/entries/<entry_id>/scorecard")
@require(*READERS)
@doc("Each judge's scores for an entry per stage, raw and normalised, with every revision", errors=ERRORS)
def get_scorecard(entry_id):
    return jsonify(queries.entry_scorecard(snapshots(), deps().store(), entry_id))
