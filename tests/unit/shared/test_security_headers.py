"""Every response of the shared base app carries the security headers; the docs page's one inline
script is allowed by its hash and no other inline script is."""
from __future__ import annotations

import base64
import hashlib
import io
import re

from flask import send_file

from shared.web.app import create_base_app

PAGE_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}


def client():
    app = create_base_app("test", "KIPP test API", b"", lambda: {"ok": True})
    app.add_url_rule("/page", "page", lambda: "<!doctype html><p>halo</p>")
    app.add_url_rule("/api/v1/thing", "thing", lambda: {"ok": True})
    app.add_url_rule("/file", "file", lambda: send_file(io.BytesIO(b"%PDF-1.4"), mimetype="application/pdf",
                                                         as_attachment=True, download_name="a.pdf"))
    return app.test_client()


def directives(response) -> dict:
    policy = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_pages_downloads_json_and_errors_carry_every_header():
    browser = client()
    for path in ("/page", "/file", "/api/v1/thing", "/api/v1/no-such-thing", "/healthz"):
        response = browser.get(path)
        assert {k: response.headers.get(k) for k in PAGE_HEADERS} == PAGE_HEADERS, path
        policy = directives(response)
        assert policy["default-src"] == ["'self'"] and policy["frame-ancestors"] == ["'none'"], path
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], path
        assert policy["form-action"] == ["'self'"] and policy["script-src"] == ["'self'"], path
        assert not any("unsafe" in source for sources in policy.values() for source in sources), path
    download = browser.get("/file")
    assert download.headers["Content-Disposition"].startswith("attachment;")


def test_the_docs_page_may_run_its_own_inline_script_and_nothing_else():
    browser = client()
    docs = browser.get("/docs")
    inline = re.findall(r"<script>(.*?)</script>", docs.get_data(as_text=True), re.S)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    policy = directives(docs)
    assert policy["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy["frame-ancestors"] == ["'none'"] and docs.headers["X-Frame-Options"] == "DENY"
    assert directives(browser.get("/page"))["script-src"] == ["'self'"]
