"""The sign-in desk's pages under /masuk/: e-mail address in, one-time link out, sessions for every service.

Every page answers the same whether or not an address has an account. Forms carry a CSRF token: the
desk session's, or before there is one a double-submit cookie (shared.web.csrf). The e-mailed link opens
a page that asks to confirm with a button, so a mail scanner that follows links uses up nothing.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, make_response, redirect, render_template, request

from shared.auth.tokens import Principal
from shared.auth import signin as assertions
from shared.web import csrf, language, words
from shared.web.openapi import doc
from shared.web.sessions import Sessions
from shared.web.app import deps
from services.notify.bootstrap import Deps
from services.notify.domain import signin
from services.notify.domain.errors import TooManyRequests
from services.notify.entrypoints.desk_words import WORDS
from services.notify.handlers import accounts

HERE = Path(__file__).resolve().parents[1]
desk = Blueprint("desk", __name__, url_prefix="/masuk", template_folder=str(HERE / "templates" / "pages"))


def sessions() -> Sessions:
    return current_app.extensions["desk_sessions"]


def init_app(app, wired: Deps) -> None:
    """The desk's sessions live in notify's database; cookie `kipp_masuk`, sent to /masuk only."""
    app.extensions["desk_sessions"] = Sessions(wired.db["desk_sessions"], "kipp_masuk", "/masuk", wired.settings.tls,
                                               lifetime=signin.DESK_SESSION)
    app.register_blueprint(desk)


def _page(template: str, status: int = 200, **context):
    lang = language.current()
    body = render_template(f"desk/{template}", d=WORDS[lang], **context)
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@desk.context_processor
def frame():
    """The shared frame's words (desk pages have no person of their own: the desk session is not a service's)."""
    lang = language.current()
    return {"lang": lang, "w": words.words(lang), "nav": [], "person": None, "sign_out": None}


def refused():
    """A post without this browser's token: nothing happens (403). A sign-out without a desk session is done."""
    if request.endpoint == "desk.sign_out" and sessions().current() is None:
        return redirect("/masuk/keluar")
    return _page("message.html", 403, title_key="expired", text_key="expired_text")


csrf.protect(desk, sessions, refused)


def _back() -> tuple[str, str] | None:
    return signin.back_to(request.values.get("layanan"), request.values.get("lanjut"), deps().settings.public_urls)


@desk.get("/")
@doc("Sign-in desk: the e-mail form; a signed-in browser goes straight back to the service that sent it", page=True)
def ask():
    back, state, session = _back(), request.args.get("state", ""), sessions().current()
    if session is not None:
        account = deps().accounts.get(session.get("email", ""))
        if account is not None and account.get("active"):
            who = accounts.person(account, session)
            if back and state:
                return redirect(accounts.assertion_url(deps(), who, back[0], back[1], state))
            return _page("signed_in.html", who=who, areas=words.areas(who.role, deps().settings.public_urls),
                         csrf_token_desk=session["csrf"])
    return _page("ask.html", back=back, state=state, error=None, email="")


@desk.post("/")
@doc("Sign-in desk: ask for a one-time link (form: email, csrf); the same answer whether or not the address "
     "has an account", errors=(403, 422, 429), content_type="application/x-www-form-urlencoded", page=True)
def send_link():
    address, back = request.form.get("email", ""), _back()
    try:
        accounts.request_link(deps(), address, back, request.remote_addr or "-")
    except TooManyRequests:
        return _page("message.html", 429, title_key="too_many", text_key="too_many_text")
    except accounts.Invalid:
        return _page("ask.html", 422, back=back, state="", error="bad_address", email=address[:254])
    return _page("sent.html", email=signin.normalise(address)[:254], minutes=signin.LINK_MINUTES)


@desk.get("/tautan/<secret>")
@doc("Sign-in desk: the e-mailed link; asks to confirm (a scanner following links uses nothing up)", errors=(410,),
     page=True)
def confirm(secret):
    link = accounts.peek_link(deps(), secret)
    if link is None:
        return _page("message.html", 410, title_key="dead_link", text_key="dead_link_text")
    return _page("confirm.html", email=link["email"], secret=secret)


@desk.post("/tautan/<secret>")
@doc("Sign-in desk: use the link (form: csrf); opens the desk session and goes back to the page that asked",
     errors=(403, 410), content_type="application/x-www-form-urlencoded", page=True)
def use(secret):
    used = accounts.use_link(deps(), secret)
    if used is None:
        return _page("message.html", 410, title_key="dead_link", text_key="dead_link_text")
    account, link = used
    urls, back = deps().settings.public_urls, link.get("back")
    target = urls[back[0]] + back[1] if back and back[0] in urls else "/masuk/"
    response = make_response(redirect(target))
    principal = Principal(sub=signin.subject_of(account), role=account["role"], region=account.get("region"))
    sessions().start(response, principal, accounts.utc_now() + signin.DESK_SESSION, {"email": account["email"]})
    return response


@desk.post("/keluar")
@doc("Sign out everywhere (form: csrf of the desk session, layanan): every service ends its session",
     errors=(403,), content_type="application/x-www-form-urlencoded", page=True)
def sign_out():
    session = sessions().current()
    account = deps().accounts.get(session.get("email", "")) if session else None
    accounts.signed_out(deps(), session)
    service = request.form.get("layanan")
    target = "/masuk/keluar"
    if account is not None and service in deps().settings.public_urls:
        who = accounts.person(account, session)
        target = accounts.assertion_url(deps(), who, service, "/", session["_id"], assertions.SIGNED_OUT)
    response = make_response(redirect(target))
    sessions().end(response)
    return response


@desk.get("/keluar")
@doc("Sign-in desk: signed out", page=True)
def farewell():
    return _page("message.html", title_key="signed_out", text_key="signed_out_text", again=True)

