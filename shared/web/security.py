"""Security headers on every response of every service: pages, downloads and JSON alike.

One policy for everything is simpler than sorting responses into kinds, and costs nothing:
a JSON body or a CSV is never framed, sniffed into HTML or sent a referrer either. The
pages load scripts and styles from their own static files only, so no inline script or
style is allowed; the one exception is the API docs page (shared/web/openapi.py), whose
single inline start-up script is allowed by its hash and nothing else.
"""
from __future__ import annotations

import base64
import hashlib
import re

from flask import Flask, request

from shared.web import openapi

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def script_hashes(page: str) -> str:
    """CSP sources allowing exactly the inline scripts of `page`, by their SHA-256."""
    digests = (hashlib.sha256(body.encode()).digest() for body in INLINE_SCRIPT.findall(page))
    return " ".join(f"'sha256-{base64.b64encode(d).decode()}'" for d in digests)


def docs_policy(title: str) -> str:
    """The policy with the docs page's start-up script allowed; Swagger UI's stylesheet draws its icons
    from data: URLs."""
    allowed = script_hashes(openapi.DOCS_PAGE.format(title=title))
    return POLICY.replace("script-src 'self'", f"script-src 'self' {allowed}").replace(
        "img-src 'self'", "img-src 'self' data:")


def with_form_targets(policy: str, origins) -> str:
    """The policy with forms allowed to post to (and be redirected to) the platform's other services: every
    page's sign-out posts to the sign-in desk, and the desk sends the browser back."""
    extra = " ".join(sorted({origin.rstrip("/") for origin in origins}))
    return policy.replace("form-action 'self'", f"form-action 'self' {extra}") if extra else policy


def init_app(app: Flask, origins=()) -> None:
    """Add the headers to every response the app sends (a view that set its own keeps it); `origins` are the
    platform's services, which forms may post to."""
    docs = docs_policy(app.config["API_TITLE"])
    pages = with_form_targets(POLICY, origins)

    @app.after_request
    def secure_headers(response):
        response.headers.setdefault("Content-Security-Policy", docs if request.endpoint == "docs" else pages)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
