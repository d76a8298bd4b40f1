"""The words of every page's frame (header, sign-out, refusals), in Bahasa Indonesia and English."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path


def catalog(path: Path) -> dict:
    """A catalog of words (a JSON file of tables by language, kept beside the code that shows them), read once."""
    return _read(str(path))


@lru_cache(maxsize=None)
def _read(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


WORDS = catalog(Path(__file__).with_name("words.json"))["words"]

# the pages each role works in: (word key, service, path)
AREAS = {"region": [("portal", "intake", "/portal/")],
         "judge": [("judge", "review", "/judge/")],
         "ministry": [("dashboard", "reporting", "/dashboard/")],
         "admin": [("console", "review", "/konsol/"), ("competitions", "intake", "/konsol/kompetisi/"),
                   ("dashboard", "reporting", "/dashboard/")]}


def in_language(table: dict, lang: str):
    """`table`'s part in `lang`: a catalog's tables are keyed by language, Indonesian for any other."""
    return table.get(lang, table["id"])


def words(lang: str) -> dict:
    return in_language(WORDS, lang)


def areas(role: str | None, urls: dict) -> list[tuple[str, str]]:
    """(word key, absolute URL) of the pages `role` works in."""
    return [(key, urls[service] + path) for key, service, path in AREAS.get(role or "", [])]
