"""marshmallow schemas for review's HTTP bodies (the edge only)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.web.fields import Paged, page_of, reply
from services.review.domain.results import AWARD
from services.review.domain.screening import DECISIONS

ID = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$", error="use 1-64 letters, digits, '.', '_', '@' or '-'")
KEYS = fields.List(fields.String(validate=validate.Length(1, 100)), load_default=list,
                   validate=validate.Length(max=500))


class Judge(Schema):
    id = fields.String(required=True, validate=ID)
    name = fields.String(required=True, validate=validate.Length(1, 200))
    email = fields.Email(required=True)
    home_region = fields.String(required=True, validate=validate.Length(2, 2))
    affiliation_region = fields.String(load_default=None, allow_none=True, validate=validate.Length(2, 5))
    expertise = KEYS
    conflicts = KEYS
    competitions = KEYS
    stages = KEYS


class Decision(Schema):
    entry_id = fields.String(required=True, validate=validate.Length(1, 100))
    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))

    @validates_schema
    def ineligible_needs_reason(self, data, **_):
        if data.get("decision") == "ineligible" and not (data.get("reason") or "").strip():
            raise ValidationError("an ineligible decision needs its reason", "reason")


class Screenings(Schema):
    decisions = fields.List(fields.Nested(Decision), required=True, validate=validate.Length(1, 5000))


class Assign(Schema):
    judges_per_entry = fields.Integer(load_default=None, allow_none=True, validate=validate.Range(1, 20))


class Score(Schema):
    scores = fields.Dict(keys=fields.String(validate=validate.Length(1, 64)), values=fields.Raw(allow_none=True),
                         required=True)
    comment = fields.String(load_default="", allow_none=True, validate=validate.Length(max=5000))


class Recusal(Schema):
    reason = fields.String(required=True, validate=validate.Length(3, 1000))


class Close(Schema):
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class Release(Schema):
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class Reminder(Schema):
    judge_id = fields.String(required=True, validate=ID)


Job = reply("Job", "id kind status", "competition_id stage created_at updated_at",
            done=fields.Integer(), total=fields.Integer(allow_none=True), percent=fields.Integer(),
            result=fields.Dict(allow_none=True), error=fields.Dict(allow_none=True), about=fields.Dict())

JudgeOut = reply("JudgeOut", "id name email home_region", "affiliation_region",
                 expertise=fields.List(fields.String()), conflicts=fields.List(fields.String()))

AssignmentOut = reply("AssignmentOut", "id entry_id competition_id stage judge_id status", "due_at",
                      revision=fields.Integer(), total=fields.Float(allow_none=True))

Page = page_of(fields.Dict(), "Page")


class Progress(Schema):
    assigned = fields.Integer()
    pending = fields.Integer()
    scored = fields.Integer()
    recused = fields.Integer()
    done_percent = fields.Integer()


PanelPage = page_of(fields.Dict(), "PanelPage", competition_id=fields.String(), stage=fields.String())
AssignmentPage = page_of(fields.Dict(), "AssignmentPage", progress=fields.Nested(Progress))


class AssignmentQuery(Paged):
    competition_id = fields.String()
    stage = fields.String()
    status = fields.String(validate=validate.OneOf(["pending", "scored", "recused", "withdrawn", "cancelled"]))
    entry_id = fields.String()
    judge_id = fields.String(metadata={"description": "admin only"})


class ObjectionBody(Schema):
    entry_id = fields.String(required=True, validate=validate.Length(1, 100))
    reason = fields.String(required=True, validate=validate.Length(3, 4000))


class Resolution(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(["upheld", "rejected", "uphold", "reject"]))
    reason = fields.String(required=True, validate=validate.Length(3, 4000))


class AwardItem(Schema):
    entry_id = fields.String(required=True, validate=validate.Length(1, 100))
    award = fields.String(required=True,
                          validate=validate.Regexp(AWARD, error="use 2-40 lower-case letters, digits or '-'"))
    reason = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class Awards(Schema):
    awards = fields.List(fields.Nested(AwardItem), required=True, validate=validate.Length(1, 1000))
