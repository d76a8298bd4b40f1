"""What review decided about an entry, as intake keeps it for the regions: one outcome per stage (and per
award), the newest by event time. No I/O.

review publishes on <ns>.reviews: kipp.entry.screened (a screening stage: eligible or ineligible, with a
reason), kipp.entry.advanced / kipp.entry.eliminated (a scored stage's published shortlist: to_stage,
rank, score, reason) and kipp.entry.awarded (an award tier). A stage's outcome can change (a screening
decided again before assignment, an upheld objection eliminating an entry that had advanced, the next
candidate promoted), so each stage keeps one document, replaced only by a newer event: its `order` is
the event time in one fixed format, then the event id, and a write matches only an older order. A
redelivery or a late, older event therefore changes nothing, in whatever order they come.

A shortlist's publication opens its objection window (DESIGN §6): the window opens at the earliest
advanced/eliminated event of the stage and lasts the competition's `objection_days`.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shared.events import types
from services.intake.domain.entries import area_fields

SCREENED, ADVANCED, ELIMINATED, AWARDED = "screened", "advanced", "eliminated", "awarded"
KINDS = {types.ENTRY_SCREENED: SCREENED, types.ENTRY_ADVANCED: ADVANCED, types.ENTRY_ELIMINATED: ELIMINATED,
         types.ENTRY_AWARDED: AWARDED}
DEFAULT_OBJECTION_DAYS = 5  # as review reads a definition without objection_days
COPIED = ("title", "category", "province_code")  # from the entry, so a shortlist lists without reading entries


def instant(text: str | None) -> datetime | None:
    """An event time as an aware UTC datetime (naive means UTC), or None when it is not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (AttributeError, TypeError, ValueError):
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def canonical_time(text: str | None) -> str:
    """An event time in one sortable format (microseconds, Z); "" when the event has none."""
    moment = instant(text)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ") if moment else ""


def slot(kind: str, data: dict) -> str:
    """What one outcome document stands for within its entry: the stage, or the award."""
    return f"award:{data['award']}" if kind == AWARDED else data["stage"]


def from_event(event: dict, entry: dict | None) -> dict | None:
    """The outcome document an event of review stands for, or None for an event that is no outcome.
    `entry` is intake's entry, when it knows it: its area and title ride along for the lists."""
    kind = KINDS.get(event.get("type"))
    if kind is None:
        return None
    data, at = event["data"], canonical_time(event.get("time"))
    key = slot(kind, data)
    doc = {"_id": f"{data['entry_id']}|{key}", "entry_id": data["entry_id"], "competition_id": data["competition_id"],
           "slot": key, "kind": kind, "stage": data.get("stage"), "reason": data.get("reason"), "at": at,
           "event_id": event["id"], "order": f"{at}|{event['id']}"}
    if kind == SCREENED:
        doc["decision"] = data["decision"]
    elif kind == AWARDED:
        doc["award"] = data["award"]
    else:
        doc.update(to_stage=data.get("to_stage"), rank=data.get("rank"), score=data.get("score"))
    if entry is not None:
        agency = entry.get("agency") or {}
        doc.update({k: entry.get(k) for k in COPIED}, agency_name=agency.get("name"), **area_fields(agency))
    return doc


def publication(doc: dict) -> dict | None:
    """For an advanced/eliminated outcome: the stage's publication it belongs to (`_id`, and its time)."""
    if doc["kind"] not in (ADVANCED, ELIMINATED) or not doc["at"]:
        return None
    return {"_id": f"{doc['competition_id']}|{doc['stage']}", "competition_id": doc["competition_id"],
            "stage": doc["stage"], "published_at": doc["at"]}


def latest(outcomes: list[dict]) -> dict | None:
    """The newest of an entry's outcomes."""
    return max(outcomes, key=lambda o: o.get("order") or "", default=None)


def in_order(outcomes: list[dict]) -> list[dict]:
    """An entry's outcomes, oldest first: the story of its competition."""
    return sorted(outcomes, key=lambda o: o.get("order") or "")


def screening(outcomes: list[dict]) -> dict | None:
    """The (newest) screening decision among an entry's outcomes."""
    return latest([o for o in outcomes if o.get("kind") == SCREENED])


def objection_window(published_at: str, objection_days) -> tuple[datetime, datetime]:
    """(opens, closes) of the objection window a publication opened."""
    days = DEFAULT_OBJECTION_DAYS if objection_days is None else int(objection_days)
    opens = instant(published_at)
    return opens, opens + timedelta(days=days)


def window_open(published_at: str, objection_days, now: datetime) -> bool:
    """True while regions may object to the stage's shortlist (opens ≤ now < closes, as review counts it)."""
    opens, closes = objection_window(published_at, objection_days)
    return opens <= now < closes


def public(doc: dict) -> dict:
    """An outcome as the API and the portal show it."""
    shown = ("kind", "stage", "decision", "to_stage", "rank", "score", "award", "reason", "at")
    return {k: doc.get(k) for k in shown if k in doc}
