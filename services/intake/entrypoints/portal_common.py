"""What every page of the region portal shares: its frame, its words, CSRF on every form post, the notice
a redirect names, and the pages that say no (not found, an expired form, a file too big)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from flask import Blueprint, g, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge

from shared.errors import NotFound
from shared.web import csrf, language, people
from services.intake.entrypoints import portal_rules, portal_views, portal_words

HERE = Path(__file__).resolve().parents[1]
TEMPLATES, STATIC = str(HERE / "templates"), str(HERE / "static")
ROLE = "region"
NOTICES = ("created", "saved", "submitted", "uploaded", "removed", "withdrawn")


def now() -> datetime:
    return datetime.now(timezone.utc)


def lang() -> str:
    return language.current()


def setup(blueprint: Blueprint) -> Blueprint:
    """The portal's frame, CSRF and caching on `blueprint`; an entry or competition the caller may not see
    is the portal's not-found page, wherever a view meets it."""
    csrf.protect(blueprint, lambda: people.people().sessions, refused)
    blueprint.context_processor(_context)
    blueprint.after_request(people.never_cached)
    blueprint.register_error_handler(RequestEntityTooLarge, _too_large)
    blueprint.register_error_handler(NotFound, lambda _exc: not_found())
    return blueprint


def field_id(name: str) -> str:
    """The HTML id of a form field named as the API's field ("agency.name" → "f-agency-name")."""
    return "f-" + name.replace(".", "-")


def _context() -> dict:
    chosen = lang()
    notice = request.args.get("notice")
    return {"area": "portal", "pw": portal_words.words(chosen), "wib": lambda v: portal_words.wib(v, chosen),
            "day": lambda v: portal_words.day(v, chosen), "left": lambda v: portal_words.time_left(v, now(), chosen),
            "stage_label": lambda definition, key: portal_views.labels(definition, chosen)["stages"].get(key, key),
            "region_name": portal_views.region_name, "field_id": field_id,
            "notice": notice if notice in NOTICES else None, "messages": portal_rules.for_script(chosen),
            "review_url": people.people().urls["review"]}


def page(template: str, status: int = 200, **context):
    """A portal page."""
    return render_template(f"portal/{template}", **context), status


def not_found():
    """The page of an entry or competition that does not exist or is not the caller's (404, never 403)."""
    return page("message.html", 404, key="not_found")


def refused():
    """A form post without this session's CSRF token: nothing changes (403)."""
    return page("message.html", 403, key="form_expired")


def _too_large(_exc):
    """A post bigger than the platform takes (2 MiB): said on a page, nothing changed."""
    return page("message.html", 413, key="too_large")


def principal():
    """The signed-in region (set by the guard)."""
    return g.principal
