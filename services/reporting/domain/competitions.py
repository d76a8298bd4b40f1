"""Competition definitions as reporting keeps them (DESIGN §5), and what it reads from them. No I/O."""
from __future__ import annotations

from shared.scoring import highest_weight_criterion
from services.reporting.domain.derived import key


def published(doc: dict | None, event: dict) -> dict | None:
    """The competition document after kipp.competition.published; the latest publication wins."""
    at, definition = event.get("time") or "", event["data"]
    if doc and (doc.get("published_at") or "") >= at:
        return None  # a replay, or an older definition arriving late
    return {**(doc or {}), "_id": definition["id"], "definition": definition, "published_at": at}


def stage_closed(doc: dict | None, event: dict) -> dict | None:
    """The competition document after kipp.stage.closed (the first closing time is kept)."""
    data = event["data"]
    closed = (doc or {}).get("closed") or {}
    if key(data["stage"]) in closed:
        return None
    return {**(doc or {}), "_id": data["competition_id"], "closed": {**closed, key(data["stage"]): data["closed_at"]}}


def scored_stages(definition: dict) -> list[str]:
    """The stages judges score, in the competition's order."""
    return [stage["key"] for stage in definition.get("stages") or [] if stage.get("kind") == "scored"]


def category_labels(definition: dict) -> dict:
    return {c["key"]: c.get("label") or c["key"] for c in definition.get("categories") or []}


def top_criterion(definition: dict) -> str | None:
    return highest_weight_criterion(definition.get("criteria") or [])
