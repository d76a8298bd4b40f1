"""The rules of DESIGN §6: each a plain function naming what it refuses. No I/O.

The rules on an entry's own fields (`field_violations`) hold for every draft: they are checked
on create, on each PATCH (for the fields it changes) and again on submit, so a region hears of
a bad field when it writes it. Completeness (every section filled) is a draft's to reach and is
checked on submit only, as are the window and the claims on shared state (title, agency cap).

Region levels: a `provinsi` agency needs a province code, a `kabupaten` agency a kabupaten
code, a `kota` agency a kota code. Kementerian, lembaga, BUMN and BUMD agencies may sit at
any level, so their code (the seat of the unit entering, or the region owning the BUMD) may
be a province or a kabupaten/kota; it must still be a real code inside the caller's region.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field as dataclass_field
from datetime import date, datetime

from shared import regions
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
    params: dict = dataclass_field(default_factory=dict, compare=False)  # the numbers and names of `detail`


def count_words(text: str | None) -> int:
    """The words of a text as the limits count them: runs of characters between whitespace (str.split).
    The portal's live counter (static/portal.js) counts with the same whitespace."""
    return len((text or "").split())


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
    """Every rule of §6 that this entry breaks on submit, apart from the window and the claims on shared state."""
    return field_violations(entry, definition, caller_region) + _sections_present(entry, definition)


def field_violations(entry: dict, definition: dict, caller_region: str | None) -> list[Violation]:
    """The rules on the entry's own fields, which a draft keeps from its creation on."""
    return (_membership(entry, definition) + _section_limits(entry, definition) + _age(entry, definition)
            + _past_winner(entry, definition) + _region(entry, definition, caller_region))


def about_changes(found: list[Violation], changes: dict) -> list[Violation]:
    """The violations about fields a PATCH changes. A field it leaves alone may have been made wrong by a
    later change of the competition; that waits for submit rather than blocking every other edit."""
    def changed(violation: Violation) -> bool:
        top, _, key = violation.field.partition(".")
        return key in (changes.get("sections") or {}) if top == "sections" else top in changes
    return [v for v in found if changed(v)]


def _membership(entry: dict, definition: dict) -> list[Violation]:
    found = []
    categories = [c["key"] for c in definition["categories"]]
    for rule, field, value, allowed in (
            ("unknown-group", "group", entry["group"], definition["groups"]),
            ("unknown-category", "category", entry["category"], categories),
            ("unknown-cluster", "agency.cluster", entry["agency"]["cluster"], definition["clusters"])):
        if value not in allowed:
            found.append(Violation(rule, field, f"'{value}' tidak ada dalam kompetisi ini; pilih salah satu dari: "
                                                + ", ".join(allowed) + ".", {"value": value}))
    return found


def _sections_present(entry: dict, definition: dict) -> list[Violation]:
    texts = entry.get("sections") or {}
    return [Violation("section-missing", f"sections.{s['key']}", f"Bagian '{s['key']}' belum diisi.",
                      {"section": s["key"]})
            for s in definition["sections"] if not count_words(texts.get(s["key"]))]


def _section_limits(entry: dict, definition: dict) -> list[Violation]:
    found = []
    limits = {s["key"]: s["max_words"] for s in definition["sections"]}
    for key, text in (entry.get("sections") or {}).items():
        words = count_words(text)
        if key not in limits:
            found.append(Violation("section-unknown", f"sections.{key}", f"Bagian '{key}' tidak dikenal kompetisi ini.",
                                   {"section": key}))
        elif words > limits[key]:
            found.append(Violation("section-too-long", f"sections.{key}",
                                   f"Bagian '{key}' berisi {words} kata; batasnya {limits[key]} kata.",
                                   {"section": key, "words": words, "limit": limits[key]}))
    return found


def _age(entry: dict, definition: dict) -> list[Violation]:
    months = int((definition.get("eligibility") or {}).get("min_age_months") or 0)
    since = date.fromisoformat(entry["implemented_since"])
    closes = instant(definition["closes_at"]).date()
    if add_months(since, months) <= closes:
        return []
    return [Violation("too-young", "implemented_since",
                      f"Inovasi harus sudah diterapkan minimal {months} bulan sebelum penutupan ({closes}); "
                      f"diterapkan sejak {since}.", {"months": months, "closes": closes.isoformat(),
                                                     "since": since.isoformat()})]


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
                          f"'{code}' bukan kode provinsi atau kabupaten/kota Kemendagri.", {"code": code})]
    found = []
    allowed = LEVELS.get(cluster, ANY_LEVEL)
    if cluster in definition["clusters"] and kind not in allowed:
        found.append(Violation("region-level", "agency.region_code",
                               f"Klaster '{cluster}' memerlukan kode {' atau '.join(allowed)}; '{code}' adalah {kind}.",
                               {"cluster": cluster, "code": code, "kind": kind, "allowed": list(allowed)}))
    if not regions.region_covers(caller_region, code):
        found.append(Violation("region-outside", "agency.region_code",
                               f"'{code}' berada di luar wilayah Anda ({caller_region}).",
                               {"code": code, "region": caller_region}))
    return found
