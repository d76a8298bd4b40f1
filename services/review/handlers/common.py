"""Look-ups every review handler starts from."""
from __future__ import annotations

from services.review.ports import Store
from services.review.domain.entries import in_stage
from services.review.domain.errors import NotFound, StageClosed


def competition(store: Store, cid: str) -> dict:
    """The published definition, or 404."""
    definition = store.get_competition(cid)
    if definition is None:
        raise NotFound(f"competition {cid} not found in review (not published yet?)")
    return definition


def open_stage(store: Store, cid: str, stage: str) -> dict:
    """The stage's state document, which must not be closed (409 stage-closed)."""
    state = store.get_stage(cid, stage)
    if state.get("status") in ("closing", "closed"):
        raise StageClosed(f"stage {stage} of {cid} is closed; its scores are locked")
    return state


def stage_entries(store: Store, definition: dict, stage_key: str) -> dict[str, dict]:
    """The entries taking part in the stage, by id (in id order)."""
    return {e["_id"]: e for e in store.competition_entries(definition["id"], "submitted")
            if in_stage(definition, e, stage_key)}
