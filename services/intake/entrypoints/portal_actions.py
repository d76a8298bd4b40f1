"""What the portal's forms do, through the same handlers as the API: create, save, submit, withdraw, attach.

Each returns what happened and the refusals, never raising a rule at the page: a form with a bad field
is shown again with the message at that field and the rest kept. Saving keeps every field it can: the
fields a rule refuses are left out and the others saved (as the editor's script does with the API), so a
draft never loses what was right because something else was wrong.
"""
from __future__ import annotations

from marshmallow import ValidationError

from shared.auth.tokens import Principal
from shared.errors import RuleBroken
from services.intake.handlers import attachments, entries as entry_handlers
from services.intake.bootstrap import Deps
from services.intake.domain.attachments import MAX_BYTES
from services.intake.entrypoints import portal_forms as forms, schemas
from services.intake.entrypoints.portal_rules import Refusal

ATTEMPTS = 4  # each further attempt saves what is left after a refusal


def create(deps: Deps, definition: dict, form, principal: Principal) -> tuple[dict | None, list[Refusal]]:
    """A new draft from the new-entry form, or the refusals."""
    fields, refused = forms.load(forms.identity(form))
    if refused:
        return None, refused
    try:
        return entry_handlers.create_entry(deps, definition["id"], fields, principal), []
    except RuleBroken as exc:
        return None, forms.refusals_of(exc, definition)


def save(deps: Deps, entry: dict, definition: dict, form, principal: Principal) -> tuple[dict, list[Refusal]]:
    """Save the editor's form into the draft: every change a rule allows; the refusals of the rest."""
    change = forms.changes(entry, forms.draft(form, definition))
    refused: list[Refusal] = []
    for _ in range(ATTEMPTS):
        if not change:
            break
        fields, bad = forms.load(change, partial=True)
        try:
            if not bad:
                return entry_handlers.patch_entry(deps, entry["_id"], fields, principal), refused
        except RuleBroken as exc:
            bad = forms.refusals_of(exc, definition, entry)
            if exc.rule == "not-a-draft":
                return entry, refused + bad
        refused += bad
        for refusal in bad:
            change = forms.without(change, refusal.field)
    return entry, refused


def submit(deps: Deps, entry: dict, definition: dict, form, principal: Principal,
           request_id: str | None) -> tuple[dict | None, list[Refusal]]:
    """Save the form, then submit the draft; None and every refusal when any rule says no."""
    saved, refused = save(deps, entry, definition, form, principal)
    if refused:
        return None, refused
    try:
        return entry_handlers.submit_entry(deps, entry["_id"], principal, request_id), []
    except RuleBroken as exc:
        return None, forms.refusals_of(exc, definition, {**entry, **saved})


def withdraw(deps: Deps, entry_id: str, form, principal: Principal,
             request_id: str | None) -> tuple[dict | None, list[Refusal]]:
    """Withdraw a submitted entry with the form's reason, or the refusals."""
    try:
        reason = schemas.Withdrawal().load({"reason": (form.get("reason") or "").replace("\r\n", "\n").strip()})
    except ValidationError:  # the reason is missing, too short or too long, or holds a control character
        return None, [Refusal("reason")]
    try:
        return entry_handlers.withdraw_entry(deps, entry_id, reason["reason"], principal, request_id), []
    except RuleBroken as exc:
        return None, forms.refusals_of(exc)


def attach(deps: Deps, entry_id: str, upload, principal: Principal) -> list[Refusal]:
    """Attach the uploaded PDF to the draft; the refusals when it is none (or too big, or one too many)."""
    if upload is None or not upload.filename:
        return [Refusal("file")]
    try:
        attachments.add_attachment(deps, entry_id, principal, upload.filename, upload.stream.read(MAX_BYTES + 1),
                                   upload.mimetype)
    except RuleBroken as exc:
        return [Refusal("file", exc.rule)]
    return []


def detach(deps: Deps, entry_id: str, attachment_id: str, principal: Principal) -> list[Refusal]:
    """Remove an attachment from the draft."""
    try:
        attachments.remove_attachment(deps, entry_id, attachment_id, principal)
    except RuleBroken as exc:
        return [Refusal("file", exc.rule)]
    return []
