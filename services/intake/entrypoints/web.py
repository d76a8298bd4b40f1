"""intake's web app: the base app of shared/, intake's two blueprints and its own problem mappings."""
from __future__ import annotations

from shared.web.app import create_base_app
from shared.web.problem import Problem, problem_response
from shared.web.readiness import Readiness
from services.intake import config
from services.intake.bootstrap import Deps, bootstrap
from services.intake.domain.errors import Ineligible
from services.intake.entrypoints import competitions_api, entries_api


def create_app(settings=None, deps_override: Deps | None = None):
    """The intake web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("intake", "KIPP intake API", wired.public_key,
                          Readiness(settings, wired.db, ["reviews"], ["competitions", "entries"]))
    app.extensions["deps"] = wired
    app.register_blueprint(competitions_api.api)
    app.register_blueprint(entries_api.api)
    _install_problems(app)
    return app


def _install_problems(app) -> None:
    @app.errorhandler(Ineligible)
    def on_ineligible(exc: Ineligible):
        violations = [{"rule": v.rule, "field": v.field, "detail": v.detail} for v in exc.violations]
        return problem_response(Problem(422, detail=exc.detail, rule=exc.rule, errors=exc.errors(),
                                        violations=violations))
