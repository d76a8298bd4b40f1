"""The delivery log as the API shows it, and its cursors (DESIGN §4 paging). No I/O."""
from __future__ import annotations

from datetime import datetime

from shared import paging

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


def _is_position(position) -> bool:
    """(created_at, id) as a cursor carries them."""
    try:
        at, ident = position
        datetime.fromisoformat(at.replace("Z", "+00:00"))
        return isinstance(ident, str)
    except (ValueError, TypeError, AttributeError):
        return False


def decode_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    """(created_at, id) of the last row already seen; 422 naming `cursor` when it is not ours."""
    position = paging.decode_cursor(cursor, _is_position)
    if position is None:
        return None
    return datetime.fromisoformat(position[0].replace("Z", "+00:00")), position[1]


def page(rows: list[dict], limit: int) -> dict:
    """`limit` rows and the cursor of the next page (rows holds one extra when there is one)."""
    rows, last = paging.cut(rows, limit, lambda row: [iso(row["created_at"]), row["_id"]])
    return paging.reply([view(r) for r in rows], last)
