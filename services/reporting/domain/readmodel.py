"""How each event changes an entry's read-model document. Pure functions, no I/O.

`merge(doc, event)` returns the entry document after the event, or None when the event
changes nothing (a duplicate, a replay, an older revision arriving late). Each event owns
its own part of the document (the submission, one assignment, one review, one stage
result...), and every part keeps the newest version by revision or event time, so the
result does not depend on the order in which the topics deliver. `derive` then recomputes
what is read most (status, stage, per-stage sums and counts) from those parts alone.
"""
from __future__ import annotations

from shared.events import types as t
from services.reporting.domain.derived import derive, key

SUBMISSION_FIELDS = ("title", "group", "category", "agency", "province_code", "submitted_at", "implemented_since",
                     "sdgs", "revision", "owner_region")


def entry_ids(event: dict) -> list[str]:
    """The entries an event is about (a notification digest may name several; a judge's registration,
    an account's change or a sign-in mail none)."""
    data = event["data"]
    if event["type"] in (t.NOTIFICATION_SENT, t.NOTIFICATION_FAILED):
        named = [e for e in (data.get("entry_ids") or []) if e] or [data.get("entry_id")]
        return [e for e in named if e]
    return [data["entry_id"]] if event["type"] in MERGES else []


def _newer(current: dict | None, at: str) -> bool:
    return current is None or (current.get("at") or "") < at


def _submitted(doc: dict, data: dict, _at: str) -> dict | None:
    current = doc.get("submission")
    if current is not None and int(current.get("revision") or 0) >= int(data["revision"]):
        return None
    return {**doc, "submission": {name: data.get(name) for name in SUBMISSION_FIELDS}}


def _withdrawn(doc: dict, data: dict, _at: str) -> dict | None:
    if doc.get("withdrawn"):
        return None
    return {**doc, "withdrawn": {"at": data.get("withdrawn_at"), "reason": data.get("reason")}}


def _screened(doc: dict, data: dict, at: str) -> dict | None:
    if not _newer(doc.get("screening"), at):
        return None
    return {**doc, "screening": {"stage": data["stage"], "decision": data["decision"], "reason": data.get("reason"),
                                 "at": at}}


def _assigned(doc: dict, data: dict, at: str) -> dict | None:
    assignment = {"stage": data["stage"], "judge_id": data["judge_id"], "at": at}
    if data.get("replaces"):
        assignment["replaces"] = data["replaces"]
    aid = key(data["assignment_id"])
    if aid in (doc.get("assignments") or {}):
        return None
    return {**doc, "assignments": {**(doc.get("assignments") or {}), aid: assignment}}


def _scored(doc: dict, data: dict, _at: str) -> dict | None:
    aid, revision = key(data["assignment_id"]), int(data["revision"])
    current = (doc.get("reviews") or {}).get(aid)
    if current is not None and int(current["revision"]) >= revision:
        return None  # a replay, or an older revision arriving late: the latest stays
    version = {"revision": revision, "scores": data["scores"], "total": data["total"], "scored_at": data["scored_at"]}
    history = [h for h in (current or {}).get("history", []) if h["revision"] != revision] + [version]
    review = {**version, "assignment_id": data["assignment_id"], "stage": data["stage"], "judge_id": data["judge_id"],
              "history": sorted(history, key=lambda h: h["revision"])}
    return {**doc, "reviews": {**(doc.get("reviews") or {}), aid: review}}


def _ranked(outcome: str):
    def merge(doc: dict, data: dict, at: str) -> dict | None:
        stage = key(data["stage"])
        if not _newer((doc.get("results") or {}).get(stage), at):
            return None
        result = {"outcome": outcome, "at": at, **{k: data.get(k) for k in ("stage", "to_stage", "rank", "score", "reason")}}
        return {**doc, "results": {**(doc.get("results") or {}), stage: result}}
    return merge


def _awarded(doc: dict, data: dict, at: str) -> dict | None:
    awards = doc.get("awards") or {}
    if key(data["award"]) in awards:
        return None
    return {**doc, "awards": {**awards, key(data["award"]): {"award": data["award"], "at": at}}}


def _notified(status: str):
    def merge(doc: dict, data: dict, _at: str) -> dict | None:
        delivery, known = key(data["delivery_id"]), doc.get("notifications") or {}
        if known.get(delivery) in (status, "sent"):  # sent is final: a late 'failed' does not undo it
            return None
        return {**doc, "notifications": {**known, delivery: status}}
    return merge


MERGES = {t.ENTRY_SUBMITTED: _submitted, t.ENTRY_WITHDRAWN: _withdrawn, t.ENTRY_SCREENED: _screened,
          t.ASSIGNMENT_CREATED: _assigned, t.REVIEW_SCORED: _scored, t.ENTRY_ADVANCED: _ranked("advanced"),
          t.ENTRY_ELIMINATED: _ranked("eliminated"), t.ENTRY_AWARDED: _awarded,
          t.NOTIFICATION_SENT: _notified("sent"), t.NOTIFICATION_FAILED: _notified("failed")}


def merge(doc: dict | None, event: dict, entry_id: str | None = None) -> dict | None:
    """The entry document after `event` (derived fields recomputed), or None if nothing changed."""
    base = doc or {"_id": entry_id or event["data"]["entry_id"]}
    changed = MERGES[event["type"]](base, event["data"], event.get("time") or "")
    if changed is None:
        return None
    competition = event["data"].get("competition_id") or changed.get("competition_id")
    return derive({**changed, "competition_id": competition})
