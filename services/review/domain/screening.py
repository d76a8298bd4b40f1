"""The administrative stage: screening decisions on entries (DESIGN §4). No I/O."""
from __future__ import annotations

from shared.events.envelope import utc_now_iso

DECISIONS = ("eligible", "ineligible")


def refusal(entry: dict | None, competition_id: str) -> str | None:
    """Why a decision on this entry cannot be taken, or None."""
    if entry is None or entry.get("competition_id") != competition_id:
        return "no submitted entry with this id in this competition"
    if entry.get("status") == "withdrawn":
        return "the entry was withdrawn"
    return None


def record(stage: str, decision: str, reason: str | None, by: str) -> dict:
    """The decision as kept on the entry."""
    return {"stage": stage, "decision": decision, "reason": reason, "by": by, "at": utc_now_iso()}


def repeats(entry: dict, key: str, decision: str, reason: str | None) -> bool:
    """True when the entry already carries this very decision (a repeat changes nothing)."""
    current = (entry.get("screenings") or {}).get(key) or {}
    return current.get("decision") == decision and (current.get("reason") or None) == (reason or None)
