"""marshmallow schemas for intake's HTTP bodies (the edge only)."""
from marshmallow import RAISE, Schema, fields, validate


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class Category(_Strict):
    key = fields.String(required=True, validate=validate.Length(1, 64))
    label = fields.String(required=True, validate=validate.Length(1, 200))


class Criterion(_Strict):
    key = fields.String(required=True, validate=validate.Length(1, 64))
    weight = fields.Float(required=True, validate=validate.Range(min=0, min_inclusive=False))


class Stage(_Strict):
    key = fields.String(required=True, validate=validate.Length(1, 64))
    kind = fields.String(required=True, validate=validate.OneOf(["screening", "scored"]))
    judges_per_entry = fields.Integer(validate=validate.Range(min=1, max=20))
    shortlist = fields.Integer(validate=validate.Range(min=1))


class Competition(_Strict):
    id = fields.String(required=True)
    name = fields.String(required=True, validate=validate.Length(1, 300))
    opens_at = fields.String(required=True)
    closes_at = fields.String(required=True)
    groups = fields.List(fields.String(), required=True)
    clusters = fields.List(fields.String(), required=True)
    categories = fields.List(fields.Nested(Category), required=True)
    sections = fields.List(fields.Dict(), required=True)
    criteria = fields.List(fields.Nested(Criterion), required=True, validate=validate.Length(min=1))
    score_scale = fields.Dict(required=True)
    eligibility = fields.Dict(load_default=dict)
    stages = fields.List(fields.Nested(Stage), required=True, validate=validate.Length(min=1))
    normalization = fields.String(load_default="zscore", validate=validate.OneOf(["zscore", "none"]))
    blind_review = fields.Boolean(load_default=False)
    objection_days = fields.Integer(load_default=5)
    quotas = fields.Dict(load_default=dict)
    priority_regions = fields.List(fields.String(), load_default=list)


class Agency(_Strict):
    name = fields.String(required=True, validate=validate.Length(1, 300))
    cluster = fields.String(required=True)
    region_code = fields.String(required=True)


class Contact(_Strict):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    email = fields.Email(required=True)


class EntryDraft(_Strict):
    title = fields.String(required=True, validate=validate.Length(3, 300))
    group = fields.String(required=True)
    category = fields.String(required=True)
    agency = fields.Nested(Agency, required=True)
    implemented_since = fields.Date(required=True)
    sdgs = fields.List(fields.Integer(validate=validate.Range(1, 17)), load_default=list)
    sections = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    videos = fields.List(fields.Url(schemes={"https"}), load_default=list)
    contact = fields.Nested(Contact, required=True)


class Entry(Schema):
    id = fields.String()
    competition_id = fields.String()
    status = fields.String()
    title = fields.String()
    revision = fields.Integer()
