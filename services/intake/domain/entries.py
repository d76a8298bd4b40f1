"""Entries: how a draft is made and changed, who may see it, and what its submission says. No I/O."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from shared.regions import region_covers
from shared.auth.tokens import Principal
from shared.events import types
from shared.events.envelope import new_event, utc_now_iso
from shared.regions import province_of

SOURCE = "kipp/intake"
PUBLIC_FIELDS = ("title", "group", "category", "agency", "implemented_since", "sdgs", "sections",
                 "videos", "contact")
HIDDEN = ("_id", "outbox", "outbox_pending", "version", "list_bucket", "area_region",
          "area_province")
ATTACHMENT_FIELDS = ("id", "filename", "size", "sha256", "content_type", "uploaded_at")
ID_NAMESPACE = uuid.UUID("5d0b4c8e-3f7a-4e2b-9c61-1a2b3c4d5e6f")  # the ids of entry events


def new_draft(competition_id: str, fields: dict, principal: Principal, entry_id: str | None = None) -> dict:
    """A draft entry created by the caller's region, in the area of its agency."""
    now = datetime.now(timezone.utc)
    draft = {"_id": entry_id or str(uuid.uuid4()), "competition_id": competition_id, "status": "draft",
             "owner_region": principal.region, "owner_province": province_of(principal.region or ""),
             "created_by": principal.sub, "created_at": now, "updated_at": now, "revision": 0,
             "attachments": [], "sdgs": [], "sections": {}, "videos": [], **fields, **area_fields(fields["agency"])}
    return draft


def area_fields(agency: dict) -> dict:
    """Where an entry belongs, as top-level fields a list can select by equality: the agency's region
    (a kabupaten/kota, or a province for a province's own agency) and its province."""
    code = agency.get("region_code") or ""
    return {"area_region": code, "area_province": province_of(code)}


def area_of(entry: dict) -> str | None:
    """The region code an entry belongs to: its agency's, whoever created it."""
    return (entry.get("agency") or {}).get("region_code")


def visible_to(principal: Principal, entry: dict) -> bool:
    """Ministry and admin see every entry; a region the entries whose agency lies inside it, whoever
    created them (a province drafts for its kabupaten, which then sees and finishes the draft)."""
    if principal.role in ("ministry", "admin"):
        return True
    return principal.role == "region" and region_covers(principal.region, area_of(entry))


def scope_filter(principal: Principal) -> dict:
    """The list filter matching `visible_to`: a kabupaten/kota its agencies', a province its whole province's."""
    if principal.role in ("ministry", "admin"):
        return {}
    if "." in (principal.region or ""):
        return {"area_region": principal.region}
    return {"area_province": principal.region}


def patch_update(changes: dict) -> dict:
    """The update of a PATCH: fields replaced whole, sections set key by key (so they merge atomically)."""
    fields = {k: v for k, v in changes.items() if k != "sections"}
    fields.update({f"sections.{key}": text for key, text in (changes.get("sections") or {}).items()})
    if "agency" in changes:  # the entry moves with its agency
        fields.update(area_fields(changes["agency"]))
    fields["updated_at"] = datetime.now(timezone.utc)
    return {"$set": fields}


def patched(entry: dict, changes: dict) -> dict:
    """The draft as it reads once `changes` are applied the way `patch_update` applies them."""
    sections = {**(entry.get("sections") or {}), **(changes.get("sections") or {})}
    return {**entry, **changes, "sections": sections}


def submission_changes(entry: dict, submitted_at: str) -> dict:
    """The fields a submission sets on the entry document."""
    return {"status": "submitted", "submitted_at": submitted_at, "revision": int(entry.get("revision", 0)) + 1,
            "province_code": province_of(entry["agency"]["region_code"])}


def attachment_view(attachment: dict) -> dict:
    """An attachment's public metadata."""
    return {k: attachment[k] for k in ATTACHMENT_FIELDS if k in attachment}


def submitted_event(entry: dict, changes: dict, request_id: str | None) -> dict:
    """kipp.entry.submitted carrying the fields DESIGN §3 lists; its id is fixed by entry and revision."""
    data = {key: entry.get(key) for key in PUBLIC_FIELDS}
    data.update(entry_id=entry["_id"], competition_id=entry["competition_id"], revision=changes["revision"],
                province_code=changes["province_code"], submitted_at=changes["submitted_at"],
                attachments=[attachment_view(a) for a in entry.get("attachments", [])],
                sdgs=entry.get("sdgs") or [], owner_region=entry.get("owner_region"))
    return _entry_event(types.ENTRY_SUBMITTED, "submitted", entry, data, changes["revision"], request_id)


def withdrawal_changes(entry: dict, reason: str) -> dict:
    """The fields a withdrawal sets on the entry document."""
    return {"status": "withdrawn", "withdrawn_at": utc_now_iso(), "withdraw_reason": reason,
            "revision": int(entry.get("revision", 0)) + 1}


def withdrawn_event(entry: dict, changes: dict, request_id: str | None) -> dict:
    """kipp.entry.withdrawn with the region's reason."""
    data = {"entry_id": entry["_id"], "competition_id": entry["competition_id"], "reason": changes["withdraw_reason"],
            "withdrawn_at": changes["withdrawn_at"], "revision": changes["revision"],
            "owner_region": entry.get("owner_region")}
    return _entry_event(types.ENTRY_WITHDRAWN, "withdrawn", entry, data, changes["revision"], request_id)


def _entry_event(event_type: str, change: str, entry: dict, data: dict, revision: int, request_id: str | None) -> dict:
    """An event about the entry whose id is fixed by entry, change and revision, so a re-queued copy keeps its id."""
    event = new_event(event_type, entry["_id"], data, SOURCE, request_id)
    event["id"] = str(uuid.uuid5(ID_NAMESPACE, f"{entry['_id']}:{change}:{revision}"))
    return event


def public_view(entry: dict) -> dict:
    """The entry as the API shows it."""
    view = {k: v for k, v in entry.items() if k not in HIDDEN}
    view["id"] = entry["_id"]
    for key in ("created_at", "updated_at"):
        if isinstance(view.get(key), datetime):
            view[key] = view[key].astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    view["attachments"] = [attachment_view(a) for a in entry.get("attachments", [])]
    return view


def summary_view(entry: dict) -> dict:
    """An entry in a list: everything but the long section texts."""
    view = public_view(entry)
    view.pop("sections", None)
    return view
