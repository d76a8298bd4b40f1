"""reporting's web app: the base app of shared/, the API and the ministry's dashboard."""
from __future__ import annotations

from shared.web import people
from shared.web.app import create_base_app
from shared.web.readiness import Readiness
from services.reporting import config
from services.reporting.adapters.snapshots import Snapshots
from services.reporting.bootstrap import CONSUMED, Deps, bootstrap
from services.reporting.entrypoints import dashboard
from services.reporting.entrypoints.api import api


def create_app(settings=None, deps_override: Deps | None = None):
    """The reporting web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("reporting", "KIPP reporting API", wired.public_key,
                          Readiness(settings, wired.db, CONSUMED), settings=settings)
    app.extensions["deps"] = wired
    app.extensions["snapshots"] = Snapshots(wired.catalog)
    app.register_blueprint(api)
    people.init_app(app, settings, wired.db["sessions"], home="/dashboard/")
    app.register_blueprint(dashboard.pages)
    return app
