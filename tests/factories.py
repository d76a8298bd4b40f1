"""Small factories for test data, with random ids so tests never collide."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

SECTIONS = [("ringkasan", 200), ("latar_belakang", 300), ("kebaruan", 200), ("implementasi", 200),
            ("signifikansi", 600), ("adaptabilitas", 300), ("sumber_daya", 200), ("keberlanjutan", 500)]
CRITERIA = [("latar_belakang", 10), ("kebaruan", 15), ("implementasi", 5), ("signifikansi", 30),
            ("adaptabilitas", 20), ("sumber_daya", 5), ("keberlanjutan", 15)]


def uid(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:10]


def competition(cid: str | None = None, **overrides) -> dict:
    """A competition shaped like the DESIGN §5 example, with its window open now."""
    now = datetime.now(timezone.utc)
    definition = {
        "id": cid or uid("kipp-test-"),
        "name": "Kompetisi Inovasi Pelayanan Publik (uji)",
        "opens_at": (now - timedelta(days=30)).isoformat(),
        "closes_at": (now + timedelta(days=30)).isoformat(),
        "groups": ["umum", "replikasi", "khusus"],
        "clusters": ["kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd"],
        "categories": [{"key": "kesehatan", "label": "Kesehatan"}, {"key": "pendidikan", "label": "Pendidikan"},
                       {"key": "ekonomi", "label": "Ekonomi"}],
        "sections": [{"key": k, "max_words": w} for k, w in SECTIONS],
        "criteria": [{"key": k, "weight": w} for k, w in CRITERIA],
        "score_scale": {"min": 0, "max": 100},
        "eligibility": {"min_age_months": 24, "max_entries_per_agency": {"umum": 10, "replikasi": 5},
                        "excluded_titles": []},
        "stages": [{"key": "administrasi", "kind": "screening"},
                   {"key": "evaluasi", "kind": "scored", "judges_per_entry": 3, "shortlist": 99},
                   {"key": "wawancara", "kind": "scored", "judges_per_entry": 5, "shortlist": 45}],
        "normalization": "zscore", "blind_review": False, "objection_days": 5,
        "quotas": {"min_per_category": 1, "max_per_province": 12, "min_priority_regions": 5},
        "priority_regions": [],
    }
    definition.update(overrides)
    return definition


def entry(region_code: str = "73.71", cluster: str = "kota", **overrides) -> dict:
    """A complete entry body for an agency in `region_code`."""
    body = {
        "title": "Layanan " + uid(),
        "group": "umum",
        "category": "kesehatan",
        "agency": {"name": "Dinas Kesehatan " + region_code, "cluster": cluster, "region_code": region_code},
        "implemented_since": "2021-01-15",
        "sdgs": [3],
        "sections": {k: f"Uraian {k} inovasi ini untuk masyarakat." for k, _ in SECTIONS},
        "videos": ["https://video.example.id/inovasi"],
        "contact": {"name": "Andi Pratama", "email": f"{uid('kontak-')}@example.id"},
    }
    body.update(overrides)
    return body


def pdf_bytes(size: int = 4096) -> bytes:
    """A file that starts like a PDF, padded to `size` bytes."""
    head = b"%PDF-1.4\n% KIPP uji\n"
    return head + b"0" * max(size - len(head), 0)


def agency_entry(region_code: str = "73.71", cluster: str = "kota", **overrides) -> dict:
    """Like entry(), but from an agency of its own, so per-agency caps never interfere."""
    body = entry(region_code, cluster, **overrides)
    if "agency" not in overrides:
        body["agency"]["name"] = "Dinas " + uid() + " " + region_code
    return body
