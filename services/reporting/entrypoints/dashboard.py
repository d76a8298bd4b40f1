"""The ministry's dashboard: server-rendered pages in Bahasa Indonesia, no CDN.

A browser signs in by pasting its token once; the token then travels in an HttpOnly,
SameSite=Lax cookie and is verified on every request, exactly like a bearer header.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, g, make_response, redirect, render_template, request, url_for

from shared.auth.guards import current_principal
from shared.auth.tokens import InvalidToken, verify
from shared.errors import NotFound
from services.reporting import handlers

HERE = Path(__file__).resolve().parents[1]
COOKIE = "kipp_reporting_token"
READERS = ("ministry", "admin")
pages = Blueprint("dashboard", __name__, template_folder=str(HERE / "templates"),
                  static_folder=str(HERE / "static"), static_url_path="/dashboard/static")


def signed_in():
    """The caller from the bearer header or the cookie, or None."""
    if "Authorization" in request.headers:
        return current_principal()
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    try:
        g.principal = verify(token, current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        return None
    return g.principal


@pages.get("/dashboard/")
def sign_in_form():
    return render_template("masuk.html", error=None, next=request.args.get("next", ""))


@pages.post("/dashboard/masuk")
def sign_in():
    token, target = request.form.get("token", "").strip(), request.form.get("next", "")
    try:
        principal = verify(token, current_app.config["JWT_PUBLIC_KEY"])
    except InvalidToken:
        return render_template("masuk.html", error="Token tidak sah atau sudah kedaluwarsa.", next=target), 401
    if principal.role not in READERS:
        return render_template("masuk.html", error="Dasbor hanya untuk Kementerian PANRB dan Sekretariat KIPP.",
                               next=target), 403
    response = make_response(redirect(target if target.startswith("/dashboard/") else url_for("dashboard.sign_in_form")))
    response.set_cookie(COOKIE, token, httponly=True, samesite="Lax", secure=request.is_secure, max_age=12 * 3600)
    return response


@pages.get("/dashboard/<cid>")
def show(cid):
    principal = signed_in()
    if principal is None:
        return redirect(url_for("dashboard.sign_in_form", next=request.path))
    if principal.role not in READERS:
        return render_template("masuk.html", error="Dasbor hanya untuk Kementerian PANRB dan Sekretariat KIPP.",
                               next=request.path), 403
    deps, snapshots = current_app.extensions["deps"], current_app.extensions["snapshots"]
    store = deps.store()
    try:
        summary = handlers.competition_summary(snapshots, store, cid)
        definition, ranking, stage = snapshots.ranking(store, cid, None)
    except NotFound:
        return render_template("masuk.html", error=f"Kompetisi {cid} tidak ditemukan.", next=""), 404
    categories = {c["key"]: c["label"] for c in definition.get("categories", [])}
    tops = {label: [r for r in ranking.rows if r["category"] == key][:5] for key, label in categories.items()}
    per_day = [(day["day"], day["count"]) for day in summary["per_day"]]
    per_category = [(categories.get(key, key), count) for key, count in summary["by_category"].items()]
    return render_template("dashboard.html", definition=definition, summary=summary, stage=stage,
                           top=ranking.rows[:10], tops=tops, categories=categories, per_day=per_day,
                           per_category=per_category)
