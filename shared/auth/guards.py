"""Flask guards: who may call a route."""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from shared.auth.tokens import InvalidToken, Principal, verify
from shared.web import people
from shared.web.problem import Problem


def current_principal() -> Principal:
    """The caller: the request's bearer token verified, or without one the person of the page's session
    (shared.web.people, whose scripts call the API with the cookie and its CSRF header)."""
    if "principal" in g:
        return g.principal
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if not header:
        person = people.api_principal()
        if person is not None:
            g.principal = person
            return person
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "Unauthorized", "Send 'Authorization: Bearer <token>'.")
    try:
        g.principal = verify(token.strip(), current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken as exc:
        raise Problem(401, "Unauthorized", str(exc)) from exc
    return g.principal


def require(*roles: str):
    """Route decorator: the caller must hold one of `roles`."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            principal = current_principal()
            if principal.role not in roles:
                raise Problem(403, "Forbidden", f"role '{principal.role}' may not do this; needs {' or '.join(roles)}")
            return view(*args, **kwargs)
        guarded.required_roles = roles
        return guarded
    return decorate
