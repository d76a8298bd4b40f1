"""The ministry's dashboard: server-rendered pages in Bahasa Indonesia, no CDN, no script.

A browser either sends `Authorization: Bearer <token>` or signs in once by pasting its
token on /dashboard/; the token itself is then kept in an HttpOnly, SameSite=Lax cookie
and verified on every request exactly like a bearer header (signature, audience, expiry,
role), so nothing is stored on the server and a token that expires signs the browser out.
The cookie is accepted on reporting's GET routes only (all of them read-only, so a
cross-site request cannot change anything), which lets the page link the CSV and XLSX.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, g, make_response, redirect, render_template, request, url_for

from shared.auth.guards import current_principal
from shared.auth.tokens import InvalidToken, verify
from shared.errors import NotFound
from shared.web.openapi import doc
from services.reporting import handlers
from services.reporting.adapters.snapshots import Loading
from services.reporting.entrypoints.exports import STATUS

HERE = Path(__file__).resolve().parents[1]
COOKIE = "kipp_reporting_token"
READERS = ("ministry", "admin")
ONLY_READERS = "Dasbor ini hanya untuk Kementerian PANRB (peran ministry) dan Sekretariat KIPP (peran admin)."
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


def principal_from_cookie() -> None:
    """Before each GET without a bearer header: the signed-in browser's token, if it is still valid."""
    token = request.cookies.get(COOKIE)
    if request.method != "GET" or "Authorization" in request.headers or not token:
        return
    try:
        g.principal = verify(token, current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        pass  # an expired cookie is as good as none: the page asks to sign in again


def _caller():
    if "principal" in g or "Authorization" in request.headers:
        return current_principal()
    return None


def _page(template: str, status: int = 200, **context):
    return render_template(template, **context), status


@pages.get("/dashboard/")
@doc("Sign-in page of the dashboard (paste a ministry or admin token); once signed in, the competitions")
def sign_in_form():
    principal = _caller()
    listed = handlers.competitions_list(current_app.extensions["deps"].store()) \
        if principal is not None and principal.role in READERS else None
    return _page("masuk.html", error=None, next=request.args.get("next", ""), competitions=listed)


@pages.post("/dashboard/masuk")
@doc("Sign in: a form with `token` (and `next`); sets an HttpOnly SameSite=Lax cookie", errors=(401, 403),
     content_type="application/x-www-form-urlencoded")
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
    response.set_cookie(COOKIE, token, httponly=True, samesite="Lax", secure=request.is_secure, max_age=12 * 3600,
                        path="/")
    return response


@pages.post("/dashboard/keluar")
@doc("Sign out: forget the dashboard cookie")
def sign_out():
    response = make_response(redirect(url_for("dashboard.sign_in_form")))
    response.delete_cookie(COOKIE, path="/")
    return response


@pages.get("/dashboard/<cid>")
@doc("The ministry's dashboard of a competition (HTML, Bahasa Indonesia)", errors=(403, 404), roles=READERS)
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
