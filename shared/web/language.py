"""The language of people's pages: Bahasa Indonesia by default, English on request.

`?lang=en` (or `id`) chooses, and a cookie keeps the choice for every page of the platform (browsers
send one host's cookies to all its ports); without either, the page is in Bahasa Indonesia.
"""
from __future__ import annotations

from flask import Flask, request

LANGS = ("id", "en")
COOKIE = "kipp_lang"
YEAR = 365 * 86400


def current() -> str:
    """The language of this request's page."""
    asked = request.args.get("lang")
    if asked in LANGS:
        return asked
    kept = request.cookies.get(COOKIE)
    return kept if kept in LANGS else "id"


def other(lang: str) -> str:
    """The language a page offers to switch to."""
    return "en" if lang == "id" else "id"


def init_app(app: Flask, secure) -> None:
    """Keep a language chosen with ?lang= in the cookie; `secure()` says whether cookies need HTTPS."""
    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in LANGS and request.cookies.get(COOKIE) != asked:
            response.set_cookie(COOKIE, asked, max_age=YEAR, samesite="Lax", httponly=True, secure=secure())
        return response
