"""The portal's forms as the API's bodies, and back. No I/O.

Form fields are named as the API's fields ("title", "agency.region_code", "sections.ringkasan",
"contact.email"; "sdgs" repeated, "videos" one per line), so a refusal of the API names the form field it
is shown at (portal_rules.form_field), and the editor's script builds the same PATCH from the same names.
"""
from __future__ import annotations

from marshmallow import ValidationError

from shared.errors import RuleBroken
from shared.web.problem import flatten_errors
from services.intake.domain.errors import Ineligible
from services.intake.entrypoints import schemas
from services.intake.entrypoints.portal_rules import Refusal

IDENTITY = ("title", "group", "category", "implemented_since")
WHOLE_OBJECTS = {"agency": ("name", "cluster", "region_code"), "contact": ("name", "email")}


def _line(form, name: str) -> str:
    return (form.get(name) or "").strip()


def _text(form, name: str) -> str:
    """A textarea's text as a script reads it: browsers post line breaks as CRLF."""
    return (form.get(name) or "").replace("\r\n", "\n")


def identity(form) -> dict:
    """The fields of the new-entry form, as the create call's body."""
    body = {name: _line(form, name) for name in IDENTITY}
    for name, parts in WHOLE_OBJECTS.items():
        body[name] = {part: _line(form, f"{name}.{part}") for part in parts}
    return body


def draft(form, definition: dict) -> dict:
    """The whole editor form, as the API's body of a PATCH that changes everything."""
    body = identity(form)
    body["sdgs"] = [int(v) if v.isdigit() else v for v in form.getlist("sdgs")]
    body["videos"] = [line.strip() for line in _text(form, "videos").split("\n") if line.strip()]
    body["sections"] = {s["key"]: _text(form, f"sections.{s['key']}") for s in definition["sections"]}
    return body


def values_of_entry(entry: dict) -> dict:
    """The editor's fields filled from the stored draft."""
    values = {name: entry.get(name) or "" for name in IDENTITY}
    for name, parts in WHOLE_OBJECTS.items():
        values.update({f"{name}.{part}": (entry.get(name) or {}).get(part) or "" for part in parts})
    values["sdgs"] = [str(n) for n in entry.get("sdgs") or []]
    values["videos"] = "\n".join(entry.get("videos") or [])
    values.update({f"sections.{k}": text or "" for k, text in (entry.get("sections") or {}).items()})
    return values


def values_of_form(form, definition: dict | None = None) -> dict:
    """The fields as they were posted, to show them again beside their refusals."""
    values = {name: form.get(name, "") for name in IDENTITY}
    for name, parts in WHOLE_OBJECTS.items():
        values.update({f"{name}.{part}": form.get(f"{name}.{part}", "") for part in parts})
    values["sdgs"] = form.getlist("sdgs")
    values["videos"] = _text(form, "videos")
    for section in (definition or {}).get("sections") or []:
        values[f"sections.{section['key']}"] = _text(form, f"sections.{section['key']}")
    return values


def changes(entry: dict, body: dict) -> dict:
    """What `body` changes in the stored draft: whole fields, and sections key by key."""
    found = {k: v for k, v in body.items() if k != "sections" and entry.get(k) != v}
    kept = entry.get("sections") or {}
    sections = {k: v for k, v in (body.get("sections") or {}).items() if (kept.get(k) or "") != v}
    if sections:
        found["sections"] = sections
    return found


def without(change: dict, api_field: str) -> dict:
    """`change` less the part a refusal of `api_field` concerns (a section, or a whole top-level field)."""
    top, _, rest = api_field.partition(".")
    if top == "sections" and rest and isinstance(change.get("sections"), dict):
        sections = {k: v for k, v in change["sections"].items() if k != rest.split(".")[0]}
        return {**{k: v for k, v in change.items() if k != "sections"}, **({"sections": sections} if sections else {})}
    if top in change:
        return {k: v for k, v in change.items() if k != top}
    return change


def load(body: dict, partial: bool = False) -> tuple[dict, list[Refusal]]:
    """The body as the handlers take it, or the refusals of the body schema (as the API's 422 names them)."""
    try:
        return schemas.as_fields(schemas.EntryDraft().load(body, partial=schemas.PATCHABLE if partial else False)), []
    except ValidationError as exc:
        return {}, [Refusal(name, None, {}, " ".join(map(str, messages)))
                    for name, messages in flatten_errors(exc.messages).items()]


def refusals_of(exc: RuleBroken, definition: dict | None = None, entry: dict | None = None) -> list[Refusal]:
    """The refusals a handler's error stands for, with what their messages need."""
    if isinstance(exc, Ineligible):
        return [Refusal(v.field, v.rule, v.params) for v in exc.violations]
    params = {}
    if exc.rule == "window-closed" and definition:
        params = {"opens": definition["opens_at"], "closes": definition["closes_at"]}
    elif exc.rule == "agency-cap" and definition and entry:
        caps = (definition.get("eligibility") or {}).get("max_entries_per_agency") or {}
        params = {"cap": caps.get(entry.get("group")), "group": entry.get("group")}
    return [Refusal(exc.field or "_form", exc.rule, params)]

