"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

from pathlib import Path

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.intake.adapters.claims import Claims
from services.intake.adapters.files import AttachmentFiles
from services.intake.adapters.outcomes import Outcomes
from services.intake.adapters.store import Store
from services.intake.ports import Deps

CONSUMED = ["reviews", "accounts"]  # topics the worker reads


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    store = Store(db)
    return Deps(settings=settings, db=db, store=store, claims=Claims(db, store),
                files=AttachmentFiles(db), outcomes=Outcomes(db), public_key=Path(settings.jwt_public_key_file).read_bytes())
