"""The contract of each event type's `data`: the fields DESIGN §3 requires, and what each holds.

Consumers validate with `validate(event)`; a failure makes the record schema-invalid and sends it
to the dead-letter topic. Unknown fields are kept, so producers may add optional fields freely
(DESIGN §3, evolution). One table (`FIELDS`) lists every type's fields; marshmallow checks them.
"""
from __future__ import annotations

from marshmallow import INCLUDE, Schema, ValidationError, fields

from shared.events import types as t
from shared.events.envelope import InvalidEvent

# what a field holds; `?` after a name (in FIELDS) lets it be null
TEXT, WHOLE, NUMBER, YES_NO = fields.String, fields.Integer, fields.Float, fields.Boolean
OBJECTS, TEXTS, ANY_LIST, OBJECT = ("list", fields.Dict), ("list", fields.String), ("list", fields.Raw), fields.Dict
AGENCY = {"name": TEXT, "cluster": TEXT, "region_code": TEXT}
CONTACT = {"name": TEXT, "email": TEXT}
LATE_WORK = {"assignment_id": TEXT, "entry_id": TEXT, "due_at?": TEXT}
SCORES = ("scores", TEXT, NUMBER)
ENTRY = {"entry_id": TEXT, "competition_id": TEXT}
PANEL_CHANGE = {"judge_id": TEXT, "competition_id": TEXT, "stage": TEXT, "at": TEXT}
RANKED = {**ENTRY, "stage": TEXT, "to_stage?": TEXT, "rank?": WHOLE, "score?": NUMBER, "reason?": TEXT}
OUTCOME = {"delivery_id": TEXT, "event_id": TEXT, "template": TEXT, "recipients": TEXTS, "message_id": TEXT,
           "error?": TEXT}

FIELDS = {
    t.COMPETITION_PUBLISHED: {"id": TEXT, "name": TEXT, "criteria": OBJECTS, "stages": OBJECTS},
    t.ENTRY_SUBMITTED: {**ENTRY, "revision": WHOLE, "title": TEXT, "group": TEXT, "category": TEXT, "agency": AGENCY,
                        "province_code": TEXT, "implemented_since": TEXT, "sdgs": ANY_LIST, "sections": OBJECT,
                        "attachments": OBJECTS, "contact": CONTACT, "submitted_at": TEXT},
    t.ENTRY_WITHDRAWN: {**ENTRY, "reason?": TEXT, "withdrawn_at": TEXT},
    t.ENTRY_SCREENED: {**ENTRY, "stage": TEXT, "decision": TEXT, "reason?": TEXT},
    t.ASSIGNMENT_CREATED: {"assignment_id": TEXT, **ENTRY, "stage": TEXT, "judge_id": TEXT, "judge_email": TEXT,
                           "due_at?": TEXT},
    t.REVIEW_SCORED: {"assignment_id": TEXT, **ENTRY, "stage": TEXT, "judge_id": TEXT, "scores": SCORES,
                      "total": NUMBER, "revision": WHOLE, "scored_at": TEXT},
    t.ENTRY_ADVANCED: RANKED,
    t.ENTRY_ELIMINATED: RANKED,
    t.ENTRY_AWARDED: {**ENTRY, "award": TEXT},
    t.STAGE_CLOSED: {"competition_id": TEXT, "stage": TEXT, "closed_at": TEXT},
    t.NOTIFICATION_SENT: OUTCOME,
    t.NOTIFICATION_FAILED: OUTCOME,
    t.JUDGE_REGISTERED: {"judge_id": TEXT, "name": TEXT, "email": TEXT},
    # a judge joins or leaves a stage's panel (key = judge id)
    t.JUDGE_APPOINTED: PANEL_CHANGE,
    t.JUDGE_RELEASED: PANEL_CHANGE,
    # the secretariat asks a late judge to finish (key = judge id); notify mails the judge
    t.JUDGE_REMINDED: {"judge_id": TEXT, "judge_email": TEXT, "competition_id": TEXT, "stage": TEXT,
                       "assignments": ("list", LATE_WORK), "reminded_at": TEXT},
    t.ACCOUNT_CHANGED: {"email": TEXT, "role": TEXT, "active": YES_NO},
    t.ACCOUNT_SIGNED_OUT: {"email": TEXT, "session": TEXT, "signed_out_at": TEXT},
}


def schema(spec: dict, name: str = "Data") -> Schema:
    """A schema that requires every field of `spec` and keeps fields it does not name."""
    made = {}
    for key, holds in spec.items():
        field_name, nullable = key.rstrip("?"), key.endswith("?")
        made[field_name] = _field(holds, required=True, allow_none=nullable)
    return Schema.from_dict(made, name=name)(unknown=INCLUDE)


def _field(holds, **options) -> fields.Field:
    if isinstance(holds, dict):
        return fields.Nested(schema(holds), **options)
    if isinstance(holds, tuple) and holds[0] == "list":
        return fields.List(_field(holds[1]), **options)
    if isinstance(holds, tuple) and holds[0] == "scores":
        return fields.Dict(keys=holds[1](), values=holds[2](), **options)
    return holds(**options)


SCHEMAS: dict[str, Schema] = {kind: schema(spec, kind.replace(".", "_")) for kind, spec in FIELDS.items()}


def validate(event: dict) -> dict:
    """Check the event's data against its type's contract; return the event or raise InvalidEvent."""
    found = SCHEMAS.get(event.get("type"))
    if found is None:
        raise InvalidEvent(f"unknown event type {event.get('type')!r}")
    try:
        found.load(event["data"])
    except ValidationError as exc:
        raise InvalidEvent(f"{event['type']} data invalid: {exc.messages}") from exc
    return event
