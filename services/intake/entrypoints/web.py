"""intake's web app: the base app of shared/, intake's API blueprints and the region portal."""
from __future__ import annotations

from shared.web import people
from shared.web.app import create_base_app
from shared.web.readiness import Readiness
from services.intake import config
from services.intake.bootstrap import CONSUMED, Deps, bootstrap
from services.intake.entrypoints import api_competitions, console, api_entries
from services.intake.entrypoints.portal import portal
from services.intake.entrypoints.portal_entry import entry_pages


def create_app(settings=None, deps_override: Deps | None = None):
    """The intake web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("intake", "KIPP intake API", wired.public_key,
                          Readiness(settings, wired.db, CONSUMED, ["competitions", "entries"]), settings=settings)
    app.extensions["deps"] = wired
    app.register_blueprint(api_competitions.api)
    app.register_blueprint(api_entries.api)
    app.register_blueprint(console.console)
    people.init_app(app, settings, wired.db["sessions"], home="/portal/")
    app.register_blueprint(portal)
    app.register_blueprint(entry_pages)
    return app
