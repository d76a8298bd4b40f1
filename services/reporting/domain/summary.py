"""Counts for the ministry: by status, province, category, cluster, day; judging progress. No I/O."""
from __future__ import annotations

from collections import Counter

from shared import regions


def _counts(values) -> dict:
    return dict(sorted(Counter(v for v in values if v is not None).items()))


def summarise(definition: dict, entries: list[dict]) -> dict:
    """The summary of a competition's entries (drafts never reach reporting)."""
    submitted = [e for e in entries if e.get("submitted_at")]
    provinces = _counts(e.get("province_code") for e in submitted)
    return {
        "competition_id": definition["id"],
        "total": len(submitted),
        "by_status": _counts(e.get("status") for e in submitted),
        "by_province": [{"code": code, "name": regions.name(code), "count": n} for code, n in provinces.items()],
        "by_category": _counts(e.get("category") for e in submitted),
        "by_cluster": _counts(e.get("cluster") for e in submitted),
        "per_day": [{"day": day, "count": n} for day, n in _counts(e.get("day") for e in submitted).items()],
        "judging": judging_progress(definition, entries),
    }


def judging_progress(definition: dict, entries: list[dict]) -> list[dict]:
    """Per scored stage: assignments made and assignments with a score."""
    progress = []
    for stage in (s["key"] for s in definition.get("stages", []) if s.get("kind") == "scored"):
        assigned = sum(len((e.get("assigned") or {}).get(stage) or {}) for e in entries)
        done = sum(1 for e in entries for r in ((e.get("reviews") or {}).get(stage) or {}).values()
                   if r.get("total") is not None)
        progress.append({"stage": stage, "assigned": assigned, "done": done,
                         "percent": round(100.0 * done / assigned, 1) if assigned else 0.0})
    return progress
