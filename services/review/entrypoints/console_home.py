"""The console's home (/konsol/): every competition with its stages and their progress; a competition's
own page; and a job's page, which shows a long piece of work's progress."""
from __future__ import annotations

from shared.web import people
from shared.web.app import deps
from services.review.entrypoints.console import blueprint, handled
from services.review.handlers import jobs, overview

home = blueprint("console", __name__, static=True)


@people.page(home.get("/"), "admin",
             "Secretariat console: the competitions with their stages and progress")
def index():
    return handled(lambda: overview.competitions(deps().store), "home.html")


@people.page(home.get("/<cid>/"), "admin",
             "Secretariat console: one competition, its stages and what to do next", errors=(404,))
def competition(cid):
    return handled(lambda: overview.competition(deps().store, cid), "competition.html")


@people.page(home.get("/tugas/<job_id>"), "admin",
             "Secretariat console: a long job's progress (bulk screening, assignment, closing, releasing)",
             errors=(404,))
def job(job_id):
    return handled(lambda: jobs.read(deps().store, job_id), "job.html")
