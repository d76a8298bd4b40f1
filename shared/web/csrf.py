"""CSRF protection for the server-rendered forms: every state-changing request must echo a token.

Signed in, the token is the session's own (shared/web/sessions.py), so another site cannot know it.
Before there is a session (the sign-in form) it is a double-submit cookie: a random value set with
the form, which the post must repeat in its hidden field; another site can neither read the cookie
nor set it, so it cannot make a browser sign in to an account of the attacker's choosing.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Callable

from flask import Blueprint, g, request

from shared.web.sessions import Sessions

FIELD = "csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def cookie_name(sessions: Sessions) -> str:
    """The double-submit cookie beside the session cookie (one name per service: browsers share
    cookies between the ports of a host)."""
    return f"{sessions.cookie}_csrf"


def token(sessions: Sessions) -> str:
    """The token this page's forms carry (a new double-submit cookie when there is no session)."""
    session = sessions.current()
    if session:
        return session["csrf"]
    if "csrf_cookie" not in g:
        g.csrf_cookie = request.cookies.get(cookie_name(sessions)) or secrets.token_urlsafe(32)
    return g.csrf_cookie


def expected(sessions: Sessions) -> str:
    """What a post must carry: the session's token, or without one the double-submit cookie."""
    session = sessions.current()
    return session["csrf"] if session else request.cookies.get(cookie_name(sessions), "")


def matches(sent: str, wanted: str) -> bool:
    """True when both are present and equal (compared in constant time)."""
    return bool(sent) and bool(wanted) and hmac.compare_digest(sent.encode(), wanted.encode())


def protect(blueprint: Blueprint, sessions_of: Callable[[], Sessions], refused: Callable) -> None:
    """Check the token on every state-changing request to `blueprint`, before its view runs; `refused()`
    answers one that fails (with a 403 page). Gives the blueprint's templates `csrf_token()`."""
    @blueprint.before_request
    def check_csrf_token():
        if request.method not in SAFE_METHODS and not matches(request.form.get(FIELD, ""), expected(sessions_of())):
            return refused()
        return None

    @blueprint.after_request
    def set_double_submit_cookie(response):
        name = cookie_name(sessions_of())
        if g.get("csrf_cookie") and g.csrf_cookie != request.cookies.get(name):
            sessions_of().set_cookie(response, name, g.csrf_cookie)
        return response

    @blueprint.context_processor
    def csrf_field():
        return {"csrf_token": lambda: token(sessions_of())}
