"""marshmallow schemas for intake's HTTP bodies, queries and replies (the edge only).

Every text a region writes refuses control characters (shared.web.fields): `Line` for one-line
fields, `Text` for sections and reasons. The field rules of §6 (codes, scope, limits) come after,
in the domain, on create, PATCH and submit alike.
"""
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate, validates

from shared.web.fields import SINGLE_LINE, Line, Paged, Text, page_of, reply
from services.intake.entrypoints.schemas_competition import KEY, REGION_CODE, Competition

SECTION_TEXT = validate.Length(max=30000)
STATUSES = ("draft", "submitted", "withdrawn")


class Agency(Schema):
    name = Line(required=True, validate=validate.Length(1, 300))
    cluster = Line(required=True, validate=KEY)
    region_code = Line(required=True, validate=REGION_CODE)


class Contact(Schema):
    name = Line(required=True, validate=validate.Length(1, 200))
    email = fields.Email(required=True, validate=[SINGLE_LINE, validate.Length(max=254)])


class EntryDraft(Schema):
    """The fields a region writes; the competition's field rules are checked by the handler, completeness on submit."""
    title = Line(required=True, validate=validate.Length(3, 300))
    group = Line(required=True, validate=KEY)
    category = Line(required=True, validate=KEY)
    agency = fields.Nested(Agency, required=True)
    implemented_since = fields.Date(required=True)
    sdgs = fields.List(fields.Integer(strict=True, validate=validate.Range(1, 17)), validate=validate.Length(max=17))
    sections = fields.Dict(keys=Line(validate=KEY), values=Text(validate=SECTION_TEXT),
                           validate=validate.Length(max=50))
    videos = fields.List(fields.Url(schemes={"https"}, validate=[SINGLE_LINE, validate.Length(max=2000)]),
                         validate=validate.Length(max=10))
    contact = fields.Nested(Contact, required=True)

    @validates("title")
    def title_has_words(self, value, **_):
        if not value.strip():
            raise ValidationError("must not be blank")

    @validates("sdgs")
    def sdgs_unique(self, value, **_):
        if len(set(value)) != len(value):
            raise ValidationError("each goal at most once")


PATCHABLE = tuple(EntryDraft().fields)


def as_fields(data: dict) -> dict:
    """A loaded EntryDraft as the handlers take it: the date as ISO text."""
    if "implemented_since" in data:
        data["implemented_since"] = data["implemented_since"].isoformat()
    return data


class Withdrawal(Schema):
    reason = Text(required=True, validate=validate.Length(3, 1000))


class ListQuery(Paged):
    class Meta:
        unknown = EXCLUDE


class EntryListQuery(ListQuery):
    status = fields.String(validate=validate.OneOf(STATUSES))


class AttachmentUpload(Schema):
    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "a PDF of at most 1 MiB, sent as application/pdf, "
                                                                  "named *.pdf, its bytes beginning with %PDF-"})


Attachment = reply("Attachment", "id filename sha256 content_type uploaded_at", size=fields.Integer())

Screening = reply("Screening", "stage decision", "reason")

class Outcome(Schema):
    """One of review's outcomes for the entry (the newest per stage, or per award)."""
    kind = fields.String(metadata={"enum": ["screened", "advanced", "eliminated", "awarded"]})
    stage = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)
    to_stage = fields.String(allow_none=True)
    rank = fields.Integer(allow_none=True)
    score = fields.Float(allow_none=True)
    award = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    at = fields.String(metadata={"description": "the time of review's event"})


class Entry(EntryDraft):
    """An entry as the API returns it."""
    class Meta:
        unknown = EXCLUDE
    id = fields.String()
    competition_id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    revision = fields.Integer()
    owner_region = fields.String()
    owner_province = fields.String()
    created_by = fields.String()
    created_at = fields.String()
    updated_at = fields.String()
    submitted_at = fields.String()
    province_code = fields.String()
    withdrawn_at = fields.String()
    withdraw_reason = fields.String()
    attachments = fields.List(fields.Nested(Attachment))
    screening = fields.Nested(Screening, allow_none=True)
    outcomes = fields.List(fields.Nested(Outcome), metadata={"description": "review's outcomes, oldest first"})


EntryPage = page_of(Entry, "EntryPage")
CompetitionPage = page_of(Competition, "CompetitionPage")
