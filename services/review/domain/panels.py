"""Panels: the judges appointed to a competition's scored stage (the desk stage's Tim Evaluasi, the
interview's Tim Panel Independen). No I/O.

Assignment draws only from the stage's panel: a judge who is not appointed is never drawn, whatever
the registry says. An appointment is one document per (competition, stage, judge), appointed or
released, and each change carries its event (kipp.judge.appointed / kipp.judge.released, key = the
judge id). A registration that names competitions or stages (`competitions`, `stages`) says where the
judge is available; appointing them elsewhere is refused.
"""
from __future__ import annotations

from services.review.domain.errors import JudgeNotAvailable

APPOINTED, RELEASED = "appointed", "released"
SHOWN = ("competition_id", "stage", "judge_id", "status", "appointed_at", "appointed_by", "released_at",
         "released_by")


def appointment_id(competition_id: str, stage: str, judge_id: str) -> str:
    """One document per (competition, stage, judge): appointing twice is the same appointment."""
    return f"{competition_id}:{stage}:{judge_id}"


def availability(judge: dict, competition_id: str, stage: str) -> str | None:
    """Why the judge cannot sit on this panel, or None when they can."""
    if not judge.get("active", True):
        return "the judge is no longer active in the registry"
    if judge.get("competitions") and competition_id not in judge["competitions"]:
        return f"the registration limits the judge to the competitions {', '.join(judge['competitions'])}"
    if judge.get("stages") and stage not in judge["stages"]:
        return f"the registration limits the judge to the stages {', '.join(judge['stages'])}"
    return None


def check_available(judge: dict, competition_id: str, stage: str) -> None:
    """Raise JudgeNotAvailable (409) naming why the judge may not be appointed here."""
    why = availability(judge, competition_id, stage)
    if why:
        raise JudgeNotAvailable(f"judge {judge['_id']} cannot be appointed to {stage} of {competition_id}: {why}",
                                judge_id=judge["_id"])


def appointment(competition_id: str, stage: str, judge_id: str, by: str, at: str) -> dict:
    """The fields an appointment sets (on a new document or a released one)."""
    return {"competition_id": competition_id, "stage": stage, "judge_id": judge_id, "status": APPOINTED,
            "appointed_at": at, "appointed_by": by, "released_at": None, "released_by": None}


def release(by: str, at: str) -> dict:
    """The fields a release sets."""
    return {"status": RELEASED, "released_at": at, "released_by": by}


def members(appointments) -> list[str]:
    """The ids of the judges on the panel (appointed, not released), in id order."""
    return sorted({a["judge_id"] for a in appointments if a.get("status") == APPOINTED})


def drawn_from(judges: list[dict], panel: set[str] | list[str]) -> list[dict]:
    """The registry's judges assignment may draw: active, and on the stage's panel."""
    wanted = set(panel)
    return [j for j in judges if j["_id"] in wanted and j.get("active", True)]


def public_view(doc: dict, judge: dict | None = None) -> dict:
    """An appointment as the API shows it; with the judge's registry entry, their name and conflicts too."""
    view = {key: doc.get(key) for key in SHOWN}
    if judge is not None:
        view["judge"] = {key: judge.get(key) for key in ("name", "email", "home_region", "affiliation_region",
                                                         "expertise", "conflicts")}
    return view
