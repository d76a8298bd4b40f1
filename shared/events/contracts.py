"""marshmallow schemas for the `data` of each event type: the fields DESIGN §3 requires.

Consumers validate with `validate(event)`; a failure makes the record schema-invalid and
sends it to the dead-letter topic. Unknown fields are kept, so producers may add optional
fields freely (DESIGN §3, evolution).
"""
from __future__ import annotations

from marshmallow import INCLUDE, Schema, ValidationError, fields

from shared.events import types as t
from shared.events.envelope import InvalidEvent


class _Data(Schema):
    class Meta:
        unknown = INCLUDE


class CompetitionPublished(_Data):
    id = fields.String(required=True)
    name = fields.String(required=True)
    criteria = fields.List(fields.Dict(), required=True)
    stages = fields.List(fields.Dict(), required=True)


class _Agency(_Data):
    name = fields.String(required=True)
    cluster = fields.String(required=True)
    region_code = fields.String(required=True)


class _Contact(_Data):
    name = fields.String(required=True)
    email = fields.String(required=True)


class EntrySubmitted(_Data):
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    revision = fields.Integer(required=True)
    title = fields.String(required=True)
    group = fields.String(required=True)
    category = fields.String(required=True)
    agency = fields.Nested(_Agency, required=True)
    province_code = fields.String(required=True)
    implemented_since = fields.String(required=True)
    sdgs = fields.List(fields.Raw(), required=True)
    sections = fields.Dict(required=True)
    attachments = fields.List(fields.Dict(), required=True)
    contact = fields.Nested(_Contact, required=True)
    submitted_at = fields.String(required=True)


class EntryWithdrawn(_Data):
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    reason = fields.String(required=True, allow_none=True)
    withdrawn_at = fields.String(required=True)


class EntryScreened(_Data):
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    decision = fields.String(required=True)
    reason = fields.String(required=True, allow_none=True)


class AssignmentCreated(_Data):
    assignment_id = fields.String(required=True)
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    judge_id = fields.String(required=True)
    judge_email = fields.String(required=True)
    due_at = fields.String(required=True, allow_none=True)


class ReviewScored(_Data):
    assignment_id = fields.String(required=True)
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    judge_id = fields.String(required=True)
    scores = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    total = fields.Float(required=True)
    revision = fields.Integer(required=True)
    scored_at = fields.String(required=True)


class EntryRanked(_Data):
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    to_stage = fields.String(required=True, allow_none=True)
    rank = fields.Integer(required=True, allow_none=True)
    score = fields.Float(required=True, allow_none=True)
    reason = fields.String(required=True, allow_none=True)


class EntryAwarded(_Data):
    entry_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    award = fields.String(required=True)


class StageClosed(_Data):
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    closed_at = fields.String(required=True)


class NotificationOutcome(_Data):
    delivery_id = fields.String(required=True)
    event_id = fields.String(required=True)
    template = fields.String(required=True)
    recipients = fields.List(fields.String(), required=True)
    message_id = fields.String(required=True)
    error = fields.String(required=True, allow_none=True)


class JudgeRegistered(_Data):
    judge_id = fields.String(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)


class PanelChange(_Data):
    """kipp.judge.appointed / kipp.judge.released: a judge joins or leaves a stage's panel (key = judge id)."""
    judge_id = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    at = fields.String(required=True)


class _LateWork(_Data):
    assignment_id = fields.String(required=True)
    entry_id = fields.String(required=True)
    due_at = fields.String(required=True, allow_none=True)


class JudgeReminded(_Data):
    """The secretariat asks a late judge to finish (key = judge id); notify mails the judge."""
    judge_id = fields.String(required=True)
    judge_email = fields.String(required=True)
    competition_id = fields.String(required=True)
    stage = fields.String(required=True)
    assignments = fields.List(fields.Nested(_LateWork), required=True)
    reminded_at = fields.String(required=True)


class AccountChanged(_Data):
    email = fields.String(required=True)
    role = fields.String(required=True)
    active = fields.Boolean(required=True)


class AccountSignedOut(_Data):
    email = fields.String(required=True)
    session = fields.String(required=True)
    signed_out_at = fields.String(required=True)


SCHEMAS: dict[str, Schema] = {
    t.COMPETITION_PUBLISHED: CompetitionPublished(),
    t.ENTRY_SUBMITTED: EntrySubmitted(),
    t.ENTRY_WITHDRAWN: EntryWithdrawn(),
    t.ENTRY_SCREENED: EntryScreened(),
    t.ASSIGNMENT_CREATED: AssignmentCreated(),
    t.REVIEW_SCORED: ReviewScored(),
    t.ENTRY_ADVANCED: EntryRanked(),
    t.ENTRY_ELIMINATED: EntryRanked(),
    t.ENTRY_AWARDED: EntryAwarded(),
    t.STAGE_CLOSED: StageClosed(),
    t.NOTIFICATION_SENT: NotificationOutcome(),
    t.NOTIFICATION_FAILED: NotificationOutcome(),
    t.JUDGE_REGISTERED: JudgeRegistered(),
    t.JUDGE_APPOINTED: PanelChange(),
    t.JUDGE_RELEASED: PanelChange(),
    t.JUDGE_REMINDED: JudgeReminded(),
    t.ACCOUNT_CHANGED: AccountChanged(),
    t.ACCOUNT_SIGNED_OUT: AccountSignedOut(),
}


def validate(event: dict) -> dict:
    """Check the event's data against its type's contract; return the event or raise InvalidEvent."""
    schema = SCHEMAS.get(event.get("type"))
    if schema is None:
        raise InvalidEvent(f"unknown event type {event.get('type')!r}")
    try:
        schema.load(event["data"])
    except ValidationError as exc:
        raise InvalidEvent(f"{event['type']} data invalid: {exc.messages}") from exc
    return event
