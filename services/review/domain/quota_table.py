"""The quota table beside a shortlist: per category, per province and for the priority regions, how many
candidates there are, how many were picked and what the quota asks; and what each pick's reason means.
No I/O."""
from __future__ import annotations

from collections import Counter

from shared import regions
from services.review.domain.shortlist import RANK, Candidate, is_priority

CATEGORY_QUOTA, PRIORITY_QUOTA = "quota:category:", "quota:priority-region"


def reason_of(reason: str | None) -> tuple[str, str | None]:
    """A pick's reason as (kind, key): ("rank", None), ("category", key) or ("priority", None)."""
    if reason and reason.startswith(CATEGORY_QUOTA):
        return "category", reason[len(CATEGORY_QUOTA):]
    if reason == PRIORITY_QUOTA:
        return "priority", None
    return RANK, None


def table(definition: dict, candidates: list[Candidate], picks: list[dict]) -> dict:
    """The quota table of a proposed or published list (candidates in ranking order)."""
    quotas = definition.get("quotas") or {}
    chosen = {p["entry_id"] for p in picks}
    picked = [c for c in candidates if c.entry_id in chosen]
    return {"categories": _categories(definition, candidates, picked, int(quotas.get("min_per_category") or 0)),
            "provinces": _provinces(candidates, picked, quotas.get("max_per_province") or None),
            "priority": _priority(definition, candidates, picked, int(quotas.get("min_priority_regions") or 0)),
            "seats": len(picks)}


def _categories(definition: dict, candidates: list[Candidate], picked: list[Candidate], minimum: int) -> list[dict]:
    labels = {c["key"]: c.get("label") or c["key"] for c in definition.get("categories") or []}
    offered, taken = Counter(c.category for c in candidates), Counter(c.category for c in picked)
    keys = list(labels) + sorted(set(offered) - set(labels))
    rows = []
    for key in keys:
        needed = minimum if offered[key] else 0  # a category without candidates asks for nothing
        rows.append({"key": key, "label": labels.get(key, key), "candidates": offered[key], "picked": taken[key],
                     "minimum": needed, "met": taken[key] >= needed})
    return rows


def _provinces(candidates: list[Candidate], picked: list[Candidate], cap: int | None) -> list[dict]:
    offered, taken = Counter(c.province_code for c in candidates), Counter(c.province_code for c in picked)
    return [{"code": code, "name": regions.name(code) or code, "candidates": offered[code], "picked": taken[code],
             "cap": cap, "at_cap": cap is not None and taken[code] >= cap, "over": cap is not None and taken[code] > cap}
            for code in sorted(offered)]


def _priority(definition: dict, candidates: list[Candidate], picked: list[Candidate], minimum: int) -> dict:
    codes = list(definition.get("priority_regions") or [])
    offered = sum(1 for c in candidates if is_priority(c, codes))
    taken = sum(1 for c in picked if is_priority(c, codes))
    return {"regions": [{"code": code, "name": regions.name(code) or code} for code in codes],
            "candidates": offered, "picked": taken, "minimum": minimum, "met": taken >= minimum}
