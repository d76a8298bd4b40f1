"""The region portal's pages of one entry (/portal/entri/<id>): the draft's editor (sections with their word
limits, SDGs, videos, contact, PDF attachments) and, once submitted, its status, receipt, review's outcomes
and the withdrawal. Every post is a plain form that works without the page's script; with it, the editor
saves as the person types and uploads with a progress bar through intake's JSON API instead."""
from __future__ import annotations

from flask import Blueprint, g, redirect, request, url_for

from shared.web import people
from shared.web.app import deps
from services.intake.handlers import competitions as competition_handlers, entries as entry_handlers
from services.intake.domain import entries
from services.intake.domain.eligibility import count_words
from services.intake.entrypoints import portal_actions as actions, portal_forms as forms, portal_rules, portal_views
from services.intake.entrypoints.portal_common import ROLE, TEMPLATES, lang, now, page, principal, setup

entry_pages = setup(Blueprint("portal_entry", __name__, url_prefix="/portal/entri", template_folder=TEMPLATES))
ENTRY = "/<entry_id>"
STATES = {"window-closed", "duplicate-title", "agency-cap", "not-a-draft", "not-submitted", "already-screened",
          "too-many-attachments"}  # refusals by the entry's state, not its fields: 409
FILE_STATUS = {"file-too-large": 413, "not-a-pdf": 415, "declared-type-not-pdf": 415, "name-not-pdf": 415}


def _found(entry_id: str) -> tuple[dict, dict]:
    """The entry (as the store keeps it) and its competition, if the caller may see it; else NotFound."""
    entry = entry_handlers.get_entry(deps(), entry_id, principal())
    return entry, competition_handlers.get_competition(deps(), entry["competition_id"])


def _again(entry_id: str, notice: str):
    return redirect(url_for("portal_entry.show", entry_id=entry_id, notice=notice), 303)


@people.page(entry_pages.get(ENTRY), ROLE,
             "Region portal: a draft's editor, or a submitted entry's status, receipt and outcomes", errors=(404,))
def show(entry_id):
    return _page(*_found(entry_id))


@people.page(entry_pages.post(ENTRY), ROLE,
             "Region portal: save the draft's form (without the page's script); refused fields shown at their place",
             errors=(404, 409, 413, 422))
def save(entry_id):
    return _from_form(entry_id, "saved", lambda entry, definition: actions.save(
        deps(), entry, definition, request.form, principal()))


@people.page(entry_pages.post(ENTRY + "/ajukan"), ROLE,
             "Region portal: save the form and submit the draft; every eligibility rule shown at its field",
             errors=(404, 409, 413, 422))
def submit(entry_id):
    return _from_form(entry_id, "submitted", lambda entry, definition: actions.submit(
        deps(), entry, definition, request.form, principal(), g.request_id))


def _from_form(entry_id: str, notice: str, act):
    """Save (and maybe submit) the draft from its form: the page again with what was refused, or a redirect
    to it with `notice`."""
    entry, definition = _found(entry_id)
    _, refused = act(entry, definition)
    if refused:
        return _page(deps().store.get_entry(entry_id), definition, request.form, refused, _status(refused))
    return _again(entry_id, notice)


@people.page(entry_pages.post(ENTRY + "/lampiran"), ROLE,
             "Region portal: attach a PDF (at most 1 MiB; multipart field 'file')", errors=(404, 409, 413, 415, 422))
def upload(entry_id):
    entry, definition = _found(entry_id)
    refused = actions.attach(deps(), entry_id, request.files.get("file"), principal())
    if refused:
        return _page(entry, definition, None, refused, FILE_STATUS.get(refused[0].rule) or _status(refused))
    return _again(entry_id, "uploaded")


@people.page(entry_pages.post(ENTRY + "/lampiran/<attachment_id>/hapus"), ROLE,
             "Region portal: remove an attachment from the draft", errors=(404, 409, 422))
def remove(entry_id, attachment_id):
    entry, definition = _found(entry_id)
    refused = actions.detach(deps(), entry_id, attachment_id, principal())
    if refused:
        return _page(entry, definition, None, refused, _status(refused))
    return _again(entry_id, "removed")


@people.page(entry_pages.post(ENTRY + "/tarik"), ROLE,
             "Region portal: withdraw a submitted entry, with a reason, before its screening", errors=(404, 409, 422))
def withdraw(entry_id):
    entry, definition = _found(entry_id)
    _, refused = actions.withdraw(deps(), entry_id, request.form, principal(), g.request_id)
    if refused:
        return _page(entry, definition, request.form, refused, _status(refused))
    return _again(entry_id, "withdrawn")


def _status(refused: list) -> int:
    """409 when the entry's state refused (window, claims, no longer a draft), else 422 (the fields)."""
    return 409 if any(r.rule in STATES for r in refused) else 422


def _page(entry: dict, definition: dict, form=None, refused=(), status: int = 200):
    """The editor of a draft, or the page of a submitted or withdrawn entry."""
    chosen = lang()
    context = {"definition": definition, "labels": portal_views.labels(definition, chosen), "entry": entry,
               "countdown": portal_views.countdown(definition, now(), chosen),
               "errors": portal_rules.by_field(list(refused), chosen)}
    if entry["status"] != "draft":
        view = entry_handlers.read_entry(deps(), entry["_id"], principal())
        return page("entry.html", status, view=view, reason=(form or {}).get("reason", ""),
                    outcomes=[portal_views.describe(o, chosen) for o in view["outcomes"]],
                    can_withdraw=entry["status"] == "submitted" and view["screening"] is None, **context)
    values = forms.values_of_entry(entry)
    if form is not None:
        values.update(forms.values_of_form(form, definition))
    choices = portal_views.region_choices(principal().region)
    if values["agency.region_code"] not in {code for code, _ in choices}:
        choices.append((values["agency.region_code"], portal_views.region_name(values["agency.region_code"])))
    unsaved = {portal_rules.form_field(r.field) for r in refused}
    counts = {s["key"]: count_words(values.get(f"sections.{s['key']}")) for s in definition["sections"]}
    return page("editor.html", status, values=values, unsaved=unsaved, counts=counts, choices=choices,
                updated_at=entries.public_view(entry)["updated_at"],
                attachments=[entries.attachment_view(a) for a in entry.get("attachments") or []], **context)
