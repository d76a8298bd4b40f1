"""The words of the competition pages of the secretariat's console (intake): Bahasa Indonesia, English on request.

The API's schema and rules speak English; on an Indonesian page `said` words their messages in Indonesian
(a message it does not know stays as it is)."""
from __future__ import annotations

import re
from pathlib import Path

from shared.web.words import catalog, in_language

CATALOG = catalog(Path(__file__).parents[1] / "words" / "console.json")
INDONESIAN = CATALOG["indonesian"]


def words(lang: str) -> dict:
    return in_language(CATALOG, lang)


def said(messages, lang: str) -> str:
    """A field's messages as one line in the page's language."""
    texts = [str(m) for m in (messages if isinstance(messages, list) else [messages])]
    if lang != "en":
        texts = [_indonesian(text) for text in texts]
    return " ".join(dict.fromkeys(texts))


def _indonesian(text: str) -> str:
    for pattern, wording in INDONESIAN:
        if re.match(pattern, text):
            return re.sub(pattern, wording, text)
    return text
