"""intake's commands on competitions: publish a definition, read them."""
from __future__ import annotations

from shared import paging
from services.intake.ports import Deps
from services.intake.domain import competitions
from services.intake.domain.errors import NotFound


def put_competition(deps: Deps, definition: dict, request_id: str | None) -> dict:
    """Create or replace a definition; a changed one is queued for publication, an unchanged one is not."""
    current = deps.store.get_competition(definition["id"])
    if current is None or current.get("definition") != definition:
        deps.store.save_competition(definition, competitions.published_event(definition, request_id))
    return definition


def get_competition(deps: Deps, cid: str) -> dict:
    """The definition, or NotFound."""
    found = deps.store.get_competition(cid)
    if found is None or "definition" not in found:
        raise NotFound(f"competition {cid} not found")
    return found["definition"]


def list_competitions(deps: Deps, after: str | None, limit: int) -> tuple[list[dict], str | None]:
    """A page of definitions and the id to continue after (None on the last page)."""
    found, last = paging.cut(deps.store.list_competitions(after, limit + 1), limit, lambda doc: doc["_id"])
    return [doc["definition"] for doc in found if "definition" in doc], last
