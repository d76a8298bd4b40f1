"""The judge UI's session: sign-in with a token, a signed cookie, CSRF tokens for form posts.

The session is Flask's signed cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS). It holds
the judge id, the token's expiry (the session ends with the token) and a per-session CSRF token
every form post must echo. The signing secret is REVIEW_SESSION_SECRET, else a random secret
generated once into a file shared by all web workers of the host (see bootstrap.shared_secret).
"""
from __future__ import annotations

import hmac
import secrets
import time

import jwt
from flask import current_app, g, request, session

from shared.auth.tokens import InvalidToken, Principal, verify
from services.review.entrypoints.common import deps

COOKIE_NAME = "kipp_judge"


def configure(app, secret: str, secure: bool) -> None:
    app.secret_key = secret
    app.config.update(SESSION_COOKIE_NAME=COOKIE_NAME, SESSION_COOKIE_HTTPONLY=True,
                      SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_SECURE=secure,
                      SESSION_COOKIE_PATH="/judge")


def sign_in(token: str) -> str | None:
    """Start a session for a registered judge's token; returns what is wrong (a text key) or None."""
    try:
        principal = verify(token.strip(), current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        return "token_bad"
    if principal.role != "judge":
        return "token_not_judge"
    if deps().store.get_judge(principal.sub) is None:
        return "token_unknown"
    expires = jwt.decode(token.strip(), options={"verify_signature": False}).get("exp")
    session.clear()
    session.update(judge=principal.sub, exp=int(expires), csrf=secrets.token_urlsafe(24))
    return None


def sign_out() -> None:
    session.clear()


def signed_in() -> Principal | None:
    """The judge of this session (also set as g.principal for the shared guards), or None."""
    judge, expires = session.get("judge"), session.get("exp", 0)
    if not judge or expires < time.time():
        return None
    g.principal = Principal(sub=judge, role="judge")
    return g.principal


def csrf_token() -> str:
    """This session's CSRF token (created for the sign-in form before there is a judge)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def csrf_ok() -> bool:
    """True when the form post carries this session's CSRF token."""
    sent, expected = request.form.get("csrf", ""), session.get("csrf", "")
    return bool(expected) and hmac.compare_digest(sent, expected)
