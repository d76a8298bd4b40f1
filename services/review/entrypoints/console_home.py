"""The console's home (/konsol/): every competition with its stages and their progress; a competition's
own page; and a job's page, which shows a long piece of work's progress."""
from __future__ import annotations

from shared.web import people
from shared.web.openapi import doc
from services.review.entrypoints.common import deps
from services.review.entrypoints.console import blueprint, handled
from services.review.handlers import jobs, overview

home = blueprint("console", __name__, static=True)


@home.get("/")
@doc("Secretariat console: the competitions with their stages and progress (session cookie)", page=True)
@people.person_required("admin")
def index():
    return handled(lambda: overview.competitions(deps().store), "home.html")


@home.get("/<cid>/")
@doc("Secretariat console: one competition, its stages and what to do next (session cookie)", errors=(404,),
     page=True)
@people.person_required("admin")
def competition(cid):
    return handled(lambda: overview.competition(deps().store, cid), "competition.html")


@home.get("/tugas/<job_id>")
@doc("Secretariat console: a long job's progress (bulk screening, assignment, closing, releasing) (session cookie)",
     errors=(404,), page=True)
@people.person_required("admin")
def job(job_id):
    return handled(lambda: jobs.read(deps().store, job_id), "job.html")
