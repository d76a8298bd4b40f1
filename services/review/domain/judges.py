"""Judges (Tim Evaluasi, Tim Panel Independen): registration rules and conflicts of interest. No I/O."""
from __future__ import annotations

from datetime import datetime, timezone

from shared import regions
from services.review.domain import conflicts
from services.review.domain.errors import Invalid

FIELDS = ("name", "email", "home_region", "affiliation_region", "expertise", "conflicts", "competitions", "stages")


def new_judge(fields: dict, by: str) -> dict:
    """The judge document for a registration, after checking its region codes."""
    home = fields["home_region"]
    if regions.kind(home) != "provinsi":
        raise Invalid(f"home_region {home!r} is not a province code", field="home_region")
    affiliation = fields.get("affiliation_region")
    if affiliation is not None and regions.region(affiliation) is None:
        raise Invalid(f"affiliation_region {affiliation!r} is not a Kemendagri region code", field="affiliation_region")
    doc = {key: fields.get(key) for key in FIELDS}
    doc.update({key: sorted(set(fields.get(key) or [])) for key in FIELDS[4:]})  # the list fields, deduplicated
    doc.update(_id=fields["id"], active=True, registered_by=by, registered_at=datetime.now(timezone.utc))
    return doc


def same_registration(existing: dict, new: dict) -> bool:
    """True when a repeated registration says the same as the stored one."""
    return all(existing.get(key) == new.get(key) for key in FIELDS)


def as_judge(judge: dict) -> conflicts.Judge:
    """The judge as assignment sees it; declared conflicts split into region codes and entry ids."""
    declared = judge.get("conflicts") or ()
    regional = tuple(sorted(c for c in declared if regions.region(c) is not None))
    return conflicts.Judge(id=judge["_id"], home_region=judge.get("home_region"),
                           affiliation_region=judge.get("affiliation_region"),
                           expertise=frozenset(judge.get("expertise") or ()), region_conflicts=regional,
                           entry_conflicts=frozenset(declared) - frozenset(regional), email=judge.get("email") or "")


def public_view(judge: dict) -> dict:
    view = {key: judge.get(key) for key in FIELDS}
    view.update(id=judge["_id"], active=judge.get("active", True))
    return view
