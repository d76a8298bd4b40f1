"""Processed-event de-duplication under a unique index (DESIGN §7)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable

from pymongo.database import Database

from shared.mongo.claims import insert_once

COLLECTION = "processed_events"


def already_processed(db: Database, event_id: str) -> bool:
    return db[COLLECTION].find_one({"_id": event_id}, {"_id": 1}) is not None


def mark_processed(db: Database, event: dict) -> None:
    insert_once(db[COLLECTION], {"_id": event["id"], "type": event["type"], "at": datetime.now(timezone.utc)})


def apply_once(db: Database, event: dict, apply: Callable[[dict], None]) -> bool:
    """Run `apply(event)` unless this event id was processed before; True if it ran.

    `apply` itself must be idempotent for the narrow case of a crash between applying and
    marking (upserts keyed by id, revision checks); the mark makes every later copy a no-op.
    """
    if already_processed(db, event["id"]):
        return False
    apply(event)
    mark_processed(db, event)
    return True
