"""What review does with intake's events: keep its own copy of competitions and entries."""
from __future__ import annotations

from shared.events import types
from shared.mongo.dedup import apply_once
from services.review.ports import Store
from services.review.domain import entries


def handle(deps, event: dict) -> None:
    """Apply one of intake's events, at most once per event id."""
    apply_once(deps.db, event, lambda e: APPLY[e["type"]](deps.store, e))


def competition_published(store: Store, event: dict) -> None:
    store.save_competition(event["data"], event.get("time") or "")


def entry_submitted(store: Store, event: dict) -> None:
    """Keep the submitted revision; an older or repeated one changes nothing."""
    store.save_submitted(event["data"]["entry_id"], entries.submitted_fields(event["data"]))


def entry_withdrawn(store: Store, event: dict) -> None:
    """Mark the entry withdrawn and take it out of every judge's unfinished work."""
    data = event["data"]
    store.mark_withdrawn(data["entry_id"], data["competition_id"], entries.withdrawn_fields(data))
    store.assignments.withdraw_entry(data["entry_id"])


APPLY = {types.COMPETITION_PUBLISHED: competition_published, types.ENTRY_SUBMITTED: entry_submitted,
         types.ENTRY_WITHDRAWN: entry_withdrawn}
