"""The secretariat's console on intake (/konsol/kompetisi/): list, create and edit competition definitions.

The page posts a form whose inputs are named as the API's error paths; console_form turns it into the body
PUT /api/v1/competitions/{cid} takes, the API's schema (schemas_competition, with the domain's rules) checks
it, and the same handler saves and publishes it. A refused form comes back with each message at its field.
Admin only (every view is a `people.page(..., "admin", ...)`); CSRF on every form; Bahasa Indonesia, English on request.
"""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from shared.errors import NotFound
from shared.web import csrf, language, people
from shared.web.problem import flatten_errors
from shared.web.app import deps
from services.intake.handlers import competitions as competition_handlers
from services.intake.domain import competitions
from services.intake.entrypoints import console_form
from services.intake.entrypoints.schemas_competition import Competition
from services.intake.entrypoints.console_words import said, words

console = Blueprint("console_competitions", __name__, url_prefix="/konsol/kompetisi", template_folder="../templates",
                    static_folder="../static", static_url_path="/static")


@console.context_processor
def page_globals() -> dict:
    lang = language.current()
    return {"t": words(lang), "area": "competitions", "say": lambda messages: said(messages, lang),
            "clusters": competitions.CLUSTERS, "notice": request.args.get("notice")}


console.after_request(people.never_cached)


def refused():
    """A form post without this session's CSRF token: nothing changes (403)."""
    return render_template("console/message.html", key="csrf"), 403


csrf.protect(console, lambda: people.people().sessions, refused)


@people.page(console.get("/"), "admin",
             "Secretariat console: the competition definitions")
def index():
    found, _ = competition_handlers.list_competitions(deps(), None, 500)
    return render_template("console/competitions.html", competitions=found,
                           wib={d["id"]: (console_form.to_wib(d["opens_at"]), console_form.to_wib(d["closes_at"]))
                                for d in found})


@people.page(console.get("/baru"), "admin",
             "Secretariat console: a new competition's form, started from DESIGN §5's shape")
def new():
    return _form(console_form.values(console_form.TEMPLATE), creating=True)


@people.page(console.post("/baru"), "admin",
             "Secretariat console: create a competition (checked and published as PUT /api/v1/competitions/{cid})",
             errors=(409, 422))
def create():
    shown, body = console_form.posted(request.form)
    if body["id"] and _exists(body["id"]):
        return _form(shown, {"id": [words(language.current())["taken"]]}, creating=True, status=409)
    return _save(shown, body, creating=True)


@people.page(console.get("/<cid>"), "admin",
             "Secretariat console: a competition's form, to edit", errors=(404,))
def edit(cid):
    try:
        definition = competition_handlers.get_competition(deps(), cid)
    except NotFound:
        return render_template("console/message.html", key="not_found"), 404
    return _form(console_form.values(definition))


@people.page(console.post("/<cid>"), "admin",
             "Secretariat console: save a competition (checked and published as PUT /api/v1/competitions/{cid})",
             errors=(404, 422))
def save(cid):
    shown, body = console_form.posted(request.form)
    if body["id"] != cid:
        return _form(shown, {"id": [f"must equal the id in the path, {cid}"]}, status=422)
    return _save(shown, body)


def _exists(cid: str) -> bool:
    try:
        competition_handlers.get_competition(deps(), cid)
    except NotFound:
        return False
    return True


def _save(shown: dict, body: dict, creating: bool = False):
    """Check the body with the API's schema; save and publish it, or show the form again with the errors."""
    try:
        definition = Competition().load(body)
    except ValidationError as exc:
        return _form(shown, flatten_errors(exc.messages), creating=creating, status=422)
    competition_handlers.put_competition(deps(), definition, g.request_id)
    return redirect(url_for("console_competitions.edit", cid=definition["id"], notice="saved"))


def _form(shown: dict, errors: dict | None = None, creating: bool = False, status: int = 200):
    return render_template("console/competition.html", f=console_form.with_blank_rows(shown), errors=errors or {},
                           creating=creating, weight_sum=console_form.weight_sum(shown),
                           rows=console_form.ROWS), status
