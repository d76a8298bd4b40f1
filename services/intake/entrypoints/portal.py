"""The region portal (/portal/): a region's Admin Lokal drafts, submits and follows its entries here.

Server-rendered pages in Bahasa Indonesia (English with ?lang=en), for the `region` role only, signed in at
the platform's sign-in desk (shared.web.people). Every form post carries the session's CSRF token; the
pages' script (static/portal.js) calls intake's own JSON API with the session cookie and the
X-CSRF-Token header, and every page also works as plain forms without it. This module: the home page,
the new-entry form and a stage's shortlist during its objection window; portal_entry.py: one entry.
"""
from __future__ import annotations

from flask import Blueprint, redirect, request, url_for

from shared.web import people
from shared.web.app import deps
from services.intake.handlers import competitions as competition_handlers, outcomes as outcome_handlers
from services.intake.entrypoints import portal_actions as actions, portal_forms as forms, portal_rules, portal_views
from services.intake.entrypoints.portal_common import (ROLE, STATIC, TEMPLATES, lang, not_found, now, page, principal,
                                                       setup)

portal = setup(Blueprint("portal", __name__, url_prefix="/portal", template_folder=TEMPLATES,
                         static_folder=STATIC, static_url_path="/static"))


@people.page(portal.get("/"), ROLE,
             "Region portal: the open competitions with their countdown, and the region's entries with their "
             "status and newest outcome")
def home():
    return page("home.html", competitions=portal_views.home(deps(), principal(), now(), lang()))


@people.page(portal.get("/kompetisi/<cid>/baru"), ROLE,
             "Region portal: the new-entry form, built from the competition's definition", errors=(404,))
def new_entry(cid):
    return _new_form(competition_handlers.get_competition(deps(), cid), {}, {})


@people.page(portal.post("/kompetisi/<cid>/baru"), ROLE,
             "Region portal: create the draft (the API's create handler); refusals shown at their fields",
             errors=(404, 413, 422))
def create_entry(cid):
    definition = competition_handlers.get_competition(deps(), cid)
    created, refused = actions.create(deps(), definition, request.form, principal())
    if refused:
        return _new_form(definition, forms.values_of_form(request.form), portal_rules.by_field(refused, lang()), 422)
    return redirect(url_for("portal_entry.show", entry_id=created["id"], notice="created"), 303)


def _new_form(definition: dict, values: dict, errors: dict, status: int = 200):
    choices = portal_views.region_choices(principal().region)
    if not values:  # one region to choose from: chosen
        values = {"agency.region_code": choices[0][0]} if len(choices) == 1 else {}
    return page("new.html", status, definition=definition, labels=portal_views.labels(definition, lang()),
                countdown=portal_views.countdown(definition, now(), lang()), values=values, errors=errors,
                choices=choices)


@people.page(portal.get("/kompetisi/<cid>/keberatan/<stage>"), ROLE,
             "Region portal: a stage's shortlisted entries while its objection window is open, each with the way to "
             "review's objection page", errors=(404,))
def objections(cid, stage):
    definition = competition_handlers.get_competition(deps(), cid)
    if stage not in {s["key"] for s in definition["stages"]}:
        return not_found()
    window = next((w for w in outcome_handlers.open_objection_windows(deps(), definition, now()) if w["stage"] == stage), None)
    listed = outcome_handlers.shortlist(deps(), cid, stage) if window else []
    return page("objections.html", definition=definition, stage=stage, window=window, listed=listed,
                labels=portal_views.labels(definition, lang()),
                countdown=portal_views.countdown(definition, now(), lang()))
