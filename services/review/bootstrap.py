"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from pathlib import Path

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.review import config
from services.review.adapters.store import Store
from services.review.ports import Deps

CONSUMED = ["competitions", "entries", "accounts"]  # topics the worker reads
OUTBOXES = ["entries", "assignments", "scores", "stages", "judges", "panels", "reminders"]  # collections whose documents carry an outbox


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    return Deps(settings=settings, db=db, store=Store(db),
                public_key=Path(settings.jwt_public_key_file).read_bytes(),
                due_days=config.due_days(settings))

