"""Competition definitions as review reads them (DESIGN §5): stages, rubric, due dates. No I/O."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from services.review.domain.errors import NotFound, WrongStageKind


def stage_of(definition: dict, stage_key: str) -> dict:
    """The stage `stage_key` of the competition, or NotFound."""
    for stage in definition.get("stages") or []:
        if stage.get("key") == stage_key:
            return stage
    raise NotFound(f"competition {definition.get('id')} has no stage {stage_key}")


def scored_stage(definition: dict, stage_key: str) -> dict:
    """The stage, which must be a scored one (409 otherwise)."""
    return _stage_of_kind(definition, stage_key, "scored")


def screening_stage(definition: dict, stage_key: str) -> dict:
    """The stage, which must be a screening one (409 otherwise)."""
    return _stage_of_kind(definition, stage_key, "screening")


def _stage_of_kind(definition: dict, stage_key: str, kind: str) -> dict:
    stage = stage_of(definition, stage_key)
    if stage.get("kind") != kind:
        raise WrongStageKind(f"stage {stage_key} is a {stage.get('kind')} stage, not a {kind} one")
    return stage


def stages_before(definition: dict, stage_key: str) -> list[dict]:
    """The stages an entry passes before reaching `stage_key`, in order."""
    keys = [s.get("key") for s in definition.get("stages") or []]
    return list(definition["stages"][: keys.index(stage_key)]) if stage_key in keys else []


def next_stage(definition: dict, stage_key: str) -> dict | None:
    """The stage after `stage_key`, or None after the last one."""
    stages = definition.get("stages") or []
    for position, stage in enumerate(stages):
        if stage.get("key") == stage_key:
            return stages[position + 1] if position + 1 < len(stages) else None
    return None


def field_key(stage_key: str) -> str:
    """A stage key usable inside a stored field path (no '.' or leading '$')."""
    return stage_key.replace(".", "_").replace("$", "_")


def rubric(definition: dict) -> dict:
    """The criteria with their weights and share of the total, and the score scale."""
    criteria = definition.get("criteria") or []
    total_weight = sum(float(c["weight"]) for c in criteria) or 1.0
    labels = {s.get("key"): s.get("label") for s in definition.get("sections") or []}
    return {"criteria": [{"key": c["key"], "label": c.get("label") or labels.get(c["key"]) or _title(c["key"]),
                          "weight": c["weight"], "share": round(100 * float(c["weight"]) / total_weight, 1)}
                         for c in criteria],
            "score_scale": scale(definition)}


def scale(definition: dict) -> dict:
    found = definition.get("score_scale") or {}
    return {"min": float(found.get("min", 0)), "max": float(found.get("max", 100))}


def due_at(stage: dict, now: datetime, default_days: int) -> str:
    """The stage's due date when it names one (`due_at`), else `default_days` from now."""
    if stage.get("due_at"):
        return str(stage["due_at"])
    return (now.astimezone(timezone.utc) + timedelta(days=default_days)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _title(key: str) -> str:
    return key.replace("_", " ").capitalize()
