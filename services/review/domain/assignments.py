"""Assignment documents: ids, who may see them, how they are shown. No I/O."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from shared.auth.tokens import Principal

ID_NAMESPACE = uuid.UUID("6f1c2a52-3c1e-4d8e-9a8e-6b1d2b0c4b71")
REVISION = ("revision", "scores", "total", "comment", "scored_at")
SHOWN = ("entry_id", "title", "competition_id", "stage", "judge_id", "status", "due_at", "revision", "total",
         "scored_at")


def assignment_id(competition_id: str, stage: str, entry_id: str, judge_id: str) -> str:
    """Deterministic, so a re-run after a crash finds what it already wrote."""
    return str(uuid.uuid5(ID_NAMESPACE, f"{competition_id}:{stage}:{entry_id}:{judge_id}"))


def new_assignment(competition_id: str, stage: str, entry_id: str, judge, due_at: str, run: int | str,
                   by: str, replaces: str | None = None, title: str | None = None) -> dict:
    """A pending assignment of `judge` (a conflicts.Judge) to an entry; the entry's title is kept
    with it so a judge's list needs no second look-up."""
    doc = {"_id": assignment_id(competition_id, stage, entry_id, judge.id), "competition_id": competition_id,
           "stage": stage, "entry_id": entry_id, "title": title, "judge_id": judge.id, "judge_email": judge.email,
           "status": "pending", "due_at": due_at, "revision": 0, "run": run,
           "created_by": by, "created_at": datetime.now(timezone.utc)}
    if replaces:
        doc["replaces"] = replaces
    return doc


def visible_to(principal: Principal, assignment: dict) -> bool:
    """Admins see every assignment; a judge only their own."""
    return principal.role == "admin" or (principal.role == "judge" and assignment.get("judge_id") == principal.sub)


def public_view(assignment: dict, history: list[dict] | None = None) -> dict:
    """The assignment; with `history` (its revisions, oldest first) also its latest scores and comment."""
    view = {key: assignment.get(key) for key in SHOWN}
    view["id"] = assignment["_id"]
    if assignment.get("recusal"):
        view["recusal"] = assignment["recusal"]
    if history is not None:
        latest = history[-1] if history else {}
        view.update(scores=latest.get("scores"), comment=latest.get("comment"),
                    history=[{key: r.get(key) for key in REVISION} for r in history])
        if latest:
            view.update(revision=latest["revision"], total=latest["total"], scored_at=latest["scored_at"],
                        status=assignment["status"] if assignment["status"] != "pending" else "scored")
    return view
