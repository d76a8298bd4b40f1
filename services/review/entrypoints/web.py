"""review's web app: the admin and judges' API, the judges' web UI under /judge/, the secretariat's console
under /konsol/."""
from __future__ import annotations

from shared.web import people
from shared.web.app import create_base_app
from shared.web.readiness import Readiness
from services.review import config
from services.review.bootstrap import CONSUMED, OUTBOXES, Deps, bootstrap
from services.review.domain.errors import FieldErrors
from services.review.entrypoints.api import api
from services.review.entrypoints.api_panels import panel_api
from services.review.entrypoints.api_results import outcomes
from services.review.entrypoints.api_work import work
from services.review.entrypoints.common import on_field_errors
from services.review.entrypoints.console_assignment import assignment
from services.review.entrypoints.console_audit import audit
from services.review.entrypoints.console_home import home
from services.review.entrypoints.console_judges import judges
from services.review.entrypoints.console_results import outcomes as console_outcomes
from services.review.entrypoints.console_screening import screening
from services.review.entrypoints.judge import judge
from services.review.entrypoints.objection import keberatan

CONSOLE = (home, screening, judges, assignment, console_outcomes, audit)


def create_app(settings=None, deps_override: Deps | None = None):
    """The review web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("review", "KIPP review API", wired.public_key,
                          Readiness(settings, wired.db, CONSUMED, OUTBOXES), settings=settings)
    app.extensions["deps"] = wired
    people.init_app(app, settings, wired.db["sessions"], home="/judge/")
    app.register_error_handler(FieldErrors, on_field_errors)
    for blueprint in (api, panel_api, work, outcomes, judge, keberatan, *CONSOLE):
        app.register_blueprint(blueprint)
    return app
