"""The Flask base every service's `create_app` starts from."""
from __future__ import annotations

import logging
import uuid

import pymongo
from flask import Flask, current_app, g, request
from kafka.errors import KafkaError
from pymongo.errors import ConnectionFailure, PyMongoError
from werkzeug.exceptions import HTTPException

from shared.errors import NotFound, RuleBroken
from shared.mongo.client import unreachable
from shared.web import health, metrics, openapi
from shared.web import language, security
from shared.web.problem import Problem, problem_response, unavailable

MAX_BODY_BYTES = 2 * 1024 * 1024
log = logging.getLogger(__name__)


def deps():
    """The service's wired dependencies (its `ports.Deps`), which its create_app keeps in the app."""
    return current_app.extensions["deps"]


def create_base_app(name: str, title: str, public_key: bytes, readiness, version: str = "1.0.0",
                    settings=None) -> Flask:
    """A Flask app with request ids, problem+json errors, health, metrics and OpenAPI wired in.

    `readiness()` returns a dict of checks; the app is ready when its `ok` is true. Its `db`, when it has
    one, is the store requests wait for only while it answers; its `consumers`
    (shared.kafka.status.ConsumerStatus) also feed /metrics. `settings` (shared.config.Settings) gives the
    platform's addresses, which the pages' forms may post to (the sign-in desk), and whether cookies need TLS.
    """
    app = Flask(name)
    app.config.update(JWT_PUBLIC_KEY=public_key, MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
                      API_TITLE=title, API_VERSION=version, JSON_SORT_KEYS=False)
    app.json.ensure_ascii = False
    _install_request_id(app)
    _refuse_nul_paths(app)
    _install_error_handlers(app)
    if getattr(readiness, "db", None) is not None:
        _no_waiting_for_an_unreachable_store(app, readiness.db.client)
    metrics.init_app(app, name, getattr(readiness, "consumers", None))
    health.init_app(app, readiness)
    openapi.init_app(app)
    security.init_app(app, settings.public_urls.values() if settings else ())
    language.init_app(app, lambda: bool(settings and settings.tls) or request.is_secure)
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


def _no_waiting_for_an_unreachable_store(app: Flask, client) -> None:
    """While pymongo's monitor finds the store unreachable, a request's store calls get no time at all:
    they fail at once (an expired deadline, pymongo's `timeout`) and the request answers 503, instead of
    each one holding a thread for server selection (~0.5-1 s) while a crowd of requests queues behind."""
    @app.before_request
    def spend_the_store_budget():
        if unreachable(client):
            g.store_deadline = pymongo.timeout(1e-6)  # over before the first store call begins
            g.store_deadline.__enter__()

    @app.teardown_request
    def restore_the_store_budget(_exc):
        deadline = g.pop("store_deadline", None)
        if deadline is not None:
            deadline.__exit__(None, None, None)


def _install_error_handlers(app: Flask) -> None:
    @app.errorhandler(Problem)
    def on_problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(NotFound)
    def on_not_found(exc: NotFound):
        return problem_response(Problem(404, detail=str(exc)))

    @app.errorhandler(RuleBroken)
    def on_rule_broken(exc: RuleBroken):
        return problem_response(Problem(exc.status, detail=exc.detail, rule=exc.rule, errors=exc.errors, **exc.extra))

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException):
        detail = {413: "The body is larger than 2 MiB."}.get(exc.code, exc.description or "")
        # werkzeug's own headers of the error, such as the Allow of a 405, are part of the answer
        headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
        return problem_response(Problem(exc.code or 500, detail=detail, headers=headers))

    @app.errorhandler(PyMongoError)
    def on_store_error(exc: PyMongoError):
        # unreachable, timed out, or refusing (FerretDB with its PostgreSQL gone): the store, not the caller
        if isinstance(exc, ConnectionFailure) or getattr(exc, "timeout", False):
            log.warning("store unavailable: %s", exc)
        else:
            log.exception("store error")
        return problem_response(unavailable("store"))

    @app.errorhandler(KafkaError)
    def on_broker_error(exc: KafkaError):
        log.warning("broker unavailable: %s", exc)
        return problem_response(unavailable("broker"))

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem_response(Problem(500, "Internal Server Error", "An unexpected error occurred."))
