"""The judging competition's entries: about 120 innovations of real provinces and kabupaten/kota.

Made from a fixed seed, so every run makes the same entries (the seed finds its own work again by
title). Regions come from the Kemendagri list (shared.regions): Sulawesi Selatan and Kabupaten Pinrang,
whose Admin Lokal have demo accounts, hold a few more; the priority regions (Papua) some.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from shared import regions
from deploy.local.demo.ideas import IDEAS, INELIGIBLE_REASONS, THEMES, Idea
from deploy.local.demo.texts import sections

COUNT = 120
FEATURED = ["73.15", "73.15", "73.15", "73.71", "73.71", "73", "73.06", "73.08", "73.24", "73.13",
            "91.71", "91.03", "92.02", "94.01", "94.04", "53.71", "52.02", "33.02", "35.10", "32.04"]
LEFT_OUT = {"31"}  # Jakarta's kota are administrative, without agencies of their own
FIRST_NAMES = ["Andi", "Budi", "Citra", "Dian", "Eka", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kurniawati",
               "Lestari", "Muhammad", "Nur", "Putu", "Rahmat", "Sari", "Taufik", "Wahyu", "Yohana"]
LAST_NAMES = ["Pratama", "Saputra", "Wijaya", "Siregar", "Nasution", "Hasibuan", "Lubis", "Wibowo", "Santoso",
              "Rahman", "Syahputra", "Pattiasina", "Tanjung", "Mandagi", "Sinaga", "Daeng", "Kurniadi", "Wenda"]


@dataclass(frozen=True)
class Planned:
    """One entry as its region submits it, and how the secretariat screens it."""

    body: dict
    region: str  # the Admin Lokal who submits it: the agency's own region
    ineligible_reason: str | None

    @property
    def title(self) -> str:
        return self.body["title"]


def entries() -> list[Planned]:
    """Every entry of the judging competition, the same on every run."""
    rng = random.Random("kipp-2025")
    codes = FEATURED + _more_regions(rng, COUNT - len(FEATURED))
    order = IDEAS * (COUNT // len(IDEAS) + 1)
    rng.shuffle(order)
    planned, titles = [], set()
    for n, code in enumerate(codes):
        idea = next(i for i in order if _title(i, code) not in titles)
        order.remove(idea)
        titles.add(_title(idea, code))
        reason = INELIGIBLE_REASONS[(n // 15) % len(INELIGIBLE_REASONS)] if n % 15 == 7 else None
        planned.append(Planned(_body(rng, idea, code), code, reason))
    return planned


def _more_regions(rng: random.Random, count: int) -> list[str]:
    """Kabupaten/kota from across the country, and now and then a province's own agency."""
    provinces = [p.code for p in regions.provinces() if p.code not in LEFT_OUT]
    found: list[str] = []
    while len(found) < count:
        province = rng.choice(provinces)
        code = province if rng.random() < 0.08 else rng.choice(regions.regencies(province)).code
        if code not in found and code not in FEATURED:
            found.append(code)
    return found


def place(code: str) -> str:
    """How a title or an agency names the region: "Kabupaten Pinrang", "Provinsi Sulawesi Selatan"."""
    name = regions.name(code)
    return f"Provinsi {name}" if regions.kind(code) == "provinsi" else name


def _title(idea: Idea, code: str) -> str:
    return f"{idea.name}: {idea.what} di {place(code)}"


def _agency(idea: Idea, code: str) -> dict:
    unit = idea.unit
    if regions.kind(code) == "provinsi" and unit.startswith("Bagian "):
        unit = "Biro " + unit.removeprefix("Bagian ").removesuffix(" Sekretariat Daerah")
    return {"name": f"{unit} {place(code)}", "cluster": idea.cluster or regions.kind(code), "region_code": code}


def _contact(rng: random.Random, code: str) -> dict:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    level = {"provinsi": "prov", "kabupaten": "kab", "kota": "kota"}[regions.kind(code)]
    town = re.sub(r"^(Kabupaten|Kota|Kota Administrasi) ", "", regions.name(code))
    domain = re.sub(r"[^a-z]", "", town.lower()) + level + ".go.id"
    return {"name": f"{first} {last}", "email": f"{first}.{last}@{domain}".lower()}


def _body(rng: random.Random, idea: Idea, code: str) -> dict:
    theme = THEMES[idea.category]
    since = date(rng.randint(2018, 2023), rng.randint(1, 12), 1)
    agency = _agency(idea, code)
    return {"title": _title(idea, code), "group": "replikasi" if rng.random() < 0.15 else "umum",
            "category": idea.category, "agency": agency, "implemented_since": since.isoformat(),
            "sdgs": list(theme.sdgs), "sections": sections(rng, idea, theme, agency["name"], since),
            "videos": [], "contact": _contact(rng, code)}
