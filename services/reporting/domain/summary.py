"""Counts for the ministry: by status, province, category, cluster and day; judging progress. No I/O.

Computed from the same in-memory rows as the rankings, so the two never disagree, and at
100,000 entries in ~0.1 s — a `$group` over the entries would scan every document of the
store on each request instead (FerretDB pushes no `$match` down: ~15 s at that size here).
"""
from __future__ import annotations

from collections import Counter

from services.reporting.domain.competitions import category_labels, scored_stages
from services.reporting.domain.derived import key
from services.reporting.domain.rankings import province_name
from services.reporting.domain.rows import Row

STATUSES = ("submitted", "eligible", "ineligible", "advanced", "eliminated", "awarded", "withdrawn")


def _counts(values) -> dict:
    return dict(sorted(Counter(v for v in values if v is not None).items()))


def judging_progress(definition: dict, rows: list[Row]) -> list[dict]:
    """Per scored stage: assignments made, assignments scored, and how far that is."""
    progress = []
    for stage in scored_stages(definition):
        found = [marks for marks in (row.marks(key(stage)) for row in rows) if marks is not None]
        assigned, done = sum(m.assigned for m in found), sum(m.done for m in found)
        progress.append({"stage": stage, "assigned": assigned, "done": done,
                         "entries": sum(1 for m in found if m.assigned),
                         "percent": round(100.0 * done / assigned, 1) if assigned else 0.0})
    return progress


def summarise(competition: dict, rows: dict) -> dict:
    """The summary of a competition's submitted entries (drafts never reach reporting)."""
    definition = competition.get("definition") or {}
    submitted = [row for row in rows.values() if row.status]
    provinces = _counts(row.province_code for row in submitted)
    categories = _counts(row.category for row in submitted)
    labels = category_labels(definition)
    return {
        "competition_id": competition["_id"],
        "name": definition.get("name"),
        "total": len(submitted),
        "by_status": _counts(row.status for row in submitted),
        "by_province": [{"code": code, "name": province_name(code), "count": n} for code, n in provinces.items()],
        "by_category": categories,
        "category_labels": {k: labels.get(k, k) for k in categories},
        "by_cluster": _counts(row.cluster for row in submitted),
        "per_day": [{"day": day, "count": n} for day, n in _counts(row.day for row in submitted).items()],
        "judging": judging_progress(definition, submitted),
        "notifications": {"sent": sum(row.sent for row in submitted), "failed": sum(row.failed for row in submitted)},
        "closed_stages": dict(sorted((competition.get("closed") or {}).items())),
    }
