"""The words of the secretariat's console on review: Bahasa Indonesia by default, English on request."""
from __future__ import annotations

from pathlib import Path

from shared.web.words import catalog, in_language

CATALOG = catalog(Path(__file__).parents[1] / "words" / "console.json")
REASONS = CATALOG["reasons"]


def words(lang: str) -> dict:
    return in_language(CATALOG, lang)
