"""What the read model derives from an entry's facts: status, stage, each stage's marks. No I/O.

Everything here is recomputed from the facts on every change, so the derived fields are the
same whatever order the facts arrived in.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shared.scoring import criterion_means

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


def stage_marks(doc: dict) -> dict:
    """Per stage (map key): assignments live, and the scored reviews' judges and totals (in assignment id
    order) with the mean of each criterion — what ranking the stage needs of this entry. Scores and
    their means come from shared.scoring, like review's."""
    reviews = doc.get("reviews") or {}
    stages: dict[str, set] = {}
    for aid, assignment in live_assignments(doc).items():
        stages.setdefault(key(assignment["stage"]), set()).add(aid)
    for aid, review in reviews.items():
        stages.setdefault(key(review["stage"]), set()).add(aid)
    found = {}
    for stage, aids in sorted(stages.items()):
        scored = [reviews[aid] for aid in sorted(aids) if aid in reviews and reviews[aid].get("total") is not None]
        found[stage] = {"assigned": len(aids), "judges": [r["judge_id"] for r in scored],
                        "totals": [float(r["total"]) for r in scored],
                        "means": criterion_means(r.get("scores") for r in scored)}
    return found


def derive(doc: dict) -> dict:
    """`doc` with its derived fields recomputed from its facts."""
    submission = doc.get("submission") or {}
    agency = submission.get("agency") or {}
    sent = sum(1 for status in (doc.get("notifications") or {}).values() if status == "sent")
    return {**doc, "status": status_of(doc), "stage": stage_of(doc), "title": submission.get("title"),
            "category": submission.get("category"), "province_code": submission.get("province_code"),
            "cluster": agency.get("cluster"), "agency": agency or None, "submitted_at": submission.get("submitted_at"),
            "day": jakarta_day(submission.get("submitted_at")) if submission else None, "stages": stage_marks(doc),
            "notified": {"sent": sent, "failed": len(doc.get("notifications") or {}) - sent}}
