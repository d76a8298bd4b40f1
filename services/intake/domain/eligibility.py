"""Eligibility on submit (DESIGN §6): each rule a plain function naming what it refuses. No I/O.

Region levels: a `provinsi` agency needs a province code, a `kabupaten` agency a kabupaten
code, a `kota` agency a kota code. Kementerian, lembaga, BUMN and BUMD agencies may sit at
any level, so their code (the seat of the unit entering, or the region owning the BUMD) may
be a province or a kabupaten/kota; it must still be a real code inside the caller's region.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from shared import regions
from shared.auth.guards import region_covers
from services.intake.domain.competitions import instant, window_open
from services.intake.domain.errors import WindowClosed

LEVELS = {"provinsi": ("provinsi",), "kabupaten": ("kabupaten",), "kota": ("kota",)}
ANY_LEVEL = ("provinsi", "kabupaten", "kota")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Violation:
    rule: str
    field: str
    detail: str


def normalise_title(title: str) -> str:
    """Case-folded, punctuation and symbols removed, spaces collapsed: what makes two titles the same."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    kept = "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PS")
    return SPACES.sub(" ", kept).strip()


def agency_key(agency: dict) -> str:
    """Who counts as the same agency for the per-group cap: its region and normalised name."""
    return f"{agency['region_code']}|{normalise_title(agency['name'])}"


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def require_window(definition: dict, now: datetime) -> None:
    """Raise WindowClosed unless submissions are accepted at `now`."""
    if not window_open(definition, now):
        raise WindowClosed(f"Masa pengajuan ditutup: dibuka {definition['opens_at']}, ditutup "
                           f"{definition['closes_at']}.", "closes_at")


def violations(entry: dict, definition: dict, caller_region: str | None) -> list[Violation]:
    """Every rule of §6 that this entry breaks, apart from the window and the claims on shared state."""
    return (_membership(entry, definition) + _sections(entry, definition) + _age(entry, definition)
            + _past_winner(entry, definition) + _region(entry, definition, caller_region))


def _membership(entry: dict, definition: dict) -> list[Violation]:
    found = []
    categories = [c["key"] for c in definition["categories"]]
    for rule, field, value, allowed in (
            ("unknown-group", "group", entry["group"], definition["groups"]),
            ("unknown-category", "category", entry["category"], categories),
            ("unknown-cluster", "agency.cluster", entry["agency"]["cluster"], definition["clusters"])):
        if value not in allowed:
            found.append(Violation(rule, field, f"'{value}' tidak ada dalam kompetisi ini; pilih salah satu dari: "
                                                + ", ".join(allowed) + "."))
    return found


def _sections(entry: dict, definition: dict) -> list[Violation]:
    found = []
    texts = entry.get("sections") or {}
    limits = {s["key"]: s["max_words"] for s in definition["sections"]}
    for key, limit in limits.items():
        words = len((texts.get(key) or "").split())
        if words == 0:
            found.append(Violation("section-missing", f"sections.{key}", f"Bagian '{key}' belum diisi."))
        elif words > limit:
            found.append(Violation("section-too-long", f"sections.{key}",
                                   f"Bagian '{key}' berisi {words} kata; batasnya {limit} kata."))
    for key in texts:
        if key not in limits:
            found.append(Violation("section-unknown", f"sections.{key}", f"Bagian '{key}' tidak dikenal kompetisi ini."))
    return found


def _age(entry: dict, definition: dict) -> list[Violation]:
    months = int((definition.get("eligibility") or {}).get("min_age_months") or 0)
    since = date.fromisoformat(entry["implemented_since"])
    closes = instant(definition["closes_at"]).date()
    if add_months(since, months) <= closes:
        return []
    return [Violation("too-young", "implemented_since",
                      f"Inovasi harus sudah diterapkan minimal {months} bulan sebelum penutupan ({closes}); "
                      f"diterapkan sejak {since}.")]


def _past_winner(entry: dict, definition: dict) -> list[Violation]:
    excluded = {normalise_title(t) for t in (definition.get("eligibility") or {}).get("excluded_titles") or []}
    if normalise_title(entry["title"]) not in excluded:
        return []
    return [Violation("past-winner", "title", "Judul ini milik pemenang tahun sebelumnya dan tidak dapat diajukan lagi.")]


def _region(entry: dict, definition: dict, caller_region: str | None) -> list[Violation]:
    code, cluster = entry["agency"]["region_code"], entry["agency"]["cluster"]
    kind = regions.kind(code)
    if kind is None:
        return [Violation("region-unknown", "agency.region_code",
                          f"'{code}' bukan kode provinsi atau kabupaten/kota Kemendagri.")]
    found = []
    allowed = LEVELS.get(cluster, ANY_LEVEL)
    if cluster in definition["clusters"] and kind not in allowed:
        found.append(Violation("region-level", "agency.region_code",
                               f"Klaster '{cluster}' memerlukan kode {' atau '.join(allowed)}; '{code}' adalah {kind}."))
    if not region_covers(caller_region, code):
        found.append(Violation("region-outside", "agency.region_code",
                               f"'{code}' berada di luar wilayah Anda ({caller_region})."))
    return found
