"""Words the judges read: Bahasa Indonesia by default, English on request (?lang=en or a cookie)."""
from __future__ import annotations

from flask import request
from pathlib import Path

from shared.web.language import COOKIE, LANGS
from shared.web.words import catalog, in_language

CATALOG = catalog(Path(__file__).parents[1] / "words" / "judge.json")
TEXT = CATALOG["text"]
PROBLEMS = CATALOG["problems"]


def language() -> str:
    """?lang= first, then the cookie; the API also honours Accept-Language; else Indonesian."""
    asked = request.args.get("lang") or request.cookies.get(COOKIE)
    if asked in LANGS:
        return asked
    if request.path.startswith("/api/") and request.accept_languages.best_match(LANGS) == "en":
        return "en"
    return "id"


def words(lang: str) -> dict:
    return in_language(TEXT, lang)


def say(message, lang: str) -> str:
    """A message as text: plain text stays, a (code, params) pair is worded in `lang`."""
    if isinstance(message, tuple):
        code, params = message
        return in_language(PROBLEMS, lang).get(code, code).format(**params)
    return str(message)


def worded(errors: dict, lang: str) -> dict:
    """{field: [messages]} with every message as text."""
    return {field: [say(m, lang) for m in messages] for field, messages in errors.items()}
