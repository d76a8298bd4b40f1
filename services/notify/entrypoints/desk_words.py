"""The sign-in desk's words, in Bahasa Indonesia and English."""
from __future__ import annotations

from pathlib import Path

from shared.web.words import catalog

CATALOG = catalog(Path(__file__).parents[1] / "words" / "desk.json")
WORDS = CATALOG["words"]
