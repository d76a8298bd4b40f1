"""Idempotency-Key records (DESIGN §4): the store's side of shared.web.idempotency.

A request with a key first claims the key's record (`_id` = scope and key, unique): the request
that inserts it runs, the others find it. The winner settles the record with its answer, or
releases it when it did not succeed (so the same key can be tried again). A claim that was never
settled (its process died) may be taken over after CLAIM_SECONDS: the views that honour keys are
safe to run again (their writes are keyed by what the request names, or by the key itself).
"""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta, timezone

from pymongo.database import Database

from shared.mongo.claims import insert_once

COLLECTION = "idempotency_keys"
CLAIM_SECONDS = 30


def fingerprint(body) -> str:
    """What makes two requests with one key the same request."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def claim(db: Database, record_id: str, body, now: datetime | None = None) -> tuple[bool, dict]:
    """(True, the new claim) when this request is the key's first or takes over a lapsed claim; else
    (False, the record as it stands: settled with an answer, or claimed by a request still running)."""
    now = now or datetime.now(timezone.utc)
    record = {"_id": record_id, "fingerprint": fingerprint(body), "status": None, "response": None, "at": now}
    if insert_once(db[COLLECTION], record):
        return True, record
    found = db[COLLECTION].find_one({"_id": record_id}) or record
    lapsed = found["status"] is None and found["at"] < now - timedelta(seconds=CLAIM_SECONDS) \
        and found["fingerprint"] == record["fingerprint"]
    if lapsed and db[COLLECTION].update_one({"_id": record_id, "status": None, "at": found["at"]},
                                            {"$set": {"at": now}}).matched_count:
        return True, {**found, "at": now}
    return False, found


def settle(db: Database, record_id: str, status: int, response) -> None:
    """Keep the answer a claimed key's request gave."""
    db[COLLECTION].update_one({"_id": record_id}, {"$set": {"status": status, "response": response}})


def release(db: Database, record_id: str) -> None:
    """Forget a claim whose request did not succeed: the key may be used again."""
    db[COLLECTION].delete_one({"_id": record_id, "status": None})


def read(db: Database, record_id: str) -> dict | None:
    return db[COLLECTION].find_one({"_id": record_id})
