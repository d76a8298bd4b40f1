"""What the portal's pages show, read through intake's handlers with the caller's own visibility: the
competitions, a region's entries with their newest outcome, the regions a person may enter for, the
submission countdown, and review's outcomes in words."""
from __future__ import annotations

from datetime import datetime

from shared import regions
from shared.auth.tokens import Principal
from shared.web.words import in_language
from services.intake.handlers import competitions as competition_handlers, entries as entry_handlers, outcomes as outcome_handlers
from services.intake.bootstrap import Deps
from services.intake.domain.competitions import instant, window_open
from services.intake.entrypoints.portal_words import OUTCOMES, label, time_left, wib

PAGE = 500  # the API's largest page; a province has a few hundred entries a year
STATUS_ORDER = {"draft": 0, "submitted": 1, "withdrawn": 2}


def all_competitions(deps: Deps) -> list[dict]:
    """Every competition definition (a handful a year), newest window first."""
    found, after = [], None
    while True:
        page, after = competition_handlers.list_competitions(deps, after, PAGE)
        found += page
        if after is None:
            return sorted(found, key=lambda d: instant(d["closes_at"]), reverse=True)


def region_entries(deps: Deps, cid: str, principal: Principal) -> list[dict]:
    """Every entry of the competition the caller may see (summaries), drafts first."""
    found, after = [], None
    while True:
        page, after = entry_handlers.list_entries(deps, cid, principal, None, after, PAGE)
        found += page
        if after is None:
            return sorted(found, key=lambda e: (STATUS_ORDER.get(e["status"], 9), e.get("title") or ""))


def home(deps: Deps, principal: Principal, now: datetime, lang: str) -> list[dict]:
    """The competitions the portal shows: open ones, and any the region has entries in or may object in."""
    shown = []
    for definition in all_competitions(deps):
        entries = region_entries(deps, definition["id"], principal)
        windows = outcome_handlers.open_objection_windows(deps, definition, now)
        is_open = window_open(definition, now)
        if not (is_open or entries or windows):
            continue
        latest = outcome_handlers.latest_by_entry(deps, definition["id"], principal)
        for entry in entries:
            entry["latest"] = describe(latest[entry["id"]], lang) if entry["id"] in latest else None
        shown.append({"definition": definition, "open": is_open, "entries": entries,
                      "countdown": countdown(definition, now, lang), "windows": windows})
    return shown


def region_choices(region: str | None) -> list[tuple[str, str]]:
    """(code, name) of the regions a person may enter an agency of: a province and all its kabupaten/kota,
    or a kabupaten/kota itself."""
    own = regions.region(region or "")
    if own is None:
        return []
    if own.type != "provinsi":
        return [(own.code, own.name)]
    return [(own.code, f"Provinsi {own.name}")] + [(r.code, r.name) for r in regions.regencies(own.code)]


def countdown(definition: dict, now: datetime, lang: str) -> dict | None:
    """The submission countdown while the window is open: when it closes (in WIB) and the time left."""
    if not window_open(definition, now):
        return None
    closes = instant(definition["closes_at"])
    return {"closes_at": closes.isoformat(), "when": wib(closes, lang), "left": time_left(closes, now, lang)}


def labels(definition: dict, lang: str) -> dict:
    """The names of a definition's keys: categories from the definition, the rest from the portal's words."""
    return {"categories": {c["key"]: c.get("label") or c["key"] for c in definition["categories"]},
            "sections": {s["key"]: s.get("label") or label("sections", s["key"], lang) for s in definition["sections"]},
            "stages": {s["key"]: s.get("label") or label("stages", s["key"], lang) for s in definition["stages"]},
            "groups": {g: label("groups", g, lang) for g in definition["groups"]},
            "clusters": {c: label("clusters", c, lang) for c in definition["clusters"]}}


def describe(outcome: dict, lang: str) -> dict:
    """An outcome in words: what happened (`text`), why (`reason`), when (`when`) and how it looks (`look`)."""
    said = in_language(OUTCOMES, lang)
    stage, to_stage = label("stages", outcome.get("stage"), lang), label("stages", outcome.get("to_stage"), lang)
    kind = outcome["kind"]
    if kind == "screened":
        text, look = said[outcome.get("decision")].format(stage=stage.lower()), outcome.get("decision") == "eligible"
    elif kind == "awarded":
        text, look = said["awarded"].format(award=said["awards"].get(outcome["award"], outcome["award"])), True
    else:
        key = "advanced_to" if kind == "advanced" and outcome.get("to_stage") else kind
        text, look = said[key].format(stage=stage, to_stage=to_stage), kind == "advanced"
        details = [said["rank"].format(rank=outcome["rank"])] if outcome.get("rank") is not None else []
        if outcome.get("score") is not None:
            details.append(said["score"].format(score=f"{outcome['score']:.2f}"))
        text += f" ({', '.join(details)})" if details else ""
    return {"kind": kind, "text": text, "look": "ok" if look else "bad", "when": wib(outcome.get("at"), lang),
            "reason": reason_text(outcome.get("reason"), lang)}


def reason_text(reason: str | None, lang: str) -> str | None:
    """review's reason in words: its codes named, the secretariat's own text as written."""
    if not reason:
        return None
    known = in_language(OUTCOMES, lang)["reasons"]
    if reason.startswith("quota:category:"):
        return known["quota:category"].format(key=reason.split(":", 2)[2])
    return known.get(reason, reason)


def region_name(code: str | None) -> str:
    """A region's name with its code, "Kabupaten Pinrang (73.15)"; the code when it is no region."""
    found = regions.name(code or "")
    return f"{found} ({code})" if found else (code or "")
