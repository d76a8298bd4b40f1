"""The delivery log as the API shows it, and its cursors (DESIGN §4 paging). No I/O."""
from __future__ import annotations

import base64
import json
from datetime import datetime

from services.notify.domain.errors import Invalid

STATUSES = ("queued", "sent", "failed")
VIEW_FIELDS = ("event_type", "template", "language", "recipient", "status", "attempts", "entry_id", "entry_ids",
               "regions", "competition_id", "message_id", "smtp_reply", "error")
TIMES = ("created_at", "sent_at", "failed_at", "next_attempt_at", "updated_at")


def iso(value) -> str | None:
    if isinstance(value, datetime):
        return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return value


def view(delivery: dict) -> dict:
    """One log row: who, what, and how it went (never the message body)."""
    row = {"id": delivery["_id"], "event_id": delivery.get("source_id")}
    row.update({key: delivery.get(key) for key in VIEW_FIELDS})
    row.update({key: iso(delivery.get(key)) for key in TIMES})
    return row


def query(entry_id: str | None, region: str | None, status: str | None) -> dict:
    """The store filter for the log's query parameters."""
    found = {}
    if entry_id:
        found["entry_ids"] = entry_id
    if region:
        found["regions"] = region
    if status:
        found["status"] = status
    return found


def encode_cursor(row: dict) -> str:
    raw = json.dumps([iso(row["created_at"]), row["_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    """(created_at, id) of the last row already seen; 422 naming `cursor` when it is not ours."""
    if not cursor:
        return None
    try:
        at, ident = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return datetime.fromisoformat(at.replace("Z", "+00:00")), str(ident)
    except (ValueError, TypeError, AttributeError) as exc:
        raise Invalid("cursor is not one this API returned", field="cursor") from exc


def page(rows: list[dict], limit: int) -> dict:
    """`limit` rows and the cursor of the next page (rows holds one extra when there is one)."""
    more = len(rows) > limit
    rows = rows[:limit]
    return {"items": [view(r) for r in rows], "next_cursor": encode_cursor(rows[-1]) if more and rows else None}
