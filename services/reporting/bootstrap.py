"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from pathlib import Path

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.reporting.adapters.store import Catalog
from services.reporting.ports import Deps

CONSUMED = ["competitions", "entries", "reviews", "notifications", "accounts"]  # topics the worker reads


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    return Deps(settings=settings, db=db, catalog=Catalog(db.client, settings.database_name),
                public_key=Path(settings.jwt_public_key_file).read_bytes())
