"""Which message an event causes, what it says, and the delivery record that carries it. No I/O."""
from __future__ import annotations

import hashlib
from datetime import datetime

from shared import regions
from shared.events import types
from services.notify.domain.recipients import Recipient

SOURCE = "kipp/notify"
MAIL_DOMAIN = "kipp.local"
TEMPLATE_FOR = {
    types.ENTRY_SUBMITTED: "receipt",
    types.ENTRY_SCREENED: "screened",
    types.ENTRY_ADVANCED: "advanced",
    types.ENTRY_ELIMINATED: "eliminated",
    types.ENTRY_AWARDED: "awarded",
}
TEMPLATES = ("receipt", "screened", "advanced", "eliminated", "awarded", "assignment", "reminder", "digest", "signin")
EVENT_FIELDS = ("stage", "to_stage", "decision", "reason", "rank", "score", "award")


def short_hash(text: str, size: int = 32) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def delivery_id(source_id: str, address: str) -> str:
    """One delivery per (event, recipient): the same pair always gives the same id."""
    return short_hash(f"{source_id}:{address}")


def message_id(delivery: str) -> str:
    """The Message-ID header, derived from the delivery id (so from event id and recipient)."""
    return f"<{delivery}@{MAIL_DOMAIN}>"


def entry_copy(data: dict) -> dict:
    """What notify keeps of a submitted entry so later review events can be addressed."""
    keep = ("competition_id", "title", "group", "category", "agency", "province_code", "contact",
            "revision", "submitted_at", "owner_region")
    return {key: data.get(key) for key in keep}


def competition_of(entry: dict) -> str:
    """The competition an entry's mail names: the mail waits until notify knows it."""
    return entry.get("competition_id") or ""


def entry_facts(entry: dict, competition_name: str | None) -> dict:
    """The entry as the templates show it."""
    agency = entry.get("agency") or {}
    code = agency.get("region_code") or ""
    province = entry.get("province_code") or regions.province_of(code)
    return {"entry_id": entry["_id"], "title": entry.get("title") or "", "agency_name": agency.get("name") or "",
            "region_code": code, "region_name": regions.name(code) or code,
            "province_code": province, "province_name": regions.name(province) or province,
            "category": entry.get("category") or "", "group": entry.get("group") or "",
            "competition_id": entry.get("competition_id") or "",
            "competition_name": competition_name or entry.get("competition_id") or "",
            "submitted_at": entry.get("submitted_at")}


def event_facts(event: dict) -> dict:
    """The status fields of a review event (stage, decision, rank, award ...)."""
    data = event["data"]
    facts = {key: data.get(key) for key in EVENT_FIELDS}
    facts["event_time"] = event.get("time")
    return facts


def region_codes(rows: list[dict]) -> list[str]:
    """The distinct region and province codes of entries' facts, in order: what the log filters by."""
    return list(dict.fromkeys(c for row in rows for c in (row.get("region_code"), row.get("province_code")) if c))


def context(facts: dict, recipient: Recipient) -> dict:
    """Template variables for one recipient."""
    return {**facts, "recipient_name": recipient.name, "lang": recipient.language}


def new_delivery(source_id: str, event_type: str, template: str, recipient: Recipient, ctx: dict,
                 now: datetime, entry_ids: list[str], region_codes: list[str], competition_id: str | None,
                 subject: str | None = None) -> dict:
    """A delivery queued for sending now; recorded before anything is sent."""
    ident = delivery_id(source_id, recipient.address)
    return {"_id": ident, "source_id": source_id, "event_type": event_type, "template": template,
            "language": recipient.language, "recipient": recipient.address, "context": ctx,
            "subject_key": subject or (entry_ids[0] if entry_ids else recipient.address),
            "entry_id": entry_ids[0] if len(entry_ids) == 1 else None, "entry_ids": entry_ids,
            "regions": region_codes, "competition_id": competition_id, "message_id": message_id(ident),
            "status": "queued", "attempts": 0, "next_attempt_at": now, "created_at": now, "updated_at": now,
            "sent_at": None, "smtp_reply": None, "error": None}


def immediate_deliveries(event: dict, entry: dict, recipients: list[Recipient], facts: dict,
                         now: datetime) -> list[dict]:
    """The deliveries an entry event causes for recipients who want mail at once."""
    template = TEMPLATE_FOR[event["type"]]
    codes = region_codes([facts])
    return [new_delivery(event["id"], event["type"], template, r, context(facts, r), now, [entry["_id"]], codes,
                         entry.get("competition_id")) for r in recipients if not r.daily]


def reminder_delivery(event: dict, judge: Recipient, competition_name: str | None, room: str, now: datetime) -> dict:
    """The reminder a late judge gets (kipp.judge.reminded): their late assignments of the stage, once per event."""
    data = event["data"]
    late = [{"entry_id": a["entry_id"], "title": a.get("title") or "", "due_at": a.get("due_at")}
            for a in data["assignments"]]
    ctx = {"recipient_name": judge.name, "lang": judge.language, "judge_id": data["judge_id"],
           "competition_id": data["competition_id"], "competition_name": competition_name or data["competition_id"],
           "stage": data["stage"], "entries": late, "room": room}
    return new_delivery(event["id"], event["type"], "reminder", judge, ctx, now, [a["entry_id"] for a in late], [],
                        data["competition_id"], subject=data["judge_id"])
