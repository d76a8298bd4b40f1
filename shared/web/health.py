"""GET /healthz (process alive) and GET /readyz (dependencies reachable, backlog, lag, failing events)."""
from __future__ import annotations

import pymongo
from flask import Flask, jsonify
from pymongo.errors import PyMongoError

from shared.web.problem import RETRY_AFTER_SECONDS

READY_SECONDS = 0.9  # every store query a readiness check makes, the service's own additions included


def init_app(app: Flask, readiness) -> None:
    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        try:
            with pymongo.timeout(READY_SECONDS):
                checks = readiness()
        except PyMongoError as exc:  # a service's own check asked the store after the shared ones
            checks = {"ok": False, "down": ["store"], "mongo": False,
                      "store_error": f"{type(exc).__name__}: {exc}"[:200]}
        if checks.get("ok"):
            return jsonify(checks)
        return jsonify(checks), 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}
