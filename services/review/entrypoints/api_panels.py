"""review's API for panels (who may be drawn for a stage), reminders to late judges, and the console's jobs."""
from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from shared.auth.guards import current_principal, require
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.app import deps
from services.review.entrypoints import schemas
from services.review.entrypoints.common import STAGE
from services.review.handlers import jobs, panels, reminders

panel_api = Blueprint("review_panels", __name__, url_prefix="/api/v1")


@panel_api.get(STAGE + "/panel")
@require("admin")
@doc("The stage's panel: the judges appointed to it, the only ones assignment draws", response=schemas.PanelPage,
     errors=(401, 403, 404, 409))
def read_panel(cid, stage):
    return jsonify(competition_id=cid, stage=stage, items=panels.panel(deps().store, cid, stage), next_cursor=None)


@panel_api.put(STAGE + "/panel/<judge_id>")
@require("admin")
@doc("Appoint a registered judge to the stage's panel; kipp.judge.appointed (201 when new, 200 when already on it)",
     status=201, errors=(401, 403, 404, 409))
def appoint(cid, stage, judge_id):
    found, created = panels.appoint(deps().store, cid, stage, judge_id, current_principal(), g.request_id)
    return jsonify(found), (201 if created else 200)


@panel_api.delete(STAGE + "/panel/<judge_id>")
@require("admin")
@doc("Release a judge from the stage's panel; kipp.judge.released; their unscored work passes to the panel",
     body=schemas.Release, errors=(401, 403, 404, 409, 415, 422))
def release(cid, stage, judge_id):
    body = load(schemas.Release()) if request.content_length else {}
    return jsonify(panels.release(deps().store, cid, stage, judge_id, body.get("reason"), current_principal(),
                                  g.request_id, deps().due_days))


@panel_api.post(STAGE + "/reminders")
@require("admin")
@doc("Remind a judge of their late assignments: kipp.judge.reminded, which notify mails", body=schemas.Reminder,
     status=201, errors=(400, 401, 403, 404, 409, 415, 422))
def remind(cid, stage):
    body = load(schemas.Reminder())
    return jsonify(reminders.remind(deps().store, cid, stage, body["judge_id"], current_principal(),
                                    g.request_id)), 201


@panel_api.get("/jobs/<job_id>")
@require("admin")
@doc("A console job (bulk screening, assignment run, stage close, release): status and progress",
     response=schemas.Job, errors=(401, 403, 404))
def read_job(job_id):
    return jsonify(jobs.read(deps().store, job_id))
