"""Idempotency-Key on creating POSTs (DESIGN §4), once for every service: the same key and body answer the
first response again and create nothing new; the same key with another body is 422; a request racing
one with the same key waits for its answer (or is told to try again, 409). The record is claimed
before the view runs (shared.mongo.idempotency), so two racing requests never both run.

A view that creates a document may name it after the key (`keyed_id()`), so a request that
takes over a lapsed claim finds what its crashed predecessor created instead of creating it twice.
"""
from __future__ import annotations

import re
import time
import uuid
from functools import wraps
from flask import g, make_response, request

from shared.auth.guards import current_principal
from shared.mongo import idempotency
from shared.web.app import deps
from shared.web.problem import Problem, invalid

HEADER = "Idempotency-Key"
KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # visible ASCII
WAIT_SECONDS = 5.0
KEYED = uuid.UUID("5d0b4c8e-3f7a-4e2b-9c61-1a2b3c4d5e6f")


def keyed_id(default: str | None = None) -> str | None:
    """The id the request's key stands for (the same for every repeat), or `default` without a key."""
    return g.get("idempotency_id") or default


def idempotent(scope: str):
    """Route decorator (inside `require`): honour the key for `scope`; the records are kept in the service's
    own database (`deps.db`)."""
    def decorate(view):
        @wraps(view)
        def replayable(*args, **kwargs):
            key = request.headers.get(HEADER)
            if key is None:
                return view(*args, **kwargs)
            if not KEY.match(key):
                raise invalid({HEADER: ["must be 1-200 visible ASCII characters"]})
            caller = current_principal()
            record_id = f"{scope}:{caller.sub}:{caller.region}:{request.path}:{key}"
            body = request.get_json(silent=True)
            db = deps().db
            mine, record = idempotency.claim(db, record_id, body)
            if mine:
                return _first(view, args, kwargs, db, record_id)
            return _replay(_settled(db, record), body)
        return replayable
    return decorate


def _first(view, args, kwargs, db, record_id: str):
    """Run the view as the key's first request and keep its answer (or free the key when it failed)."""
    g.idempotency_id = str(uuid.uuid5(KEYED, record_id))
    try:
        response = make_response(view(*args, **kwargs))
    except BaseException:
        idempotency.release(db, record_id)
        raise
    if response.status_code >= 300:
        idempotency.release(db, record_id)
    else:
        idempotency.settle(db, record_id, response.status_code, response.get_json())
    return response


def _settled(db, record: dict) -> dict:
    """The record once its request answered (a racing twin of it waits up to WAIT_SECONDS)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while record["status"] is None and time.monotonic() < deadline:
        time.sleep(0.05)
        record = idempotency.read(db, record["_id"]) or record
    return record


def _replay(record: dict, body):
    if record["fingerprint"] != idempotency.fingerprint(body):
        raise Problem(422, detail=f"This {HEADER} was used with another body.", rule="idempotency-key-reused",
                      errors={HEADER: ["already used with a different body"]})
    if record["status"] is None:
        raise Problem(409, detail=f"A request with this {HEADER} is still being handled; send it again shortly.",
                      rule="idempotency-key-in-use", headers={"Retry-After": "1"})
    reply = make_response(record["response"], record["status"])
    reply.headers["Idempotent-Replayed"] = "true"
    return reply
