"""People at a service's pages: signing in through the desk, the pages' guard, signing out everywhere.

Every service that serves pages (the portal, the judges' room, the dashboard, the console) does the
same four things, here once:
- `/sesi/mulai?lanjut=/path`: a page needed a person. Keep a random state in a cookie and send the
  browser to the sign-in desk (notify's `/masuk/`), which knows the accounts.
- `/sesi/selesai?bukti=…`: the desk sends the browser back with an assertion (shared.auth.signin) that
  answers that state. Open a session of this service (shared.web.sessions: the cookie holds a random id,
  the claims stay on the server) and go back to the page.
- `/sesi/keluar?bukti=…`: the desk signed the person out; end this service's session at once. The
  others end theirs when they read `kipp.account.signed_out` (`shared.account_events.end_sessions`).
- pages are declared with `@page(route, roles, summary)` (its guard: `person_required`); the JSON API
  takes the same session when no bearer token is sent, a state-changing call then needing the session's
  CSRF token in `X-CSRF-Token` (the portal's scripts), so another site can neither read nor change
  anything with the cookie.

The sign-out button of every page posts to the desk, carrying the desk's CSRF token that the assertion
brought; `page_context` gives the templates what they need for it.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timezone
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, Flask, current_app, g, make_response, redirect, render_template, request

from shared.auth import signin
from shared.auth.tokens import Principal
from shared.web import csrf, language, words
from shared.web.openapi import doc
from shared.web.problem import Problem
from shared.web.sessions import Sessions

HERE = Path(__file__).resolve().parent
STATE_SECONDS = 600
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_HEADER = "X-CSRF-Token"
pages = Blueprint("sesi", __name__, template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"),
                  static_url_path="/_kipp/static")


class People:
    """One service's side of signing in: its sessions, the desk's address and public key."""

    def __init__(self, settings, collection):
        self.service = settings.service
        self.urls = dict(settings.public_urls)
        self.sessions = Sessions(collection, f"kipp_{self.service}", "/", settings.tls)
        self.state_cookie = f"kipp_{self.service}_state"
        self.key_file = settings.signin_public_key_file
        self._key: bytes | None = None

    @property
    def desk(self) -> str:
        return self.urls["notify"] + "/masuk/"

    def public_key(self) -> bytes:
        if self._key is None:  # read on first use: a service starts even before keys are made
            self._key = Path(self.key_file).read_bytes()
        return self._key

    def session(self) -> dict | None:
        """This request's session document (claims, the person, the desk session), or None."""
        return self.sessions.current()


def people() -> People:
    return current_app.extensions["people"]


def init_app(app: Flask, settings, collection, home: str) -> People:
    """Sign-in for `app`'s pages, its sessions kept in `collection` (in the service's own database); the
    service's root sends people to `home`, its first page."""
    found = People(settings, collection)
    app.extensions["people"] = found
    app.register_blueprint(pages)
    app.context_processor(page_context)

    @doc(f"People: the service's first page (a redirect to {home})", page=True)
    def root():
        return redirect(home)
    app.add_url_rule("/", "root", root)
    return found


def local_path(target: str | None, default: str = "/") -> str:
    """`target` when it is a path of this service, else `default`: never a way to another site."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def person() -> dict | None:
    """The signed-in person of this request (the session document), or None; sets g.principal."""
    found = people().session() if "people" in current_app.extensions else None
    if found is not None:
        g.principal = Principal(**found["claims"])
    return found


def refusal(*roles: str):
    """None when a person holding one of `roles` (any, when none given) is signed in; else what to answer:
    the way to the sign-in desk, or a page saying the role does not fit (403)."""
    found = person()
    if found is None:
        return redirect("/sesi/mulai?" + urlencode({"lanjut": request.full_path.rstrip("?")}))
    if roles and found["claims"]["role"] not in roles:
        named = words.words(language.current())["roles"]
        return render_template("kipp/refused.html", roles_text=" / ".join(named[r] for r in roles)), 403
    return None


def person_required(*roles: str):
    """Page decorator: sign in first (through the desk), and hold one of `roles` (any when none given)."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            return refusal(*roles) or view(*args, **kwargs)
        guarded.required_roles = roles
        return guarded
    return decorate


def page(route, roles: str | tuple[str, ...], summary: str, **docs):
    """A people's page in one decorator: routed by `route` (a blueprint's .get(...)/.post(...)), documented
    as a page (OpenAPI: the session cookie, the roles), for a person signed in with one of `roles`, so no
    page can miss its guard."""
    roles = (roles,) if isinstance(roles, str) else tuple(roles)

    def decorate(view):
        return route(doc(summary, page=True, **docs)(person_required(*roles)(view)))
    return decorate


def never_cached(response):
    """A person's page (drafts, scores, decisions) never sits in a shared cache: every people's blueprint
    registers this `after_request`."""
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def api_principal() -> Principal | None:
    """The session's caller for an API request sent without a bearer token (a page's script), or None.
    A state-changing request must echo the session's CSRF token in X-CSRF-Token."""
    if "people" not in current_app.extensions:
        return None
    found = people().session()
    if found is None:
        return None
    if request.method not in SAFE_METHODS and not csrf.matches(request.headers.get(CSRF_HEADER, ""), found["csrf"]):
        raise Problem(403, detail=f"A request made with the session cookie must carry its {CSRF_HEADER} header.")
    return Principal(**found["claims"])


def page_context() -> dict:
    """What every page's frame needs: the person, the sign-out form, the language, the platform's addresses."""
    found = people().session()
    lang = language.current()
    sign_out = None
    if found is not None:
        sign_out = {"action": people().desk + "keluar", "csrf": found.get("desk_csrf", ""),
                    "service": people().service}
    role = found["claims"]["role"] if found else None
    return {"person": found, "sign_out": sign_out, "lang": lang, "w": words.words(lang),
            "nav": words.areas(role, people().urls), "platform_urls": people().urls,
            "api_csrf": found["csrf"] if found else ""}


# --- the three steps ---------------------------------------------------------------------
@pages.get("/sesi/mulai")
@doc("People: sign in through the platform's sign-in desk, then back to `lanjut` (a path of this service)",
     page=True)
def start():
    """Send the browser to the desk, keeping a state that the desk's answer must carry."""
    state = secrets.token_urlsafe(24)
    back = local_path(request.args.get("lanjut"))
    query = {"layanan": people().service, "lanjut": back, "state": state, "lang": language.current()}
    response = redirect(people().desk + "?" + urlencode(query))
    people().sessions.set_cookie(response, people().state_cookie, state, max_age=STATE_SECONDS)
    return response


@pages.get("/sesi/selesai")
@doc("People: the sign-in desk's answer (`bukti`, for this browser's state) opens this service's session",
     errors=(400,), page=True)
def finish():
    """The desk's answer: open this service's session and go back to the page."""
    state = request.cookies.get(people().state_cookie, "")
    try:
        found, back = signin.verify(request.args.get("bukti", ""), people().public_key(), people().service, state)
    except signin.InvalidAssertion:
        return render_template("kipp/signin_failed.html"), 400
    response = make_response(redirect(local_path(back)))
    response.delete_cookie(people().state_cookie, path="/", httponly=True, samesite="Lax",
                           secure=people().sessions.secure())
    extra = {"email": found.email, "name": found.name, "desk": found.desk_session, "desk_csrf": found.desk_csrf,
             "lang": found.language}
    people().sessions.start(response, found.principal, datetime.fromtimestamp(found.expires_at, timezone.utc), extra)
    return response


@pages.get("/sesi/keluar")
@doc("People: the sign-in desk's word that the person signed out ends this service's session", page=True)
def signed_out():
    """The desk signed this person out: end the session here at once, then show the desk's farewell."""
    found = people().session()
    response = make_response(redirect(people().desk + "keluar?" + urlencode({"lang": language.current()})))
    if found is not None:
        try:
            signin.verify(request.args.get("bukti", ""), people().public_key(), people().service,
                          found.get("desk", ""), purpose=signin.SIGNED_OUT)
        except signin.InvalidAssertion:
            return response  # not the desk's word: the session stays (it ends when the desk's event comes)
        people().sessions.end(response)
    return response
