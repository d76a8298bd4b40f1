"""Idempotency-Key handling for creating POSTs (DESIGN §4).

The key's record is written first with a unique `_id`; the first request to write it
wins and stores its response, a repeat with the same body gets that response back, and
the same key with another body is refused.
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from pymongo.database import Database
from pymongo.errors import DuplicateKeyError

COLLECTION = "idempotency_keys"


def fingerprint(body) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def record_id(scope: str, key: str) -> str:
    return f"{scope}:{key}"


def find(db: Database, scope: str, key: str) -> dict | None:
    return db[COLLECTION].find_one({"_id": record_id(scope, key)})


def remember(db: Database, scope: str, key: str, body, status: int, response: dict) -> dict:
    """Store the first response for this key; returns the stored record (maybe an earlier one)."""
    doc = {"_id": record_id(scope, key), "fingerprint": fingerprint(body), "status": status,
           "response": response, "at": datetime.now(timezone.utc)}
    try:
        db[COLLECTION].insert_one(doc)
        return doc
    except DuplicateKeyError:
        return db[COLLECTION].find_one({"_id": record_id(scope, key)})
