"""notify's web app: the base app of shared/, the API and the sign-in desk."""
from __future__ import annotations

from shared.web import people
from shared.web.app import create_base_app
from shared.web.readiness import Readiness
from services.notify import config
from services.notify.bootstrap import CONSUMED, Deps, bootstrap
from services.notify.entrypoints import desk
from services.notify.entrypoints.api import api


def figures(wired: Deps) -> dict:
    """notify's own figures for /readyz: the work list (deliveries not yet sent and published) as the backlog,
    events waiting for their entry, and events held per competition not known yet."""
    return {"outbox_backlog": wired.deliveries.backlog(), "parked_events": wired.store.parked_count(),
            "held_for_competition": wired.store.held_count()}


def create_app(settings=None, deps_override: Deps | None = None):
    """The notify web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    readiness = Readiness(settings, wired.db, CONSUMED, extra=lambda: figures(wired))
    app = create_base_app("notify", "KIPP notify API", wired.public_key, readiness, settings=settings)
    app.extensions["deps"] = wired
    app.register_blueprint(api)
    people.init_app(app, settings, wired.db["sessions"], home="/masuk/")
    desk.init_app(app, wired)
    return app
