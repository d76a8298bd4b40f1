"""The judges' web UI under /judge/: server-rendered pages in Bahasa Indonesia (English on request).

A judge signs in at the platform's sign-in desk with the address in the registry (shared.web.people);
every page needs a judge's session. Every form post carries the session's CSRF token, checked by
shared/web/csrf.py before any view runs. A redirect after a post names its one-line notice in the
query (`?notice=saved&revision=2`), so no message has to be kept in a cookie or the session.
"""
from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for

from shared.errors import NotFound
from shared.web import csrf, language, people
from shared.web.openapi import doc
from shared.web.app import deps
from services.review.domain.errors import AssignmentNotOpen, InvalidScores, NoJudgeAvailable, StageClosed
from services.review.entrypoints import i18n
from services.review.handlers import listing as listing_handlers, scoring

judge = Blueprint("judge", __name__, url_prefix="/judge", template_folder="../templates",
                  static_folder="../static", static_url_path="/static")
ORDER = {"pending": 0, "scored": 1, "recused": 2}  # work still to do comes first
NOTICES = {"saved": "ok", "recused_done": "ok", "recused_nojudge": "warn"}  # key → look


@judge.before_request
def a_registered_judge():
    """Every page but the static files needs a judge's session, and the judge in the registry."""
    g.lang = language.current()
    if request.endpoint == "judge.static":
        return None  # a stylesheet or the script: no need to look the session up
    refused_page = people.refusal("judge")  # to the sign-in desk, or not a judge
    if refused_page is not None:
        return refused_page
    if deps().store.get_judge(g.principal.sub) is None:
        return render_template("message.html", key="not_registered"), 403
    return None


judge.after_request(people.never_cached)


@judge.context_processor
def page_globals():
    lang = g.get("lang", "id")
    return {"t": i18n.words(lang), "problems": i18n.PROBLEMS[lang], "flash_message": _notice(lang), "area": "judge"}


def _notice(lang: str) -> tuple[str, str] | None:
    """(look, text) of the notice the query names, in the page's language; None for no known notice."""
    key, revision = request.args.get("notice"), request.args.get("revision", "")
    if key not in NOTICES:
        return None
    return NOTICES[key], i18n.words(lang)[key].format(revision=int(revision) if revision.isdigit() else "?")


def refused():
    """A form post without this session's (or the sign-in form's) CSRF token: nothing changes (403)."""
    return render_template("message.html", key="csrf"), 403


csrf.protect(judge, lambda: people.people().sessions, refused)


@judge.get("/")
@doc("Judges' web UI: home (redirects to the assignments); signed out, to the sign-in desk", page=True)
def home():
    return redirect(url_for("judge.assignments"))


@judge.get("/assignments")
@doc("Judges' web UI: my assignments with progress (session cookie)", page=True)
def assignments():
    listing = listing_handlers.list_page(deps().store, g.principal, {}, 500, None)
    listing["items"].sort(key=lambda a: (ORDER.get(a["status"], 9), a.get("due_at") or "", a.get("title") or ""))
    return render_template("assignments.html", listing=listing)


@judge.get("/assignments/<aid>")
@doc("Judges' web UI: the entry and the weighted rubric side by side, with the score form (session cookie)", page=True)
def assignment(aid):
    return _detail(aid)


@judge.post("/assignments/<aid>/score")
@doc("Judges' web UI: save scores (a new revision); errors shown on the page (session cookie)", page=True)
def score(aid):
    given = {key[6:]: _number(value) for key, value in request.form.items() if key.startswith("score-")}
    try:
        saved = scoring.score(deps().store, aid, given, request.form.get("comment", ""), g.principal, g.request_id)
    except InvalidScores as exc:
        return _detail(aid, errors=i18n.worded(exc.errors, g.lang), values=request.form, status=422)
    except (StageClosed, AssignmentNotOpen) as exc:
        return _locked(aid, exc)
    return redirect(url_for("judge.assignment", aid=aid, notice="saved", revision=saved["revision"]))


@judge.post("/assignments/<aid>/recuse")
@doc("Judges' web UI: recuse with a reason; the entry is reassigned (session cookie)", page=True)
def recuse(aid):
    reason = request.form.get("reason", "").strip()
    if len(reason) < 3:
        return _detail(aid, notice="reason_short", status=400)
    try:
        scoring.recuse(deps().store, aid, reason, g.principal, g.request_id, deps().due_days)
        notice = "recused_done"
    except NoJudgeAvailable:
        notice = "recused_nojudge"
    except (StageClosed, AssignmentNotOpen) as exc:
        return _locked(aid, exc)
    return redirect(url_for("judge.assignments", notice=notice))


def _detail(aid: str, errors: dict | None = None, values=None, notice: str | None = None, status: int = 200):
    """The entry and the rubric side by side, with the score form (and what is wrong with it)."""
    try:
        data = scoring.read(deps().store, aid, g.principal)
    except NotFound:
        return render_template("message.html", key="not_found"), 404
    current = data["assignment"].get("scores") or {}
    filled = {c["key"]: (values.get("score-" + c["key"], "") if values is not None else _shown(current.get(c["key"])))
              for c in data["rubric"]["criteria"]}
    comment = values.get("comment", "") if values is not None else (data["assignment"].get("comment") or "")
    return render_template("assignment.html", data=data, errors=errors or {}, filled=filled, comment=comment,
                           notice=notice), status


def _locked(aid: str, refused: StageClosed | AssignmentNotOpen):
    """The page again, saying why the assignment can no longer change (409)."""
    return _detail(aid, notice="closed" if isinstance(refused, StageClosed) else "not_open", status=409)


def _number(text: str):
    """A form value as a number when it reads as one (a decimal comma is fine), else the text."""
    cleaned = text.strip().replace(",", ".")
    try:
        return float(cleaned) if cleaned else None
    except ValueError:
        return text


def _shown(value) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)
