"""Competition definitions (DESIGN §5): the rules a whole definition must keep, and its publication. No I/O."""
from __future__ import annotations

from datetime import datetime

from shared import regions
from shared.events import types
from shared.events.envelope import new_event

SOURCE = "kipp/intake"
CLUSTERS = ("kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd")
KEYED_LISTS = ("categories", "sections", "criteria", "stages")


def published_event(definition: dict, request_id: str | None) -> dict:
    """kipp.competition.published with the whole definition."""
    return new_event(types.COMPETITION_PUBLISHED, definition["id"], definition, SOURCE, request_id)


def instant(text: str) -> datetime | None:
    """A timezone-aware ISO 8601 instant, or None when `text` is not one."""
    try:
        parsed = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None and parsed.utcoffset() is not None else None


def window_open(definition: dict, now: datetime) -> bool:
    """True while submissions are accepted."""
    return instant(definition["opens_at"]) <= now <= instant(definition["closes_at"])


def check(definition: dict) -> dict[str, list[str]]:
    """Rules that span fields, as {field: [messages]}; fields that failed their own checks are absent."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    _window(definition, add)
    for name in KEYED_LISTS:
        _unique([item.get("key") for item in definition.get(name) or []], name, ".key", add)
    for name in ("groups", "clusters", "priority_regions"):
        _unique(definition.get(name) or [], name, "", add)
    _scale(definition.get("score_scale"), add)
    _stages(definition.get("stages"), add)
    _caps(definition, add)
    for i, code in enumerate(definition.get("priority_regions") or []):
        if regions.region(code) is None:
            add(f"priority_regions.{i}", f"{code!r} is not a Kemendagri province or kabupaten/kota code")
    return errors


def _window(definition: dict, add) -> None:
    opens, closes = instant(definition.get("opens_at")), instant(definition.get("closes_at"))
    if opens and closes and opens >= closes:
        add("closes_at", "must be later than opens_at")


def _unique(values: list, field: str, suffix: str, add) -> None:
    seen = set()
    for i, value in enumerate(values):
        if value in seen:
            add(f"{field}.{i}{suffix}", f"{value!r} appears more than once; keys must be unique")
        seen.add(value)


def _scale(scale: dict | None, add) -> None:
    if scale and "min" in scale and "max" in scale and scale["min"] >= scale["max"]:
        add("score_scale", "min must be below max")


def _stages(stages: list | None, add) -> None:
    if not stages:
        return
    if not any(stage.get("kind") == "scored" for stage in stages):
        add("stages", "at least one stage must be scored")
    last_shortlist = None
    for i, stage in enumerate(stages):
        if stage.get("kind") == "screening":
            if i > 0:
                add(f"stages.{i}.kind", "only the first stage may be a screening")
            if "judges_per_entry" in stage:
                add(f"stages.{i}.judges_per_entry", "a screening stage has no judges")
            if "due_at" in stage:
                add(f"stages.{i}.due_at", "a screening stage has no scoring due date")
            continue
        if "judges_per_entry" not in stage:
            add(f"stages.{i}.judges_per_entry", "a scored stage needs judges_per_entry")
        shortlist = stage.get("shortlist")
        if shortlist is not None and last_shortlist is not None and shortlist > last_shortlist:
            add(f"stages.{i}.shortlist", f"cannot exceed the previous stage's shortlist of {last_shortlist}")
        last_shortlist = shortlist if shortlist is not None else last_shortlist


def _caps(definition: dict, add) -> None:
    groups = definition.get("groups")
    caps = (definition.get("eligibility") or {}).get("max_entries_per_agency") or {}
    if groups is None:
        return
    for group in caps:
        if group not in groups:
            add(f"eligibility.max_entries_per_agency.{group}", "is not one of the competition's groups")
