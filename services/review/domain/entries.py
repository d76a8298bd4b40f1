"""Entries as review keeps them: copied from kipp.entry.submitted, screened, moved between stages. No I/O."""
from __future__ import annotations

from services.review.domain import conflicts
from services.review.domain.competitions import field_key, stages_before

COPIED = ("competition_id", "revision", "title", "group", "category", "agency", "province_code", "implemented_since",
          "sdgs", "sections", "attachments", "contact", "submitted_at", "owner_region", "videos")
HIDDEN_WHEN_BLIND = ("agency", "province_code", "owner_region")


def submitted_fields(data: dict) -> dict:
    """What a kipp.entry.submitted event sets on review's copy of the entry."""
    fields = {key: data.get(key) for key in COPIED if key in data}
    fields["status"] = "submitted"
    return fields


def withdrawn_fields(data: dict) -> dict:
    return {"status": "withdrawn", "withdrawn_at": data.get("withdrawn_at"), "withdrawal_reason": data.get("reason")}


def in_stage(definition: dict, entry: dict, stage_key: str) -> bool:
    """True when a submitted entry has passed every stage before `stage_key`: eligible at each
    screening, advanced from each scored stage."""
    if entry.get("status") != "submitted" or entry.get("competition_id") != definition.get("id"):
        return False
    for stage in stages_before(definition, stage_key):
        key = field_key(stage["key"])
        if stage.get("kind") == "screening":
            if ((entry.get("screenings") or {}).get(key) or {}).get("decision") != "eligible":
                return False
        elif ((entry.get("results") or {}).get(key) or {}).get("outcome") != "advanced":
            return False
    return True


def as_entry(entry: dict) -> conflicts.Entry:
    """The entry as assignment sees it."""
    region = (entry.get("agency") or {}).get("region_code") or entry.get("province_code") or ""
    return conflicts.Entry(id=entry["_id"], region_code=region, category=entry.get("category"))


def judge_view(entry: dict, blind: bool) -> dict:
    """The entry as a judge may see it: never the contact person; no agency when review is blind."""
    hidden = {"_id", "outbox", "outbox_pending", "contact", "screenings", "results", "awards"}
    if blind:
        hidden.update(HIDDEN_WHEN_BLIND)
    view = {key: value for key, value in entry.items() if key not in hidden}
    view["id"] = entry["_id"]
    return view


def admin_view(entry: dict) -> dict:
    """The entry as the secretariat sees it in review: where it stands."""
    keep = ("competition_id", "title", "category", "group", "agency", "province_code", "status", "revision",
            "submitted_at", "screenings", "results", "awards")
    view = {key: entry.get(key) for key in keep if key in entry}
    view["id"] = entry["_id"]
    return view
