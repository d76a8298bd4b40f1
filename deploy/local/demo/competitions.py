"""The demo's two competitions: one whose window is open, one whose window closed and whose judging is under way."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from deploy.local.demo.ideas import THEMES

WIB = timezone(timedelta(hours=7))
OPEN_ID = "kipp-2026"
JUDGING_ID = "kipp-2025"
SECTIONS = [("ringkasan", 200), ("latar_belakang", 300), ("kebaruan", 200), ("implementasi", 200),
            ("signifikansi", 600), ("adaptabilitas", 300), ("sumber_daya", 200), ("keberlanjutan", 500)]
CRITERIA = [("latar_belakang", 10), ("kebaruan", 15), ("implementasi", 5), ("signifikansi", 30),
            ("adaptabilitas", 20), ("sumber_daya", 5), ("keberlanjutan", 15)]
SCREENING, SCORED = "administrasi", "evaluasi"


def now_wib() -> datetime:
    return datetime.now(WIB).replace(microsecond=0)


def open_competition(now: datetime | None = None) -> dict:
    """The DESIGN §5 example, with dates that keep its window open for a month."""
    now = now or now_wib()
    return {
        "id": OPEN_ID, "name": "Kompetisi Inovasi Pelayanan Publik 2026",
        "opens_at": (now - timedelta(days=7)).isoformat(), "closes_at": (now + timedelta(days=30)).isoformat(),
        "groups": ["umum", "replikasi", "khusus"],
        "clusters": ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd"],
        "categories": [{"key": "kesehatan", "label": "Kesehatan"}, {"key": "pendidikan", "label": "Pendidikan"},
                       {"key": "ekonomi", "label": "Ekonomi"}],
        "sections": [{"key": k, "max_words": w} for k, w in SECTIONS],
        "criteria": [{"key": k, "weight": w} for k, w in CRITERIA],
        "score_scale": {"min": 0, "max": 100},
        "eligibility": {"min_age_months": 24, "max_entries_per_agency": {"umum": 10, "replikasi": 5},
                        "excluded_titles": []},
        "stages": [{"key": SCREENING, "kind": "screening"},
                   {"key": SCORED, "kind": "scored", "judges_per_entry": 3, "shortlist": 99},
                   {"key": "wawancara", "kind": "scored", "judges_per_entry": 5, "shortlist": 45}],
        "normalization": "zscore", "blind_review": False, "objection_days": 5,
        "quotas": {"min_per_category": 1, "max_per_province": 12, "min_priority_regions": 5},
        "priority_regions": ["91", "92", "94"],
    }


def keeps_open(definition: dict | None, now: datetime | None = None, days: int = 7) -> bool:
    """True when the stored definition's window is open now and stays open for `days` more."""
    if not definition:
        return False
    now = now or now_wib()
    return (datetime.fromisoformat(definition["opens_at"]) <= now
            and datetime.fromisoformat(definition["closes_at"]) >= now + timedelta(days=days))


def judging_competition(opens_at: str, closes_at: str) -> dict:
    """The competition in judging: the open one's rules with eight themes, its shortlists sized for ~120 entries
    (Top 45 after the desk evaluation, Top 15 after the interviews)."""
    definition = open_competition()
    definition.update(
        id=JUDGING_ID, name="Kompetisi Inovasi Pelayanan Publik 2025", opens_at=opens_at, closes_at=closes_at,
        categories=[{"key": key, "label": theme.label} for key, theme in THEMES.items()],
        stages=[{"key": SCREENING, "kind": "screening"},
                {"key": SCORED, "kind": "scored", "judges_per_entry": 3, "shortlist": 45},
                {"key": "wawancara", "kind": "scored", "judges_per_entry": 5, "shortlist": 15}])
    return definition


def window_open(definition: dict, now: datetime) -> bool:
    return datetime.fromisoformat(definition["opens_at"]) <= now <= datetime.fromisoformat(definition["closes_at"])
