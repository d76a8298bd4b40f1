"""Scoring an assignment against the rubric (DESIGN §6): checks, totals, revisions. No I/O."""
from __future__ import annotations

import math

from shared.scoring import weighted_total
from services.review.domain.competitions import scale
from services.review.domain.errors import InvalidScores

LIVE = ("pending", "scored")


def problems(definition: dict, scores: dict) -> dict:
    """Every bad criterion as {"scores.<key>": [(code, params)]}; empty when the scores are fine."""
    bounds = scale(definition)
    keys = [c["key"] for c in definition.get("criteria") or []]
    found: dict = {}
    for key in keys:
        value = scores.get(key)
        if value is None or value == "":
            found[f"scores.{key}"] = [("required", bounds)]
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            found[f"scores.{key}"] = [("not-a-number", bounds)]
        elif value < bounds["min"]:
            found[f"scores.{key}"] = [("below-min", bounds)]
        elif value > bounds["max"]:
            found[f"scores.{key}"] = [("above-max", bounds)]
    for key in sorted(set(scores) - set(keys)):
        found[f"scores.{key}"] = [("unknown-criterion", bounds)]
    return found


def check(definition: dict, scores: dict) -> None:
    """Raise InvalidScores naming every bad criterion."""
    found = problems(definition, scores)
    if found:
        raise InvalidScores(f"{len(found)} score(s) break the rubric: " + ", ".join(sorted(found)), found)


def new_revision(definition: dict, assignment: dict, latest: dict | None, scores: dict, comment: str, by: str,
                 scored_at: str) -> dict:
    """The next revision of an assignment's scores, with its weighted total, as its own document."""
    clean = {c["key"]: float(scores[c["key"]]) for c in definition["criteria"]}
    number = int(latest["revision"]) + 1 if latest else 1
    return {"_id": f"{assignment['_id']}:{number}", "assignment_id": assignment["_id"],
            **{key: assignment[key] for key in ("competition_id", "stage", "entry_id", "judge_id")},
            "revision": number, "scores": clean, "total": round(weighted_total(definition["criteria"], clean), 4),
            "comment": comment or "", "scored_at": scored_at, "by": by}


def unchanged(latest: dict | None, scores: dict, comment: str) -> bool:
    """True when the scores and comment equal the latest revision (a repeated PUT changes nothing)."""
    if not latest:
        return False
    current = latest.get("scores") or {}
    return set(current) == set(scores) and all(float(scores[k]) == float(current[k]) for k in current) \
        and (comment or "") == (latest.get("comment") or "")


def summary(revision: dict) -> dict:
    """What the assignment document keeps of its latest revision."""
    return {key: revision[key] for key in ("revision", "total", "scored_at")}


def progress(counts: dict) -> dict:
    """Progress figures from counts by status (withdrawn assignments are not work)."""
    live = {status: int(counts.get(status, 0)) for status in ("pending", "scored", "recused")}
    assigned = live["pending"] + live["scored"]
    return {**live, "assigned": assigned, "done_percent": round(100 * live["scored"] / assigned) if assigned else 0}
