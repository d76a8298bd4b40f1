"""The judge UI's session: sign-in with a token, a server-side session, CSRF tokens for form posts.

The token is verified once and forgotten; the session (shared/web/sessions.py, collection
`judge_sessions` of review's database) holds the judge's claims, the session's CSRF token and an
expiry no later than the token's. The `kipp_judge` cookie (HttpOnly, SameSite=Lax, path /judge,
Secure when KIPP_TLS=1 or the request came over HTTPS) holds only the
session's random id, and signing out deletes the session.
"""
from __future__ import annotations

from flask import current_app, g

from shared.auth.tokens import InvalidToken, Principal, verify
from shared.web.sessions import Sessions, token_expiry
from services.review.entrypoints.common import deps

COOKIE_NAME = "kipp_judge"


def configure(app) -> None:
    """Keep the judges' sessions in review's database."""
    wired = app.extensions["deps"]
    app.extensions["judge_sessions"] = Sessions(wired.db["judge_sessions"], COOKIE_NAME, "/judge", wired.settings.tls)


def sessions() -> Sessions:
    return current_app.extensions["judge_sessions"]


def sign_in(response, token: str) -> str | None:
    """Start a session for a registered judge's token, its id in `response`'s cookie; returns what is
    wrong (a text key) or None."""
    try:
        principal = verify(token.strip(), current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        return "token_bad"
    if principal.role != "judge":
        return "token_not_judge"
    if deps().store.get_judge(principal.sub) is None:
        return "token_unknown"
    sessions().start(response, principal, token_expiry(token.strip()))
    return None


def sign_out(response) -> None:
    sessions().end(response)


def signed_in() -> Principal | None:
    """The judge of this session (also set as g.principal for the shared guards), or None."""
    principal = sessions().principal()
    if principal is not None:
        g.principal = principal
    return principal
