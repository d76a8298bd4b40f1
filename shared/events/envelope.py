"""CloudEvents 1.0 in structured JSON mode (DESIGN §3), built and parsed by the `cloudevents` SDK.

The SDK checks every event we make (`new_event`) and every record we read (`decode`), writes the
record's value (`encode`) and, in shared.kafka.producer, the Kafka message. Inside a service an event
is a plain dict (`event["data"]["entry_id"]`, stored as is in the outboxes), its `time` an RFC 3339
string with milliseconds and a Z, the same however it arrived, so times compare as strings.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

from cloudevents.core.exceptions import BaseCloudEventException
from cloudevents.core.formats.json import JSONFormat
from cloudevents.core.v1.event import CloudEvent

CONTENT_TYPE = JSONFormat.CONTENT_TYPE  # application/cloudevents+json
FORMAT = JSONFormat()


class InvalidEvent(ValueError):
    """A record that is not a valid KIPP CloudEvent; it goes to the dead-letter topic."""


def iso(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds and a Z suffix."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def utc_now_iso() -> str:
    """Current time as RFC 3339 with milliseconds and a Z suffix."""
    return iso(datetime.now(timezone.utc))


def as_dict(event: CloudEvent) -> dict:
    """The SDK's event as the services handle it: attributes and `data` in one dict, `time` as text."""
    found = dict(event.get_attributes())
    if isinstance(found.get("time"), datetime):
        found["time"] = iso(found["time"])
    return {**found, "data": event.get_data()}


def as_cloudevent(event: dict) -> CloudEvent:
    """A services' event dict as the SDK's (checked by it)."""
    attributes = {key: value for key, value in event.items() if key != "data"}
    if isinstance(attributes.get("time"), str):
        attributes["time"] = datetime.fromisoformat(attributes["time"].replace("Z", "+00:00"))
    try:
        return CloudEvent(attributes, event.get("data"))
    except BaseCloudEventException as exc:
        raise InvalidEvent(f"missing or invalid CloudEvents attributes: {exc}") from exc


def new_event(event_type: str, subject: str, data: dict, source: str,
              request_id: str | None = None, version: int = 1) -> dict:
    """A new event with a fresh id; `request_id` travels as the `kipprequestid` extension
    (CloudEvents extension names are lower-case alphanumerics only)."""
    now = datetime.now(timezone.utc)
    attributes = {"specversion": "1.0", "id": str(uuid.uuid4()), "source": source, "type": event_type,
                  "subject": subject, "time": now.replace(microsecond=now.microsecond // 1000 * 1000),
                  "datacontenttype": "application/json",
                  "dataschema": f"urn:kipp:{event_type.removeprefix('kipp.')}:{version}"}
    if request_id:
        attributes["kipprequestid"] = request_id
    return as_dict(CloudEvent(attributes, data))


def encode(event: dict) -> bytes:
    """The Kafka record value: the whole event in the SDK's structured JSON format."""
    return FORMAT.write(as_cloudevent(event))


def decode(raw: bytes | None) -> dict:
    """Parse and check a record value with the SDK; raise InvalidEvent when it is not a KIPP CloudEvent."""
    if raw is None:
        raise InvalidEvent("record has no value")
    try:
        event = FORMAT.read(None, raw)
    except UnicodeDecodeError as exc:
        raise InvalidEvent(f"not UTF-8 JSON: {exc}") from exc
    except ValueError as exc:  # json.JSONDecodeError, a bad time
        raise InvalidEvent(f"not UTF-8 JSON: {exc}") from exc
    except AttributeError as exc:  # the SDK reads attributes from what must be an object
        raise InvalidEvent("event is not a JSON object") from exc
    except (BaseCloudEventException, TypeError, KeyError) as exc:
        raise InvalidEvent(f"missing or invalid CloudEvents attributes: {exc}") from exc
    if event.get_specversion() != "1.0":
        raise InvalidEvent(f"unsupported specversion {event.get_specversion()!r}")
    if not isinstance(event.get_data(), dict):
        raise InvalidEvent("event data is not a JSON object")
    return as_dict(event)


def schema_version(event: dict) -> int:
    """The version number at the end of `dataschema` (1 when absent)."""
    tail = str(event.get("dataschema") or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 1
