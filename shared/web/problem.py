"""RFC 9457 problem+json errors: one exception type, mapped to a response in one place."""
from __future__ import annotations

from flask import Response, json

PROBLEM_TYPE = "https://kipp.menpan.go.id/problems/"
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
          405: "Method Not Allowed", 409: "Conflict", 413: "Payload Too Large",
          415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
          503: "Service Unavailable"}


class Problem(Exception):
    """An error a client should see: status, a short title, a detail, and extra members."""

    def __init__(self, status: int, title: str | None = None, detail: str = "", *,
                 rule: str | None = None, errors: dict | None = None, headers: dict | None = None, **extra):
        super().__init__(detail or title)
        self.status = status
        self.title = title or TITLES.get(status, "Error")
        self.detail = detail
        self.rule = rule
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict:
        slug = self.rule or self.title.lower().replace(" ", "-")
        body = {"type": PROBLEM_TYPE + slug, "title": self.title, "status": self.status, "detail": self.detail}
        if self.rule:
            body["rule"] = self.rule
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def problem_response(problem: Problem) -> Response:
    response = Response(json.dumps(problem.body()), status=problem.status,
                        mimetype="application/problem+json")
    for name, value in problem.headers.items():
        response.headers[name] = value
    return response


# What a 503 names (the `part` member): the part of the platform that did not answer.
UNAVAILABLE = {"store": "Basis data tidak dapat dihubungi", "broker": "Kafka (antrean pesan) tidak dapat dihubungi"}
RETRY_AFTER_SECONDS = 5


def unavailable(part: str) -> Problem:
    """A 503 naming the part that is down ("store" or "broker"), with Retry-After. A write answered this way
    may or may not have been applied (the part stopped answering mid-way): repeat it; see docs/operations.md."""
    return Problem(503, detail=f"{UNAVAILABLE[part]}; coba lagi sebentar lagi.", part=part,
                   headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def invalid(errors: dict, detail: str = "Some fields are invalid.") -> Problem:
    """A 422 naming every bad field: `errors` is {field: [messages]}."""
    return Problem(422, detail=detail, errors=flatten_errors(errors))


def flatten_errors(errors, prefix: str = "") -> dict:
    """marshmallow's nested messages as {"a.b.0.c": [messages]}."""
    flat: dict = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, (dict,)):
                flat.update(flatten_errors(value, name))
            else:
                flat[name] = value if isinstance(value, list) else [str(value)]
    else:
        flat[prefix or "_schema"] = errors if isinstance(errors, list) else [str(errors)]
    return flat
