"""The ministry's dashboard: server-rendered pages in Bahasa Indonesia, no CDN, no inline script.

People sign in at the platform's sign-in desk (shared.web.people); the dashboard needs a ministry or
admin session. The same session lets the page link the CSV and XLSX downloads of reporting's API
(all read-only GETs, so a cross-site request can change nothing). Scripts and machine clients send
`Authorization: Bearer <token>` instead.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, current_app, render_template

from shared.errors import NotFound
from shared.web import people
from shared.web.app import deps
from services.reporting.handlers import queries
from services.reporting.domain.errors import Loading
from services.reporting.entrypoints.exports import STATUS

HERE = Path(__file__).resolve().parents[1]
READERS = ("ministry", "admin")
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


@pages.context_processor
def area():
    return {"area": "dashboard"}


def _page(template: str, status: int = 200, **context):
    return render_template(template, **context), status


@people.page(pages.get("/dashboard/"), READERS,
             "The dashboard's competitions (ministry, admin; signed in at the sign-in desk)")
def index():
    return _page("index.html", competitions=queries.competitions_list(deps().store()))


@people.page(pages.get("/dashboard/<cid>"), READERS,
             "The ministry's dashboard of a competition (HTML, Bahasa Indonesia)", errors=(403, 404))
def show(cid):
    try:
        data = queries.dashboard(current_app.extensions["snapshots"], cid)
    except NotFound:
        return _page("index.html", 404, error=f"Kompetisi {cid} tidak ditemukan.", competitions=[])
    except Loading:
        return render_template("memuat.html", cid=cid), 503, {"Retry-After": "5"}
    return _page("dashboard.html", cid=cid, status_labels=STATUS, charts=charts(data["summary"], data["labels"]),
                 **data)
