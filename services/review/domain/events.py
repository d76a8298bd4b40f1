"""The events review emits on kipp.reviews (DESIGN §3). No I/O."""
from __future__ import annotations

from shared.events import types
from shared.events.envelope import new_event

SOURCE = "kipp/review"


def entry_screened(entry_id: str, competition_id: str, stage: str, decision: str, reason: str | None,
                   request_id: str | None) -> dict:
    data = {"entry_id": entry_id, "competition_id": competition_id, "stage": stage, "decision": decision,
            "reason": reason}
    return new_event(types.ENTRY_SCREENED, entry_id, data, SOURCE, request_id)


def assignment_created(assignment: dict, request_id: str | None) -> dict:
    data = {"assignment_id": assignment["_id"], "entry_id": assignment["entry_id"],
            "competition_id": assignment["competition_id"], "stage": assignment["stage"],
            "judge_id": assignment["judge_id"], "judge_email": assignment.get("judge_email") or "",
            "due_at": assignment.get("due_at")}
    if assignment.get("replaces"):
        data["replaces"] = assignment["replaces"]
    return new_event(types.ASSIGNMENT_CREATED, assignment["entry_id"], data, SOURCE, request_id)


def review_scored(assignment: dict, revision: dict, request_id: str | None) -> dict:
    data = {"assignment_id": assignment["_id"], "entry_id": assignment["entry_id"],
            "competition_id": assignment["competition_id"], "stage": assignment["stage"],
            "judge_id": assignment["judge_id"], "scores": revision["scores"], "total": revision["total"],
            "revision": revision["revision"], "scored_at": revision["scored_at"]}
    return new_event(types.REVIEW_SCORED, assignment["entry_id"], data, SOURCE, request_id)


def judge_registered(judge: dict, request_id: str | None) -> dict:
    """A judge in the registry: the sign-in desk gives the address an account (judge id as its `sub`)."""
    data = {"judge_id": judge["_id"], "name": judge.get("name") or judge["_id"], "email": judge.get("email") or ""}
    return new_event(types.JUDGE_REGISTERED, judge["_id"], data, SOURCE, request_id)


def panel_changed(appointed: bool, judge_id: str, competition_id: str, stage: str, at: str,
                  request_id: str | None) -> dict:
    """kipp.judge.appointed (appointed=True) or kipp.judge.released, keyed by the judge."""
    data = {"judge_id": judge_id, "competition_id": competition_id, "stage": stage, "at": at}
    kind = types.JUDGE_APPOINTED if appointed else types.JUDGE_RELEASED
    return new_event(kind, judge_id, data, SOURCE, request_id)


def judge_reminded(judge: dict, competition_id: str, stage: str, late: list[dict], reminded_at: str,
                   request_id: str | None) -> dict:
    """kipp.judge.reminded: notify mails the judge the list of their late assignments."""
    data = {"judge_id": judge["_id"], "judge_email": judge.get("email") or "", "judge_name": judge.get("name") or "",
            "competition_id": competition_id, "stage": stage, "reminded_at": reminded_at,
            "assignments": [{"assignment_id": a["_id"], "entry_id": a["entry_id"], "title": a.get("title"),
                             "due_at": a.get("due_at")} for a in late]}
    return new_event(types.JUDGE_REMINDED, judge["_id"], data, SOURCE, request_id)


def stage_closed(competition_id: str, stage: str, closed_at: str, request_id: str | None) -> dict:
    data = {"competition_id": competition_id, "stage": stage, "closed_at": closed_at}
    return new_event(types.STAGE_CLOSED, competition_id, data, SOURCE, request_id)


def entry_ranked(advanced: bool, entry_id: str, competition_id: str, stage: str, to_stage: str | None,
                 rank: int | None, score: float | None, reason: str | None, request_id: str | None) -> dict:
    """kipp.entry.advanced (advanced=True) or kipp.entry.eliminated."""
    data = {"entry_id": entry_id, "competition_id": competition_id, "stage": stage, "to_stage": to_stage,
            "rank": rank, "score": score, "reason": reason}
    kind = types.ENTRY_ADVANCED if advanced else types.ENTRY_ELIMINATED
    return new_event(kind, entry_id, data, SOURCE, request_id)


def entry_awarded(entry_id: str, competition_id: str, award: str, request_id: str | None, **extra) -> dict:
    data = {"entry_id": entry_id, "competition_id": competition_id, "award": award, **extra}
    return new_event(types.ENTRY_AWARDED, entry_id, data, SOURCE, request_id)
