"""A region's objection to a shortlisted entry, as a page: /keberatan/<cid>/<stage>/<entry_id>.

review owns objections; the region portal (intake's /portal/) lists a stage's shortlist while its objection
window is open and links here. A region's Admin Lokal signs in at the platform's sign-in desk
(shared.web.people), writes a reason and sends it with the session's CSRF token; the page files it with the
same handler as the API (services/review/handlers/objections.py `file`) and shows its refusals (window
closed, already filed, not on the list) in the person's language. Before the form it says which of them
already applies, and once the region has objected it shows that objection and what became of it.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, g, redirect, render_template, request, url_for
from marshmallow import ValidationError

from shared import text
from shared.errors import NotFound, RuleBroken
from shared.web import csrf, language, people
from shared.web.app import deps
from services.review.domain import objections as rules
from services.review.domain.competitions import scored_stage
from services.review.entrypoints import schemas
from services.review.entrypoints.objection_words import stage_name, wib, words
from services.review.handlers import objections

keberatan = Blueprint("keberatan", __name__, url_prefix="/keberatan", template_folder="../templates")
PATH = "/<cid>/<stage>/<entry_id>"
ROLE = "region"
ABOUT_THE_REASON = ("reason-required", "reason-length", "control-character")  # the form is shown again


def refused():
    """A post without this session's CSRF token: nothing changes (403)."""
    return render_template("keberatan/message.html", key="form_expired"), 403


csrf.protect(keberatan, lambda: people.people().sessions, refused)


@keberatan.context_processor
def page_words():
    lang = language.current()
    return {"area": "portal", "ow": words(lang), "portal_url": people.people().urls["intake"] + "/portal/"}


keberatan.after_request(people.never_cached)


@people.page(keberatan.get(PATH), ROLE,
             "Regions: the objection form for a shortlisted entry, or why none can be filed (HTML)", errors=(404,))
def show(cid, stage, entry_id):
    found = _situation(cid, stage, entry_id)
    if found is None:
        return render_template("keberatan/message.html", key="not_found"), 404
    notice = request.args.get("notice") == "filed" and found["mine"] is not None
    return _page(found, _blocker(found), notice=notice)


@people.page(keberatan.post(PATH), ROLE,
             "Regions: file the objection (review's objection handler); refusals shown on the page",
             errors=(404, 409, 413, 422))
def file(cid, stage, entry_id):
    found = _situation(cid, stage, entry_id)
    if found is None:
        return render_template("keberatan/message.html", key="not_found"), 404
    reason = (request.form.get("reason") or "").replace("\r\n", "\n").strip()
    problem = _reason_problem(reason)
    if problem:
        return _page(found, (problem, {}), reason=reason, status=422)
    try:
        objections.file(deps().store, cid, stage, entry_id, reason, g.principal, g.request_id)
    except RuleBroken as exc:
        return _page(_situation(cid, stage, entry_id), (exc.rule, exc.extra), reason=reason, status=exc.status)
    return redirect(url_for("keberatan.show", cid=cid, stage=stage, entry_id=entry_id, notice="filed"), 303)


def _reason_problem(reason: str) -> str | None:
    if not reason:
        return "reason-required"
    if text.first_forbidden(reason, multiline=True):
        return "control-character"
    try:
        schemas.ObjectionBody().load({"entry_id": "x", "reason": reason})
    except ValidationError:
        return "reason-length"
    return None


def _situation(cid: str, stage_key: str, entry_id: str) -> dict | None:
    """The competition, the entry, the stage's published list and window, and this region's objection;
    None when the competition, the scored stage or the entry is unknown here."""
    store = deps().store
    definition = store.get_competition(cid)
    entry = store.entries_by_id(cid, [entry_id]).get(entry_id) if definition else None
    try:
        stage = scored_stage(definition, stage_key) if entry else None
    except (NotFound, RuleBroken):
        stage = None
    if stage is None:
        return None
    listed = store.results.shortlist(cid, stage_key) or {}
    published_at = listed.get("published_at") if listed.get("status") == "published" else None
    try:
        window = rules.objection_window(published_at, definition.get("objection_days")) if published_at else None
    except RuleBroken:
        window = None
    mine = [o for o in store.results.objections_of(cid, stage_key, entry_id) if o.get("region") == g.principal.region]
    return {"definition": definition, "stage": stage_key, "entry": entry, "window": window,
            "pick": next((p for p in listed.get("picks") or [] if p["entry_id"] == entry_id), None),
            "mine": mine[0] if mine else None}


def _blocker(found: dict) -> tuple[str, dict] | None:
    """The refusal filing would meet now, if any (the handler checks again when the form is sent)."""
    if found["mine"] is not None:
        return None  # the page shows the region's objection instead of the form
    if found["window"] is None:
        return "shortlist-not-published", {}
    if not found["window"].is_open(datetime.now(timezone.utc)):
        return "objection-window-closed", found["window"].as_dict()
    if found["pick"] is None:
        return "not-shortlisted", {}
    return None


def _stage_label(found: dict, lang: str) -> str:
    """The stage's name: the definition's label when it has one, else the page's word for its key."""
    stage = next((s for s in found["definition"].get("stages") or [] if s.get("key") == found["stage"]), {})
    return stage.get("label") or stage_name(found["stage"], lang)


def _page(found: dict, refusal: tuple[str, dict] | None, reason: str = "", notice: bool = False, status: int = 200):
    """The objection page: the entry, the window, the region's objection or the form, and the refusal."""
    lang = language.current()
    said = None
    if refusal is not None:
        rule, params = refusal
        shown = {k: wib(rules.instant(v), lang) for k, v in (params or {}).items() if k in ("opens_at", "closes_at")}
        template = words(lang)["refusals"].get(rule) or words(lang)["refusals"]["not-shortlisted"]
        said = template.format(opens=shown.get("opens_at", "?"), closes=shown.get("closes_at", "?"))
    window = found["window"]
    can_file = found["mine"] is None and (refusal is None or refusal[0] in ABOUT_THE_REASON)
    filed_at = wib(rules.instant(found["mine"]["filed_at"]), lang) if found["mine"] else None
    return render_template("keberatan/form.html", found=found, refusal=said, reason=reason, notice=notice,
                           can_file=can_file, stage_label=_stage_label(found, lang), filed_at=filed_at,
                           window_text=(wib(window.opens_at, lang), wib(window.closes_at, lang)) if window else None
                           ), status
