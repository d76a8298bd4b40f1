"""Where a competition's work stands, for the secretariat: screening done, judges' loads, late work. No I/O."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timezone

from services.review.domain.competitions import field_key

DECISIONS = ("eligible", "ineligible")


def percent(done: int, total: int) -> int:
    """Whole percent of `total` done (0 when there is nothing to do)."""
    return round(100 * done / total) if total else 0


def screening(entries: list[dict], stage_key: str) -> dict:
    """Screening figures of the submitted `entries`: how many are decided, eligible, ineligible, of how many."""
    key = field_key(stage_key)
    counts = Counter(((e.get("screenings") or {}).get(key) or {}).get("decision") for e in entries
                     if e.get("status") == "submitted")
    total = sum(counts.values())
    decided = sum(counts[d] for d in DECISIONS)
    return {"total": total, "decided": decided, "undecided": total - decided, "eligible": counts["eligible"],
            "ineligible": counts["ineligible"], "percent": percent(decided, total)}


def decision_of(entry: dict, stage_key: str) -> str | None:
    """The entry's screening decision at `stage_key`, or None while undecided."""
    return ((entry.get("screenings") or {}).get(field_key(stage_key)) or {}).get("decision")


def instant(value) -> datetime | None:
    """An aware datetime from an ISO 8601 text or a datetime (naive means UTC); None when it is neither."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def is_late(assignment: dict, now: datetime) -> bool:
    """A pending assignment past its due date."""
    due = instant(assignment.get("due_at"))
    return assignment.get("status") == "pending" and due is not None and due < now


def late(assignments: list[dict], now: datetime) -> list[dict]:
    """The pending assignments past their due date, earliest due first."""
    return sorted((a for a in assignments if is_late(a, now)), key=lambda a: (a.get("due_at") or "", a["entry_id"]))


def loads(assignments: list[dict], now: datetime) -> dict[str, dict]:
    """Per judge: pending, scored, recused and late assignments, and the live load (pending + scored)."""
    found: dict[str, dict] = defaultdict(lambda: {"pending": 0, "scored": 0, "recused": 0, "late": 0, "load": 0})
    for a in assignments:
        row = found[a["judge_id"]]
        if a["status"] in ("pending", "scored", "recused"):
            row[a["status"]] += 1
        if a["status"] in ("pending", "scored"):
            row["load"] += 1
        if is_late(a, now):
            row["late"] += 1
    return dict(found)


def judges_per_entry(assignments: list[dict]) -> dict[str, list[dict]]:
    """Per entry, its judges and their status (withdrawn and cancelled work is no work), in judge id order."""
    found: dict[str, list[dict]] = defaultdict(list)
    for a in sorted(assignments, key=lambda a: a["judge_id"]):
        if a["status"] in ("pending", "scored", "recused"):
            found[a["entry_id"]].append({"judge_id": a["judge_id"], "status": a["status"], "id": a["_id"]})
    return dict(found)
