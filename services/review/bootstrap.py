"""Wiring: real adapters from settings. Nothing here runs at import time."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from pymongo.database import Database

from shared.config import Settings
from shared.mongo.client import connect, service_database
from services.review import config
from services.review.adapters.store import Store

CONSUMED = ["competitions", "entries"]  # topics the worker reads
OUTBOXES = ["entries", "assignments", "scores", "stages"]  # collections whose documents carry an outbox


@dataclass
class Deps:
    settings: Settings
    db: Database
    store: Store
    public_key: bytes
    session_secret: str
    due_days: int


def bootstrap(settings: Settings, db: Database | None = None) -> Deps:
    """Build the service's dependencies; tests may pass their own database."""
    db = db if db is not None else service_database(connect(settings.mongo_uri), settings)
    return Deps(settings=settings, db=db, store=Store(db),
                public_key=Path(settings.jwt_public_key_file).read_bytes(),
                session_secret=config.session_secret(settings) or shared_secret(config.session_secret_file(settings)),
                due_days=config.due_days(settings))


def shared_secret(path: Path) -> str:
    """The secret kept in `path`, created once. Every web worker of the host reads the same file,
    so a judge's session cookie signed by one worker is accepted by the others and survives restarts."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        draft.write_text(secrets.token_urlsafe(48))
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # atomic and refuses to overwrite: the first worker's secret wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()
