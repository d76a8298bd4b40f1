"""Every rule intake can refuse a region's entry with (services/intake/domain/eligibility.py, errors.py), worded
for people in Bahasa Indonesia and English, and the form field each one is shown at.

A refusal names the API's field ("sections.ringkasan", "agency.region_code", "videos.2", "agency"); the
portal shows it at the form field that holds it (`form_field`). A refusal without a rule is a field the
body schema refused (a missing title, a bad e-mail): it is worded by what that field asks for (FIELDS).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from shared import regions
from shared.web.words import catalog, in_language
from services.intake.entrypoints.portal_words import day, label, wib

FORM = "_form"  # a refusal about the whole entry (the window), shown above the form

CATALOG = catalog(Path(__file__).parents[1] / "words" / "portal.json")
RULES = CATALOG["rules"]  # by language: each rule's wording, its values named in braces
FIELDS = CATALOG["fields"]  # by language: what a field the body schema refused asks for
WHOLE = {"agency": "agency.name", "contact": "contact.name", "closes_at": FORM, "_schema": FORM,
         "Idempotency-Key": FORM, "entry_id": FORM}


@dataclass(frozen=True)
class Refusal:
    """One reason the portal could not do what was asked: the API field it concerns, the rule (None for a
    field the body schema refused) and the numbers and names its message needs."""
    field: str
    rule: str | None = None
    params: dict = field(default_factory=dict)
    text: str = ""  # what the schema said, to tell a control character from any other bad value


def form_field(api_field: str | None) -> str:
    """The form field a refusal of `api_field` is shown at."""
    if not api_field:
        return FORM
    if api_field in WHOLE:
        return WHOLE[api_field]
    top, _, rest = api_field.partition(".")
    if top == "sections" and rest:
        return f"sections.{rest.split('.')[0]}"
    if top in ("agency", "contact") and rest:
        return f"{top}.{rest.split('.')[0]}"
    return top


def field_help(name: str, lang: str) -> str:
    """What a form field asks for."""
    found = in_language(FIELDS, lang)
    return found.get(name) or found.get(name.split(".")[0]) or found[FORM]


def say(refusal: Refusal, lang: str) -> str:
    """A refusal as a sentence in `lang`."""
    rule = refusal.rule or ("control-character" if refusal.text.startswith("control-character") else None)
    template = in_language(RULES, lang).get(rule or "")
    if template is None:
        return field_help(form_field(refusal.field), lang)
    params = worded(refusal.params, lang)
    try:
        return template.format(**params)
    except (KeyError, IndexError):  # a refusal without its numbers: the sentence up to where they begin
        return template.split(" (")[0].split("{")[0].rstrip(" ;:,") + "."


def worded(params: dict, lang: str) -> dict:
    """A refusal's numbers and names as its sentence shows them: dates in words, codes with their names."""
    shown = dict(params)
    if "words" in params and "limit" in params:
        shown["over"] = params["words"] - params["limit"]
    for name in ("closes", "since"):
        if isinstance(params.get(name), str):
            shown[name] = day(params[name], lang) if len(params[name]) == 10 else wib(params[name], lang)
    for name in ("code", "region"):
        if params.get(name) and regions.name(params[name]):
            shown[name] = f"{regions.name(params[name])} ({params[name]})"
    if "cluster" in params:
        shown["cluster"] = label("clusters", params["cluster"], lang)
    if "group" in params:
        shown["group"] = label("groups", params["group"], lang)
    if "kind" in params:
        shown["kind"] = label("levels", params["kind"], lang)
    if "allowed" in params:
        shown["allowed"] = " / ".join(label("levels", kind, lang) for kind in params["allowed"])
    return shown


def by_field(refusals: list[Refusal], lang: str) -> dict[str, list[str]]:
    """{form field: [sentences]}, each sentence once."""
    found: dict[str, list[str]] = {}
    for refusal in refusals:
        sentence = say(refusal, lang)
        listed = found.setdefault(form_field(refusal.field), [])
        if sentence not in listed:
            listed.append(sentence)
    return found


def for_script(lang: str) -> dict:
    """The messages the editor's script words refusals of the API with (rules, and what each field asks)."""
    return {"rules": in_language(RULES, lang), "fields": in_language(FIELDS, lang)}
