"""Entries: how a draft is made, who may see it, and what its submission says. No I/O."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from shared.auth.guards import region_covers
from shared.auth.tokens import Principal
from shared.events import types
from shared.events.envelope import new_event, utc_now_iso
from shared.regions import province_of

SOURCE = "kipp/intake"
PUBLIC_FIELDS = ("title", "group", "category", "agency", "implemented_since", "sdgs", "sections",
                 "videos", "contact")


def new_draft(competition_id: str, fields: dict, principal: Principal, entry_id: str | None = None) -> dict:
    """A draft entry owned by the caller's region."""
    now = datetime.now(timezone.utc)
    return {"_id": entry_id or str(uuid.uuid4()), "competition_id": competition_id, "status": "draft",
            "owner_region": principal.region, "created_by": principal.sub, "created_at": now,
            "updated_at": now, "revision": 0, "attachments": [], **fields}


def visible_to(principal: Principal, entry: dict) -> bool:
    """Ministry and admin see every entry; a region sees entries of its area; others none."""
    if principal.role in ("ministry", "admin"):
        return True
    return principal.role == "region" and region_covers(principal.region, entry.get("owner_region"))


def submission_changes(entry: dict) -> dict:
    """The fields a submission sets on the entry document."""
    return {"status": "submitted", "submitted_at": utc_now_iso(), "revision": int(entry.get("revision", 0)) + 1,
            "province_code": province_of(entry["agency"]["region_code"])}


def submitted_event(entry: dict, changes: dict, request_id: str | None) -> dict:
    """kipp.entry.submitted carrying the fields DESIGN §3 lists."""
    data = {key: entry.get(key) for key in PUBLIC_FIELDS}
    data.update(entry_id=entry["_id"], competition_id=entry["competition_id"], revision=changes["revision"],
                province_code=changes["province_code"], submitted_at=changes["submitted_at"],
                attachments=[{k: a[k] for k in ("id", "filename", "size", "sha256", "content_type") if k in a}
                             for a in entry.get("attachments", [])],
                sdgs=entry.get("sdgs") or [], owner_region=entry.get("owner_region"))
    return new_event(types.ENTRY_SUBMITTED, entry["_id"], data, SOURCE, request_id)


def public_view(entry: dict) -> dict:
    """The entry as the API shows it."""
    view = {k: v for k, v in entry.items() if k not in ("_id", "outbox", "outbox_pending")}
    view["id"] = entry["_id"]
    for key in ("created_at", "updated_at"):
        if isinstance(view.get(key), datetime):
            view[key] = view[key].isoformat().replace("+00:00", "Z")
    return view
