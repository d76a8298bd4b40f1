"""GET /openapi.json, built from the routes themselves, and GET /docs with local Swagger UI.

Each view carries its documentation through `@doc(...)`, so a route cannot exist without
appearing in the spec; routes without `@doc` are still listed with their methods.
"""
from __future__ import annotations

import re

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask, Response, current_app, jsonify, send_from_directory
from swagger_ui_bundle import swagger_ui_path

from shared.web.problem import TITLES

HIDDEN = {"static", "docs", "docs_asset", "openapi"}
PROBLEM_SCHEMA = {
    "type": "object",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                   "detail": {"type": "string"}, "rule": {"type": "string"},
                   "part": {"type": "string", "enum": ["store", "broker"],
                            "description": "on a 503: the part of the platform that is down"},
                   "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}},
    "required": ["type", "title", "status"],
}
DOCS_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{title} — API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "/openapi.json", dom_id: "#ui", persistAuthorization: true}});</script>
</body></html>"""


def doc(summary: str, *, body=None, response=None, status: int = 200, errors=(), query=None,
        roles=(), description: str = "", content_type: str = "application/json", page: bool = False):
    """Attach OpenAPI metadata to a view function. A `page` answers HTML (its errors too, except
    the guard's problem+json for a bad bearer token) and may redirect."""
    def decorate(view):
        view.openapi = dict(summary=summary, body=body, response=response, status=status, errors=errors,
                            query=query, roles=roles, description=description, content_type=content_type,
                            page=page)
        return view
    return decorate


def build_spec(app: Flask) -> dict:
    """The OpenAPI 3.0 document for every route of `app` (3.0: the bundled Swagger UI 4 cannot read 3.1)."""
    spec = APISpec(title=app.config["API_TITLE"], version=app.config["API_VERSION"], openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()])
    spec.components.schema("Problem", PROBLEM_SCHEMA)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"})
    # people's pages: the session the sign-in desk's answer opens (shared.web.people), not a token
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": f"kipp_{app.name}"})
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.endpoint in HIDDEN or rule.endpoint.endswith(".static"):  # files, not operations
            continue
        view = app.view_functions[rule.endpoint]
        operations = {method.lower(): _operation(view, rule) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})}
        spec.path(path=re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), operations=operations)
    return spec.to_dict()


def _operation(view, rule) -> dict:
    meta = getattr(view, "openapi", None) or dict(summary=rule.endpoint, errors=(), status=200)
    operation = {"summary": meta["summary"], "operationId": rule.endpoint.replace(".", "_")}
    if meta.get("description"):
        operation["description"] = meta["description"]
    params = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in rule.arguments]
    if meta.get("query"):
        params.append({"in": "query", "schema": meta["query"]})
    if params:
        operation["parameters"] = params
    roles = meta.get("roles") or getattr(view, "required_roles", ())
    if roles:
        operation["security"] = [{"session": []}] if meta.get("page") else [{"bearer": []}]
        operation["description"] = (operation.get("description", "") + f"\n\nRoles: {', '.join(roles)}.").strip()
    if meta.get("body") is not None:
        operation["requestBody"] = {"required": True, "content": {meta.get("content_type", "application/json"): {"schema": meta["body"]}}}
    operation["responses"] = _responses(meta, bool(roles))
    return operation


def _responses(meta: dict, guarded: bool) -> dict:
    """Every status the route can answer: its own, its declared errors, and those any route of its
    kind can give (401/403 behind a guard, 400/413 with a body, 503 while the store or broker is down)."""
    page = meta.get("page", False)
    ok = {"description": "OK"}
    if page:
        ok["content"] = {"text/html": {"schema": {"type": "string"}}}
    elif meta.get("response") is not None:
        ok["content"] = {"application/json": {"schema": meta["response"]}}
    responses = {str(meta.get("status", 200)): ok}
    if page:
        responses["302"] = {"description": "Found: to the sign-in page, or the page asked for"}
    errors = set(meta.get("errors") or ()) | {503}
    if guarded:
        errors |= {401, 403}
    if meta.get("body") is not None:
        errors |= {400, 413}
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for code in sorted(errors):
        content = {"text/html": {"schema": {"type": "string"}}, **problem} if page else problem
        responses[str(code)] = {"description": TITLES.get(code, "Error"), "content": content}
    return responses


def init_app(app: Flask) -> None:
    @app.get("/openapi.json")
    def openapi():
        if "openapi_spec" not in app.extensions:
            app.extensions["openapi_spec"] = build_spec(current_app)
        return jsonify(app.extensions["openapi_spec"])

    @app.get("/docs")
    def docs():
        return Response(DOCS_PAGE.format(title=app.config["API_TITLE"]), mimetype="text/html")

    @app.get("/docs/assets/<path:name>")
    def docs_asset(name):
        return send_from_directory(str(swagger_ui_path), name)
