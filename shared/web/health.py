"""GET /healthz (process alive) and GET /readyz (dependencies reachable, backlog, lag)."""
from __future__ import annotations

from flask import Flask, jsonify


def init_app(app: Flask, readiness) -> None:
    @app.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        checks = readiness()
        return jsonify(checks), (200 if checks.get("ok") else 503)
