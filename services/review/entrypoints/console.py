"""The secretariat's console on review (/konsol/): pages in Bahasa Indonesia (English on request) over
review's handlers, for the admin role only (every view is a `people.page(..., "admin", ...)`).

Each part (home, screening, judges and panels, assignment, results, audit, jobs) is a blueprint of its
own module, made here alike: the shared frame kipp/base.html, the console's words, CSRF on every form,
never cached. Work that may take long (bulk screening, an assignment run, closing a stage, releasing a
judge) runs as a job (handlers/jobs.py): the form's answer is the job's page, whose script polls
/api/v1/jobs/<id> and shows a progress bar. A refused form is shown again with the message at its
field; a redirect after a post names its one-line notice in the query (`?notice=…`).
"""
from __future__ import annotations

from datetime import timedelta, timezone

from flask import Blueprint, g, redirect, render_template, request, url_for

from shared.errors import Invalid, NotFound, RuleBroken
from shared.web import csrf, language, people
from shared.web.app import deps
from services.review.domain.errors import FieldErrors
from services.review.domain.progress import instant
from services.review.entrypoints.console_words import REASONS, words
from services.review.handlers import jobs

PAGE_SIZE = 50
WIB = timezone(timedelta(hours=7))


def blueprint(name: str, import_name: str, static: bool = False) -> Blueprint:
    """A console blueprint under /konsol, with the frame's context, CSRF checks and no caching."""
    extra = {"static_folder": "../static", "static_url_path": "/static"} if static else {}
    part = Blueprint(name, import_name, url_prefix="/konsol", template_folder="../templates", **extra)
    part.context_processor(page_globals)
    part.after_request(people.never_cached)
    csrf.protect(part, lambda: people.people().sessions, refused)
    return part


def page_globals() -> dict:
    lang = language.current()
    return {"t": words(lang), "area": "console", "notice": _notice(lang), "wib": wib, "say": say,
            "reasons": REASONS}


def say(field: str, messages) -> str:
    """A field's messages in the page's language: a code or a schema's message is worded by the console; a
    refusal comes worded already (refusal_text)."""
    t = words(language.current())
    refusals = t["rules"].values()
    worded = [m if m in refusals else t["codes"].get(m) or t["field_msgs"].get(field.rsplit(".", 1)[-1]) or m
              for m in messages]
    return " ".join(dict.fromkeys(worded))


def refusal_text(exc: RuleBroken | NotFound) -> str:
    """A refused action's message in the page's language: the console words each of review's rules and
    "not found" (the API's own text is for API clients, in either language); a rule it does not word keeps
    its text."""
    rule = exc.rule if isinstance(exc, RuleBroken) else "not-found"
    return words(language.current())["rules"].get(rule) or str(exc)


def form_errors(exc: RuleBroken, field: str) -> dict:
    """A refused form's errors: bad values field by field (worded by `say`), any other refusal worded at `field`."""
    if isinstance(exc, (Invalid, FieldErrors)) and exc.errors:
        return exc.errors
    return {field: [refusal_text(exc)]}


def refused():
    """A form post without this session's CSRF token: nothing changes (403)."""
    return render_template("console/message.html", key="csrf"), 403


def render(template: str, status: int = 200, **context):
    """A console page."""
    return render_template(f"console/{template}", **context), status


def handled(read, template: str, status: int = 200, errors: dict | None = None, **context):
    """Render `template` with what `read()` returns as `data` (a refused form's `errors` at their fields, with
    its `status`); a missing competition or stage is a 404 page, a stage of the wrong kind a 409 page."""
    try:
        data = read()
    except NotFound as exc:
        return missing(exc)
    except RuleBroken as exc:
        return render("message.html", exc.status, key="refused", detail=refusal_text(exc))
    return render(template, status, data=data, errors=errors or {}, **context)


def missing(exc: NotFound):
    """The page for something that is not there (404)."""
    return render("message.html", 404, key="not_found", detail=refusal_text(exc))


def start_job(kind: str, cid: str, stage: str | None, work, back_to: str, **about):
    """Start `work(store, principal, request_id, progress)` as a job; the answer is the job's page, which
    links back to `back_to` when it ends."""
    store, principal, request_id = deps().store, g.principal, g.request_id
    job_id = jobs.start(store, kind, cid, stage, principal,
                        lambda progress: work(store, principal, request_id, progress), back=back_to, **about)
    return back("console.job", job_id=job_id)


def back(endpoint: str, notice: str | None = None, **values):
    """A redirect to a console page, naming its notice."""
    if notice:
        values["notice"] = notice
    return redirect(url_for(endpoint, **values))


def number_arg(name: str, default: int = 1) -> int:
    raw = request.args.get(name, "")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10 ** 6 else default


def wib(value) -> str:
    """An instant as the console shows it: its date and time in WIB (UTC+7)."""
    moment = instant(value)
    if moment is None:
        return "—"
    return moment.astimezone(WIB).strftime("%d-%m-%Y %H:%M") + " WIB"


def _notice(lang: str) -> tuple[str, str] | None:
    """(look, text) of the notice the query names; None for no known notice."""
    key = request.args.get("notice", "")
    text = words(lang)["notices"].get(key)
    if text is None:
        return None
    values = {name: request.args.get(name, "") for name in ("n", "entry", "judge", "promoted")}
    return ("warn" if key.endswith("_warn") else "ok"), text.format(**values)

