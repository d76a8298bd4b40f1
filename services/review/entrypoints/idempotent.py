"""Idempotency-Key on creating POSTs (DESIGN §4): the same key and body answer the first
response again; the same key with another body is refused (422)."""
from __future__ import annotations

from functools import wraps

from flask import make_response, request

from shared.auth.guards import current_principal
from shared.mongo import idempotency
from shared.web.problem import Problem
from services.review.entrypoints.common import deps


def idempotent(scope: str):
    """Route decorator (inside `require`): replay the stored response for a repeated key."""
    def decorate(view):
        @wraps(view)
        def replayable(*args, **kwargs):
            key = request.headers.get("Idempotency-Key", "").strip()
            if not key:
                return view(*args, **kwargs)
            db = deps().db
            caller_scope = f"review:{scope}:{current_principal().sub}:{request.path}"
            body = request.get_json(silent=True)
            stored = idempotency.find(db, caller_scope, key[:200])
            if stored is None:
                response = make_response(view(*args, **kwargs))
                if response.status_code >= 300:
                    return response
                payload = response.get_json()
                stored = idempotency.remember(db, caller_scope, key[:200], body, response.status_code, payload)
                if stored["response"] is payload:  # ours was stored first: this is the original answer
                    return response
            if stored["fingerprint"] != idempotency.fingerprint(body):
                raise Problem(422, detail="This Idempotency-Key was used with another body.",
                              errors={"Idempotency-Key": ["already used with a different body"]})
            reply = make_response(stored["response"], stored["status"])
            reply.headers["Idempotent-Replayed"] = "true"
            return reply
        return replayable
    return decorate
