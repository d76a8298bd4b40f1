"""The competition form of the secretariat's console, both ways: a definition (DESIGN §5) as form values, and
the posted form as the body PUT /api/v1/competitions/{cid} takes, so the API's own schema and rules check it.

Every input is named by the path the API's errors use (`categories.0.label`, `quotas.max_per_province`), so
a refusal lands at its field. Dates are shown and entered in WIB. Rows left blank are dropped and the rest
renumbered before checking, so the numbers in the errors are those of the form shown again.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from werkzeug.datastructures import MultiDict

WIB = timezone(timedelta(hours=7))
ROWS = {"categories": ("key", "label"), "sections": ("key", "label", "max_words"),
        "criteria": ("key", "label", "weight"), "stages": ("key", "label", "kind", "judges_per_entry", "shortlist", "due_at")}
WHOLE = {"max_words", "judges_per_entry", "shortlist", "eligibility.min_age_months", "objection_days",
         "quotas.min_per_category", "quotas.max_per_province", "quotas.min_priority_regions"}
NUMBERS = {"weight", "score_scale.min", "score_scale.max"}
ROW_FIELD = re.compile(r"^(categories|sections|criteria|stages)\.(\d{1,3})\.([a-z_]+)$")
BLANK_ROWS = 2  # empty rows offered under each list, so rows can be added without the page's script

# a new competition starts from the shape of DESIGN §5 (the 2023 form's sections and weights)
TEMPLATE = {
    "groups": ["umum", "replikasi", "khusus"],
    "clusters": ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd"],
    "categories": [{"key": "kesehatan", "label": "Kesehatan"}, {"key": "pendidikan", "label": "Pendidikan"}],
    "sections": [{"key": key, "max_words": words} for key, words in (
        ("ringkasan", 200), ("latar_belakang", 300), ("kebaruan", 200), ("implementasi", 200),
        ("signifikansi", 600), ("adaptabilitas", 300), ("sumber_daya", 200), ("keberlanjutan", 500))],
    "criteria": [{"key": key, "weight": weight} for key, weight in (
        ("latar_belakang", 10), ("kebaruan", 15), ("implementasi", 5), ("signifikansi", 30), ("adaptabilitas", 20),
        ("sumber_daya", 5), ("keberlanjutan", 15))],
    "score_scale": {"min": 0, "max": 100},
    "eligibility": {"min_age_months": 24, "max_entries_per_agency": {"umum": 10, "replikasi": 5}, "excluded_titles": []},
    "stages": [{"key": "administrasi", "kind": "screening"},
               {"key": "evaluasi", "kind": "scored", "judges_per_entry": 3, "shortlist": 99},
               {"key": "wawancara", "kind": "scored", "judges_per_entry": 5, "shortlist": 45}],
    "normalization": "zscore", "blind_review": False, "objection_days": 5,
    "quotas": {"min_per_category": 1, "max_per_province": 12, "min_priority_regions": 5}, "priority_regions": [],
}


def values(definition: dict) -> dict:
    """A definition as the form shows it: flat values by input name, lists as rows, dates in WIB."""
    found = {"id": definition.get("id", ""), "name": definition.get("name", ""),
             "opens_at": to_wib(definition.get("opens_at")), "closes_at": to_wib(definition.get("closes_at")),
             "groups": ", ".join(definition.get("groups") or []), "clusters": list(definition.get("clusters") or []),
             "priority_regions": ", ".join(definition.get("priority_regions") or []),
             "normalization": definition.get("normalization", "zscore"),
             "blind_review": bool(definition.get("blind_review")),
             "objection_days": _text(definition.get("objection_days"))}
    for name, columns in ROWS.items():
        found[name] = [{column: to_wib(row.get(column)) if column == "due_at" else _text(row.get(column))
                        for column in columns} for row in definition.get(name) or []]
    for part, keys in (("score_scale", ("min", "max")),
                       ("quotas", ("min_per_category", "max_per_province", "min_priority_regions"))):
        for key in keys:
            found[f"{part}.{key}"] = _text((definition.get(part) or {}).get(key))
    eligibility = definition.get("eligibility") or {}
    found["eligibility.min_age_months"] = _text(eligibility.get("min_age_months"))
    found["eligibility.max_entries_per_agency"] = "\n".join(
        f"{group} = {cap}" for group, cap in (eligibility.get("max_entries_per_agency") or {}).items())
    found["eligibility.excluded_titles"] = "\n".join(eligibility.get("excluded_titles") or [])
    return found


def posted(form: MultiDict) -> tuple[dict, dict]:
    """The posted form as (form values to show again, the definition body for the API's schema)."""
    shown = {key: form.get(key, "").strip() for key in form if not ROW_FIELD.match(key) and key != "csrf"}
    shown["clusters"] = form.getlist("clusters")
    shown["blind_review"] = form.get("blind_review") == "on"
    for name in ROWS:
        shown[name] = _rows(form, name)
    return shown, body(shown)


def body(shown: dict) -> dict:
    """The definition the form's values say, for the API's schema to check (blank optional fields left out)."""
    found = {"id": shown.get("id", ""), "name": shown.get("name", ""), "opens_at": from_wib(shown.get("opens_at", "")),
             "closes_at": from_wib(shown.get("closes_at", "")), "groups": _listed(shown.get("groups", "")),
             "clusters": shown.get("clusters") or [], "priority_regions": _listed(shown.get("priority_regions", "")),
             "normalization": shown.get("normalization") or "zscore", "blind_review": bool(shown.get("blind_review"))}
    _put(found, "objection_days", shown.get("objection_days"))
    for name, columns in ROWS.items():
        found[name] = [_row(row, columns) for row in shown.get(name) or []]
    found["score_scale"] = {}
    for key in ("min", "max"):
        _put(found["score_scale"], key, shown.get(f"score_scale.{key}"), f"score_scale.{key}")
    found["quotas"] = {}
    for key in ("min_per_category", "max_per_province", "min_priority_regions"):
        _put(found["quotas"], key, shown.get(f"quotas.{key}"), f"quotas.{key}")
    found["eligibility"] = {"max_entries_per_agency": _caps(shown.get("eligibility.max_entries_per_agency", "")),
                            "excluded_titles": [line.strip() for line in
                                                shown.get("eligibility.excluded_titles", "").splitlines() if line.strip()]}
    _put(found["eligibility"], "min_age_months", shown.get("eligibility.min_age_months"), "eligibility.min_age_months")
    return found


def with_blank_rows(shown: dict) -> dict:
    """The values with a few empty rows under each list (for adding rows without the page's script)."""
    return {**shown, **{name: list(shown.get(name) or []) + [dict.fromkeys(columns, "") for _ in range(BLANK_ROWS)]
                        for name, columns in ROWS.items()}}


def weight_sum(shown: dict) -> float | None:
    """Σ of the criteria's weights as the form has them (None while one is not a number)."""
    try:
        return sum(float(row["weight"].replace(",", ".")) for row in shown.get("criteria") or [] if row.get("weight"))
    except ValueError:
        return None


def to_wib(text: str | None) -> str:
    """An ISO instant as a datetime-local value in WIB ("" when there is none)."""
    try:
        moment = datetime.fromisoformat(text or "")
    except ValueError:
        return text or ""
    if moment.tzinfo is None:
        return text or ""
    return moment.astimezone(WIB).strftime("%Y-%m-%dT%H:%M:%S")


def from_wib(text: str) -> str:
    """A datetime-local value entered in WIB as an ISO instant with +07:00 (anything else as it came)."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text):
        text += ":00"
    return text + "+07:00" if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", text) else text


def _rows(form: MultiDict, name: str) -> list[dict]:
    numbered: dict[int, dict] = {}
    for key in form:
        found = ROW_FIELD.match(key)
        if found and found.group(1) == name and found.group(3) in ROWS[name]:
            numbered.setdefault(int(found.group(2)), {})[found.group(3)] = form.get(key, "").strip()
    rows = [numbered[n] for n in sorted(numbered)]
    return [{column: row.get(column, "") for column in ROWS[name]} for row in rows
            if any(row.get(column) for column in ROWS[name] if column != "kind")]


def _row(row: dict, columns: tuple) -> dict:
    out: dict = {}
    for column in columns:
        _put(out, column, from_wib(row.get(column) or "") if column == "due_at" else row.get(column), column)
    return out


def _put(into: dict, key: str, text: str | None, kind: str | None = None) -> None:
    """Set `key` from a form text: a number where the schema wants one (the text itself when it is not one,
    so the schema names the field), nothing when blank."""
    if text is None or text == "":
        return
    kind = kind or key
    into[key] = _number(text, whole=kind in WHOLE) if kind in WHOLE | NUMBERS else text


def _number(text: str, whole: bool):
    cleaned = text.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return text
    return int(number) if whole and number.is_integer() and re.fullmatch(r"-?\d+(\.0+)?", cleaned) else (
        text if whole else number)


def _caps(text: str) -> dict:
    """Lines "group = cap" (or "group: cap") as {group: cap}."""
    caps: dict = {}
    for line in text.splitlines():
        if line.strip():
            group, _, cap = line.replace(":", "=").partition("=")
            caps[group.strip()] = _number(cap.strip(), whole=True)
    return caps


def _listed(text: str) -> list[str]:
    return [item.strip() for item in text.replace("\n", ",").split(",") if item.strip()]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
