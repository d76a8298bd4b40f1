"""Small factories for test data, with random ids so tests never collide."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from deploy.local.seed_demo import CRITERIA, SECTIONS
from deploy.local.seed_demo import competition as demo_competition

__all__ = ["CRITERIA", "SECTIONS", "uid", "competition", "entry", "pdf_bytes", "agency_entry"]


def uid(prefix: str = "") -> str:
    return prefix + uuid.uuid4().hex[:10]


def competition(cid: str | None = None, **overrides) -> dict:
    """The DESIGN §5 example (as the demo seeds it) under a fresh id, its window open now."""
    now = datetime.now(timezone.utc)
    definition = demo_competition()
    definition.update(id=cid or uid("kipp-test-"), name="Kompetisi Inovasi Pelayanan Publik (uji)",
                      opens_at=(now - timedelta(days=30)).isoformat(), closes_at=(now + timedelta(days=30)).isoformat(),
                      priority_regions=[])
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
