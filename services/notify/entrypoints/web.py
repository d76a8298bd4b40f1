"""notify's web app: the base app of shared/, the API and the sign-in desk."""
from __future__ import annotations

from shared.web import people
from shared.web.app import create_base_app
from shared.web.readiness import Readiness
from services.notify import config
from services.notify.bootstrap import CONSUMED, Deps, bootstrap
from services.notify.entrypoints import desk
from services.notify.entrypoints.api import api


class NotifyReadiness(Readiness):
    """The shared checks, with the work list (deliveries not yet sent and published) as the backlog,
    events waiting for their entry, and events held per competition not known yet."""

    def __init__(self, settings, wired: Deps):
        super().__init__(settings, wired.db, CONSUMED)
        self.wired = wired

    def __call__(self) -> dict:
        body = super().__call__()
        if body.get("mongo"):
            body["outbox_backlog"] = self.wired.deliveries.backlog()
            body["parked_events"] = self.wired.store.parked_count()
            body["held_for_competition"] = self.wired.store.held_count()
        return body


def create_app(settings=None, deps_override: Deps | None = None):
    """The notify web app; gunicorn calls this with no arguments."""
    settings = settings or config.load()
    wired = deps_override or bootstrap(settings)
    app = create_base_app("notify", "KIPP notify API", wired.public_key, NotifyReadiness(settings, wired),
                          settings=settings)
    app.extensions["deps"] = wired
    app.register_blueprint(api)
    people.init_app(app, settings, wired.db["sessions"])
    desk.init_app(app, wired)
    return app
