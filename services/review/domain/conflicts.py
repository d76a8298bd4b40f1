"""Conflicts of interest between a judge and an entry (DESIGN §6). No I/O."""
from __future__ import annotations

from dataclasses import dataclass

from shared.regions import region_covers
from shared.regions import province_of


@dataclass(frozen=True)
class Judge:
    """What assignment needs to know about a judge."""

    id: str
    home_region: str | None = None
    affiliation_region: str | None = None
    expertise: frozenset = frozenset()
    region_conflicts: tuple = ()
    entry_conflicts: frozenset = frozenset()
    email: str = ""


@dataclass(frozen=True)
class Entry:
    """What assignment needs to know about an entry: its agency's region and its category."""

    id: str
    region_code: str
    category: str | None = None


def region_conflict(judge: Judge, region_code: str) -> str | None:
    """Why `judge` may not score entries from `region_code`, or None."""
    if judge.home_region and judge.home_region == province_of(region_code):
        return "home-province"
    if judge.affiliation_region and region_covers(judge.affiliation_region, region_code):
        return "affiliation"
    if any(region_covers(declared, region_code) for declared in judge.region_conflicts):
        return "declared-region"
    return None


def conflict(judge: Judge, entry: Entry) -> str | None:
    """Why `judge` may not score `entry`, or None when there is no conflict of interest."""
    if entry.id in judge.entry_conflicts:
        return "declared-entry"
    return region_conflict(judge, entry.region_code)
