"""Words people read in the e-mails: stages, decisions, awards, dates (Bahasa Indonesia and English)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

LANGUAGES = ("id", "en")
WIB = timezone(timedelta(hours=7), "WIB")

STAGES = {
    "id": {"administrasi": "Seleksi Administrasi", "evaluasi": "Evaluasi Proposal (Desk Evaluation)",
           "wawancara": "Presentasi dan Wawancara", "top99": "Top 99", "top45": "Top 45"},
    "en": {"administrasi": "administrative screening", "evaluasi": "proposal evaluation (desk evaluation)",
           "wawancara": "presentation and interview", "top99": "Top 99", "top45": "Top 45"},
}
AWARDS = {
    "id": {"top45": "Top 45 Inovasi Pelayanan Publik", "top99": "Top 99 Inovasi Pelayanan Publik",
           "outstanding": "Outstanding Achievement of Public Service Innovation"},
    "en": {"top45": "Top 45 Public Service Innovations", "top99": "Top 99 Public Service Innovations",
           "outstanding": "Outstanding Achievement of Public Service Innovation"},
}
MONTHS = {
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}


def stage(key: str | None, lang: str) -> str:
    """A stage key as its people-facing name; unknown keys are shown as given."""
    if not key:
        return ""
    return STAGES[lang].get(key, key.replace("_", " ").title() if lang == "id" else key.replace("_", " "))


def award(key: str | None, lang: str) -> str:
    return AWARDS[lang].get(key or "", (key or "").replace("_", " ").title())


def parse_moment(value) -> datetime | None:
    """An ISO 8601 string or datetime as an aware datetime (UTC assumed when naive); None if unreadable."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def day_text(value, lang: str) -> str:
    """'10 Maret 2026' / '10 March 2026' for a date, datetime or ISO string."""
    if isinstance(value, str) and len(value) == 10:
        value = date.fromisoformat(value)
    elif not isinstance(value, date):
        value = parse_moment(value)
        if value is None:
            return ""
    if isinstance(value, datetime):
        value = value.astimezone(WIB).date()
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"


def moment_text(value, lang: str) -> str:
    """'10 Maret 2026 pukul 16.59 WIB' / '10 March 2026, 16:59 WIB'."""
    moment = parse_moment(value)
    if moment is None:
        return str(value or "")
    local = moment.astimezone(WIB)
    if lang == "id":
        return f"{day_text(local, lang)} pukul {local:%H.%M} WIB"
    return f"{day_text(local, lang)}, {local:%H:%M} WIB"


def local_day(moment: datetime) -> str:
    """The calendar day in Western Indonesia Time, as YYYY-MM-DD: digests are per WIB day."""
    return moment.astimezone(WIB).date().isoformat()


def score_text(value, lang: str) -> str:
    if value is None:
        return "-"
    text = f"{float(value):.2f}"
    return text.replace(".", ",") if lang == "id" else text

