"""The audit trail as the secretariat reads it: filtered by actor and kind, a page at a time or whole
(for the CSV export), each record with its details in plain words."""
from __future__ import annotations

import json

from services.review.ports import Store
from services.review.domain import audit
from services.review.handlers.common import competition

NAMED = ("at", "by", "role", "action", "stage", "entry_id", "judge_id", "reason", "request_id")


def page(store: Store, cid: str, actor: str | None, kind: str | None, limit: int, after: str | None) -> dict:
    """A page of the trail under the filters, the filters' choices, and the cursor of the next page."""
    definition = competition(store, cid)
    found = store.list_audit(cid, limit + 1, after, by=actor, action=kind)
    rows = [row(doc) for doc in found[:limit]]
    return {"definition": definition, "items": rows, "next": found[limit - 1]["_id"] if len(found) > limit else None,
            "actors": sorted(store.audit.distinct("by", {"competition_id": cid})),
            "kinds": sorted(store.audit.distinct("action", {"competition_id": cid})),
            "actor": actor, "kind": kind}


def every(store: Store, cid: str, actor: str | None, kind: str | None):
    """Every record under the filters, in time order (the competition must exist)."""
    competition(store, cid)
    return (row(doc) for doc in store.list_audit(cid, None, None, by=actor, action=kind))


def row(doc: dict) -> dict:
    """A record with the usual fields named and everything else as `details` (compact JSON text)."""
    view = audit.public_view(doc)
    rest = {key: value for key, value in view.items() if key not in NAMED + ("id", "competition_id")}
    return {**{key: view.get(key) for key in NAMED}, "id": view["id"],
            "details": json.dumps(rest, ensure_ascii=False, sort_keys=True, default=str) if rest else ""}
