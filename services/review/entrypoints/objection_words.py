"""The words of the regions' objection page (/keberatan/…): Bahasa Indonesia by default, English on request."""
from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

from shared.web.words import catalog, in_language

WIB = timezone(timedelta(hours=7), "WIB")
CATALOG = catalog(Path(__file__).parents[1] / "words" / "objection.json")
WORDS = CATALOG["words"]
STAGES = CATALOG["stages"]
MONTHS = CATALOG["months"]


def words(lang: str) -> dict:
    return in_language(WORDS, lang)


def stage_name(key: str, lang: str) -> str:
    return in_language(STAGES, lang).get(key) or key.replace("_", " ").capitalize()


def wib(moment, lang: str) -> str:
    """An aware datetime in Western Indonesian Time: "10 Maret 2026 pukul 23.59 WIB"."""
    local = moment.astimezone(WIB)
    when = f"{local.day} {in_language(MONTHS, lang)[local.month - 1]} {local.year}"
    return f"{when}, {local:%H:%M} WIB" if lang == "en" else f"{when} pukul {local:%H.%M} WIB"
