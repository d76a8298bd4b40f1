"""The Flask base every service's `create_app` starts from."""
from __future__ import annotations

import logging
import uuid

from flask import Flask, g, request
from pymongo.errors import AutoReconnect, ConnectionFailure, PyMongoError
from werkzeug.exceptions import HTTPException

from shared.errors import NotFound, RuleBroken
from shared.web import health, metrics, openapi
from shared.web import security
from shared.web.problem import Problem, problem_response

MAX_BODY_BYTES = 2 * 1024 * 1024
log = logging.getLogger(__name__)


def create_base_app(name: str, title: str, public_key: bytes, readiness, version: str = "1.0.0") -> Flask:
    """A Flask app with request ids, problem+json errors, health, metrics and OpenAPI wired in.

    `readiness()` returns a dict of checks; the app is ready when its `ok` is true.
    """
    app = Flask(name)
    app.config.update(JWT_PUBLIC_KEY=public_key, MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
                      API_TITLE=title, API_VERSION=version, JSON_SORT_KEYS=False)
    app.json.ensure_ascii = False
    _install_request_id(app)
    _refuse_nul_paths(app)
    _install_error_handlers(app)
    metrics.init_app(app, name)
    health.init_app(app, readiness)
    openapi.init_app(app)
    security.init_app(app)
    return app


def _install_request_id(app: Flask) -> None:
    @app.before_request
    def take_request_id():
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming[:128] if incoming.strip() else str(uuid.uuid4())

    @app.after_request
    def echo_request_id(response):
        response.headers["X-Request-ID"] = g.get("request_id") or str(uuid.uuid4())
        return response


def _refuse_nul_paths(app: Flask) -> None:
    """A path holding U+0000 names nothing: no document can have such an id (PostgreSQL's jsonb, behind
    the local store, cannot hold one), so it is answered 404 before any route asks the store."""
    @app.before_request
    def refuse_nul_path():
        if "\x00" in request.path:
            raise NotFound("Tidak ditemukan.")


def _install_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def on_problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(NotFound)
    def on_not_found(exc: NotFound):
        return problem_response(Problem(404, detail=str(exc)))

    @app.errorhandler(RuleBroken)
    def on_rule_broken(exc: RuleBroken):
        errors = {exc.field: [exc.detail]} if exc.field else None
        return problem_response(Problem(exc.status, detail=exc.detail, rule=exc.rule, errors=errors, **exc.extra))

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException):
        detail = {413: "The body is larger than 2 MiB."}.get(exc.code, exc.description or "")
        return problem_response(Problem(exc.code or 500, detail=detail))

    @app.errorhandler(PyMongoError)
    def on_store_error(exc: PyMongoError):
        if isinstance(exc, (AutoReconnect, ConnectionFailure)) or "timed out" in str(exc).lower():
            log.warning("store unavailable: %s", exc)
            return problem_response(Problem(503, detail="The database is unreachable; try again shortly.",
                                            headers={"Retry-After": "5"}))
        log.exception("store error")
        return problem_response(Problem(503, detail="The database refused the operation; try again shortly.",
                                        headers={"Retry-After": "5"}))

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem_response(Problem(500, "Internal Server Error", "An unexpected error occurred."))
