"""The words of the region portal (/portal/): Bahasa Indonesia by default, English on request, and times in
WIB. The rules' messages are in portal_rules.py."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from shared.web.words import catalog, in_language

WIB = timezone(timedelta(hours=7), "WIB")

CATALOG = catalog(Path(__file__).parents[1] / "words" / "portal.json")
WORDS = CATALOG["words"]
LABELS = CATALOG["labels"]
OUTCOMES = CATALOG["outcomes"]
MONTHS = CATALOG["months"]
DAYS = CATALOG["days"]


def words(lang: str) -> dict:
    """The portal's words in `lang` (Indonesian for anything else)."""
    return in_language(WORDS, lang)


def label(kind: str, key: str | None, lang: str) -> str:
    """A section's, stage's, group's or cluster's name; its key, tidied, when the portal has none."""
    if key is None:
        return ""
    return in_language(LABELS, lang)[kind].get(key) or key.replace("_", " ").capitalize()


def as_instant(value) -> datetime | None:
    """An aware datetime from a datetime or an ISO 8601 text (a trailing Z is UTC); None for anything else."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    try:
        found = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=timezone.utc)


def wib(value, lang: str, with_day: bool = True) -> str:
    """A moment in Western Indonesian Time: "Selasa, 10 Maret 2026 pukul 23.59 WIB"."""
    moment = as_instant(value)
    if moment is None:
        return ""
    local = moment.astimezone(WIB)
    weekday = f"{DAYS[lang][local.weekday()]}, " if with_day else ""
    when = f"{local.day} {MONTHS[lang][local.month - 1]} {local.year}"
    if lang == "en":
        return f"{weekday}{when}, {local:%H:%M} WIB"
    return f"{weekday}{when} pukul {local:%H.%M} WIB"


def day(value, lang: str) -> str:
    """A calendar date (ISO text) as words: "15 Januari 2021"; the text itself when it is no date."""
    try:
        found = date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{found.day} {MONTHS[lang][found.month - 1]} {found.year}"


def time_left(closes_at, now: datetime, lang: str) -> str:
    """What the countdown shows before its script ticks: "12 hari 03:04:05"."""
    moment = as_instant(closes_at)
    left = int((moment - now).total_seconds()) if moment else 0
    if left <= 0:
        return words(lang)["closed"]
    days, rest = divmod(left, 86400)
    clock = f"{rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
    return f"{days} {words(lang)['days']} {clock}" if days else clock
