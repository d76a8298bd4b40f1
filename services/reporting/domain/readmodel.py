"""How each event changes the read model: (collection, guard query, update) writes. No I/O.

Every write is an upsert whose guard makes a replay a no-op: a newer revision, or a value
that is the same the second time. Events of one entry can arrive from different topics in
any order, so each write sets only the fields its event owns.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from shared.events import types as t

JAKARTA = timezone(timedelta(hours=7))
ENTRY_FIELDS = ("competition_id", "title", "group", "category", "agency", "province_code", "submitted_at",
                "implemented_since", "sdgs")


def jakarta_day(iso: str) -> str:
    """The calendar day in Asia/Jakarta of an ISO time."""
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return moment.astimezone(JAKARTA).date().isoformat()


def _revision_guard(entry_id: str, field: str, revision: int) -> dict:
    return {"_id": entry_id, "$or": [{field: {"$exists": False}}, {field: {"$lt": revision}}]}


def competition_published(data: dict) -> list:
    return [("competitions", {"_id": data["id"]}, {"$set": {"definition": data}})]


def entry_submitted(data: dict) -> list:
    fields = {key: data.get(key) for key in ENTRY_FIELDS}
    fields.update(cluster=(data.get("agency") or {}).get("cluster"), revision=data["revision"],
                  day=jakarta_day(data["submitted_at"]))
    return [("entries", _revision_guard(data["entry_id"], "revision", data["revision"]),
             {"$set": fields, "$setOnInsert": {"status": "submitted"}}),
            # a review event may have created the document first: give it a status if it has none
            ("entries", {"_id": data["entry_id"], "status": {"$exists": False}}, {"$set": {"status": "submitted"}})]


def entry_status(data: dict, status: str, extra: dict | None = None) -> list:
    update = {"status": status, "competition_id": data["competition_id"], **(extra or {})}
    return [("entries", {"_id": data["entry_id"]}, {"$set": update})]


def assignment_created(data: dict) -> list:
    field = f"assigned.{data['stage']}.{data['assignment_id']}"
    return [("entries", {"_id": data["entry_id"]},
             {"$set": {field: data["judge_id"], "competition_id": data["competition_id"]}})]


def review_scored(data: dict) -> list:
    field = f"reviews.{data['stage']}.{data['assignment_id']}"
    review = {key: data[key] for key in ("judge_id", "scores", "total", "revision", "scored_at")}
    return [("entries", _revision_guard(data["entry_id"], field + ".revision", data["revision"]),
             {"$set": {field: review, "competition_id": data["competition_id"]}})]


def stage_result(data: dict, outcome: str) -> list:
    result = {key: data.get(key) for key in ("to_stage", "rank", "score", "reason")}
    changes = {f"results.{data['stage']}": {"outcome": outcome, **result}, "status": outcome}
    if outcome == "advanced" and data.get("to_stage"):
        changes["stage"] = data["to_stage"]
    return [("entries", {"_id": data["entry_id"]}, {"$set": {**changes, "competition_id": data["competition_id"]}})]


def writes_for(event: dict) -> tuple[list, str | None]:
    """The writes an event makes, and the competition whose version it bumps."""
    data, kind = event["data"], event["type"]
    if kind == t.COMPETITION_PUBLISHED:
        return competition_published(data), data["id"]
    if kind in (t.NOTIFICATION_SENT, t.NOTIFICATION_FAILED):
        outcome = "sent" if kind == t.NOTIFICATION_SENT else "failed"
        return [("entries", {"_id": event["subject"]}, {"$inc": {f"notifications.{outcome}": 1}})], None
    builders = {
        t.ENTRY_SUBMITTED: lambda: entry_submitted(data),
        t.ENTRY_WITHDRAWN: lambda: entry_status(data, "withdrawn", {"withdrawn_at": data.get("withdrawn_at")}),
        t.ENTRY_SCREENED: lambda: entry_status(data, "eligible" if data["decision"] == "eligible" else "ineligible",
                                               {"screening": {k: data.get(k) for k in ("stage", "decision", "reason")}}),
        t.ASSIGNMENT_CREATED: lambda: assignment_created(data),
        t.REVIEW_SCORED: lambda: review_scored(data),
        t.ENTRY_ADVANCED: lambda: stage_result(data, "advanced"),
        t.ENTRY_ELIMINATED: lambda: stage_result(data, "eliminated"),
        t.ENTRY_AWARDED: lambda: [("entries", {"_id": data["entry_id"]},
                                   {"$addToSet": {"awards": data["award"]}, "$set": {"status": "awarded",
                                                                                       "competition_id": data["competition_id"]}})],
        t.STAGE_CLOSED: lambda: [("competitions", {"_id": data["competition_id"]},
                                  {"$set": {f"closed.{data['stage']}": data["closed_at"]}})],
    }
    return builders[kind](), data.get("competition_id")
