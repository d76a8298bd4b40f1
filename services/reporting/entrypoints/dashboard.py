"""The ministry's dashboard: server-rendered pages in Bahasa Indonesia, no CDN, no script.

A browser either sends `Authorization: Bearer <token>` or signs in once by pasting its
token on /dashboard/. The token is verified and then forgotten: what it proved (who, which
role) goes into a server-side session (shared/web/sessions.py) and the cookie holds only the
session's random id; signing out deletes the session. The cookie is accepted on reporting's
GET routes only (all read-only, so a cross-site request cannot change anything), which lets
the page link the CSV and XLSX; the two forms (sign in, sign out) carry a CSRF token.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, g, make_response, redirect, render_template, request, url_for

from shared.auth.guards import current_principal
from shared.auth.tokens import InvalidToken, verify
from shared.errors import NotFound
from shared.web import csrf
from shared.web.openapi import doc
from shared.web.sessions import Sessions, token_expiry
from services.reporting import handlers
from services.reporting.adapters.snapshots import Loading
from services.reporting.entrypoints.exports import STATUS

HERE = Path(__file__).resolve().parents[1]
COOKIE = "kipp_reporting_session"
READERS = ("ministry", "admin")
ONLY_READERS = "Dasbor ini hanya untuk Kementerian PANRB (peran ministry) dan Sekretariat KIPP (peran admin)."
FORM_REFUSED = "Formulir kedaluwarsa atau tidak sah; tidak ada yang diubah. Muat ulang halaman lalu coba lagi."
pages = Blueprint("dashboard", __name__, template_folder=str(HERE / "templates"),
                  static_folder=str(HERE / "static"), static_url_path="/dashboard/static")


@pages.app_template_filter("angka")
def whole_number(value) -> str:
    """12345 → '12.345' (Indonesian digit grouping)."""
    return f"{int(value or 0):,}".replace(",", ".")


@pages.app_template_filter("desimal")
def decimal(value, places: int = 2) -> str:
    """84.1234 → '84,12' (Indonesian decimal comma); None → '—'."""
    return "—" if value is None else f"{float(value):,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def charts(summary: dict, labels: dict) -> dict:
    """(label, value) pairs for the page's charts."""
    return {"per_day": [(d["day"], d["count"]) for d in summary["per_day"]],
            "per_category": [(labels.get(k, k), n) for k, n in summary["by_category"].items()],
            "per_cluster": list(summary["by_cluster"].items())}


def sessions() -> Sessions:
    return current_app.extensions["dashboard_sessions"]


def init_app(app, collection, tls: bool) -> None:
    """The dashboard's pages, with their sessions kept in `collection` (in reporting's own database)."""
    app.extensions["dashboard_sessions"] = Sessions(collection, COOKIE, "/", tls)
    app.before_request(principal_from_cookie)
    app.register_blueprint(pages)


def principal_from_cookie() -> None:
    """Before each GET without a bearer header: who the browser's session belongs to, if it is still live
    (an expired or deleted session is as good as none: the page asks to sign in again)."""
    if request.method != "GET" or "Authorization" in request.headers or request.endpoint == "dashboard.static":
        return
    principal = sessions().principal()
    if principal is not None:
        g.principal = principal


def _caller():
    if "principal" in g or "Authorization" in request.headers:
        return current_principal()
    return None


def _page(template: str, status: int = 200, **context):
    return render_template(template, **context), status


@pages.get("/dashboard/")
@doc("Sign-in page of the dashboard (paste a ministry or admin token); once signed in, the competitions", page=True)
def sign_in_form():
    principal = _caller()
    listed = handlers.competitions_list(current_app.extensions["deps"].store()) \
        if principal is not None and principal.role in READERS else None
    return _page("masuk.html", error=None, next=request.args.get("next", ""), competitions=listed)


@pages.post("/dashboard/masuk")
@doc("Sign in: a form with `token`, `csrf` (and `next`); starts a session, its id in an HttpOnly SameSite=Lax cookie",
     errors=(401, 403), content_type="application/x-www-form-urlencoded", page=True)
def sign_in():
    token, target = request.form.get("token", "").strip(), request.form.get("next", "")
    try:
        principal = verify(token, current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        return _page("masuk.html", 401, error="Token tidak sah atau sudah kedaluwarsa.", next=target)
    if principal.role not in READERS:
        return _page("masuk.html", 403, error=ONLY_READERS, next=target)
    # only a dashboard path of this service: never an open redirect to another site
    safe = target if target.startswith("/dashboard/") and "//" not in target and "\\" not in target else None
    response = make_response(redirect(safe or url_for("dashboard.sign_in_form", masuk="ok")))
    sessions().start(response, principal, token_expiry(token))
    return response


@pages.post("/dashboard/keluar")
@doc("Sign out (a form with `csrf`): delete the session and forget its cookie", errors=(403,),
     content_type="application/x-www-form-urlencoded", page=True)
def sign_out():
    response = make_response(redirect(url_for("dashboard.sign_in_form")))
    sessions().end(response)
    return response


def refused():
    """A form post without this browser's CSRF token: nothing happens, the page says so (403)."""
    return _page("masuk.html", 403, error=FORM_REFUSED, next="", principal=sessions().principal())


csrf.protect(pages, sessions, refused)


@pages.get("/dashboard/<cid>")
@doc("The ministry's dashboard of a competition (HTML, Bahasa Indonesia)", errors=(403, 404), roles=READERS, page=True)
def show(cid):
    principal = _caller()
    if principal is None:
        return redirect(url_for("dashboard.sign_in_form", next=request.path))
    if principal.role not in READERS:
        return _page("masuk.html", 403, error=ONLY_READERS, next=request.path)
    try:
        data = handlers.dashboard(current_app.extensions["snapshots"], cid)
    except NotFound:
        return _page("masuk.html", 404, error=f"Kompetisi {cid} tidak ditemukan.", next="")
    except Loading:
        return render_template("memuat.html", cid=cid, principal=principal), 503, {"Retry-After": "5"}
    return _page("dashboard.html", cid=cid, principal=principal, status_labels=STATUS,
                 charts=charts(data["summary"], data["labels"]), **data)
