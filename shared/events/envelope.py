"""Build, encode and decode CloudEvents 1.0 in structured JSON mode (DESIGN §3)."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone

CONTENT_TYPE = "application/cloudevents+json"
REQUIRED = ("specversion", "id", "source", "type")


class InvalidEvent(ValueError):
    """A record that is not a valid KIPP CloudEvent; it goes to the dead-letter topic."""


def utc_now_iso() -> str:
    """Current time as RFC 3339 with milliseconds and a Z suffix."""
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def new_event(event_type: str, subject: str, data: dict, source: str,
              request_id: str | None = None, version: int = 1) -> dict:
    """A new event with a fresh id; `request_id` travels as the `kippRequestId` extension."""
    short = event_type.removeprefix("kipp.")
    event = {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": source,
        "type": event_type,
        "subject": subject,
        "time": utc_now_iso(),
        "datacontenttype": "application/json",
        "dataschema": f"urn:kipp:{short}:{version}",
        "data": data,
    }
    if request_id:
        # CloudEvents extension names are lower-case alphanumerics only.
        event["kipprequestid"] = request_id
    return event


def encode(event: dict) -> bytes:
    """The Kafka record value: UTF-8 JSON of the whole event."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def decode(raw: bytes | None) -> dict:
    """Parse and check a record value; raise InvalidEvent when it is not a CloudEvent."""
    if raw is None:
        raise InvalidEvent("record has no value")
    try:
        event = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidEvent(f"not UTF-8 JSON: {exc}") from exc
    if not isinstance(event, dict):
        raise InvalidEvent("event is not a JSON object")
    missing = [name for name in REQUIRED if not event.get(name)]
    if missing:
        raise InvalidEvent(f"missing CloudEvents attributes: {', '.join(missing)}")
    if event["specversion"] != "1.0":
        raise InvalidEvent(f"unsupported specversion {event['specversion']!r}")
    if not isinstance(event.get("data"), dict):
        raise InvalidEvent("event data is not a JSON object")
    return event


def schema_version(event: dict) -> int:
    """The version number at the end of `dataschema` (1 when absent)."""
    tail = str(event.get("dataschema") or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 1
