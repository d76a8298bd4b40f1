"""What the read model derives from an entry's facts: status, stage, per-stage sums and counts. No I/O.

Everything here is recomputed from the facts on every change, with exact sums (math.fsum),
so the derived fields are the same whatever order the facts arrived in.
"""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

JAKARTA = timezone(timedelta(hours=7))  # Asia/Jakarta has kept UTC+7 without DST since 1964


def key(value: str) -> str:
    """A map key for an id or a stage: MongoDB keys may not contain '.' or start with '$'."""
    return str(value).replace("%", "%25").replace(".", "%2E").replace("$", "%24")


def jakarta_day(iso: str | None) -> str | None:
    """The calendar day in Asia/Jakarta of an ISO time (None when unreadable)."""
    try:
        moment = datetime.fromisoformat(str(iso).replace("Z", "+00:00"))
    except ValueError:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(JAKARTA).date().isoformat()


def _latest(parts: dict | None) -> dict | None:
    return max((parts or {}).values(), key=lambda p: p.get("at") or "", default=None)


def status_of(doc: dict) -> str | None:
    """submitted → eligible/ineligible → advanced/eliminated → awarded; withdrawn ends it. None without a submission."""
    if not doc.get("submission"):
        return None
    if doc.get("withdrawn"):
        return "withdrawn"
    if doc.get("awards"):
        return "awarded"
    result = _latest(doc.get("results"))
    if result:
        return result["outcome"]
    screening = doc.get("screening")
    if screening:
        return "eligible" if screening["decision"] == "eligible" else "ineligible"
    return "submitted"


def live_assignments(doc: dict) -> dict:
    """Assignments not replaced by a reassignment (a judge's recusal)."""
    assignments = doc.get("assignments") or {}
    replaced = {key(a["replaces"]) for a in assignments.values() if a.get("replaces")}
    return {aid: a for aid, a in assignments.items() if aid not in replaced}


def stage_of(doc: dict) -> str | None:
    """The stage the entry is in now: where its last result sent it, else where it was last assigned."""
    result = _latest(doc.get("results"))
    if result:
        return (result.get("to_stage") or result.get("stage")) if result["outcome"] == "advanced" else result.get("stage")
    assignment = _latest(live_assignments(doc))
    if assignment:
        return assignment["stage"]
    return (doc.get("screening") or {}).get("stage")


def stage_aggregates(doc: dict) -> tuple[dict, dict]:
    """Per stage: assigned, done, the sum of totals and of each criterion (with counts); and the marks
    (judge, total) the normalisation needs. Averages are derived by the reader (sum / count)."""
    reviews = doc.get("reviews") or {}
    stages: dict[str, set] = {}
    for aid, assignment in live_assignments(doc).items():
        stages.setdefault(key(assignment["stage"]), set()).add(aid)
    for aid, review in reviews.items():
        stages.setdefault(key(review["stage"]), set()).add(aid)
    agg, marks = {}, {}
    for stage, aids in stages.items():
        scored = [reviews[aid] for aid in sorted(aids) if aid in reviews and reviews[aid].get("total") is not None]
        criteria = sorted({k for r in scored for k, v in (r.get("scores") or {}).items() if v is not None})
        agg[stage] = {"assigned": len(aids), "done": len(scored),
                      "total_sum": math.fsum(float(r["total"]) for r in scored),
                      "crit_sums": {k: math.fsum(float(r["scores"][k]) for r in scored if r["scores"].get(k) is not None)
                                    for k in criteria},
                      "crit_counts": {k: sum(1 for r in scored if r["scores"].get(k) is not None) for k in criteria}}
        marks[stage] = [{"judge_id": r["judge_id"], "total": float(r["total"])} for r in scored]
    return agg, marks


def derive(doc: dict) -> dict:
    """`doc` with its derived fields recomputed from its facts."""
    submission = doc.get("submission") or {}
    agency = submission.get("agency") or {}
    agg, marks = stage_aggregates(doc)
    sent = sum(1 for status in (doc.get("notifications") or {}).values() if status == "sent")
    return {**doc, "status": status_of(doc), "stage": stage_of(doc), "title": submission.get("title"),
            "category": submission.get("category"), "province_code": submission.get("province_code"),
            "cluster": agency.get("cluster"), "agency": agency or None, "submitted_at": submission.get("submitted_at"),
            "day": jakarta_day(submission.get("submitted_at")) if submission else None, "agg": agg, "marks": marks,
            "notified": {"sent": sent, "failed": len(doc.get("notifications") or {}) - sent}}
