"""The competition definition of DESIGN §5 as a marshmallow schema: every field typed and bounded.

Every string is a `Line` (no control characters): besides names and labels, a key or code checked by a
regex needs it too, since a regex's `$` also matches before a final newline ("umum\n" would pass).
"""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from shared.web.fields import Line
from services.intake.domain import competitions

KEY = validate.Regexp(r"^[A-Za-z0-9_-]{1,64}$", error="must be 1-64 letters, digits, '_' or '-'")
ID = validate.Regexp(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$", error="must be 1-80 letters, digits, '.', '_' or '-'")
REGION_CODE = validate.Regexp(r"^[0-9]{2}(\.[0-9]{2})?$", error="must be a code such as 73 or 73.71")


def aware_instant(value: str) -> None:
    if competitions.instant(value) is None:
        raise ValidationError("must be an ISO 8601 date-time with a timezone, e.g. 2026-03-10T23:59:59+07:00")


def key_list(max_items: int, choices=None):
    item = validate.And(KEY, validate.OneOf(choices)) if choices else KEY
    return fields.List(Line(validate=item), required=True, validate=validate.Length(1, max_items))



class Category(Schema):
    key = Line(required=True, validate=KEY)
    label = Line(required=True, validate=validate.Length(1, 200))


class Section(Schema):
    key = Line(required=True, validate=KEY)
    label = Line(validate=validate.Length(1, 200))
    max_words = fields.Integer(required=True, strict=True, validate=validate.Range(1, 10000))


class Criterion(Schema):
    key = Line(required=True, validate=KEY)
    label = Line(validate=validate.Length(1, 200))
    weight = fields.Float(required=True, validate=validate.Range(min=0, max=1000, min_inclusive=False))


class Stage(Schema):
    key = Line(required=True, validate=KEY)
    label = Line(validate=validate.Length(1, 200))
    kind = Line(required=True, validate=validate.OneOf(["screening", "scored"]))
    judges_per_entry = fields.Integer(strict=True, validate=validate.Range(1, 20))
    shortlist = fields.Integer(strict=True, validate=validate.Range(1, 100000))
    due_at = Line(validate=aware_instant)  # scoring due date of a scored stage; absent: REVIEW_DUE_DAYS after assignment


class ScoreScale(Schema):
    min = fields.Float(required=True, validate=validate.Range(-1e6, 1e6))
    max = fields.Float(required=True, validate=validate.Range(-1e6, 1e6))


class Eligibility(Schema):
    min_age_months = fields.Integer(strict=True, load_default=0, validate=validate.Range(0, 600))
    max_entries_per_agency = fields.Dict(keys=Line(validate=KEY), load_default=dict,
                                         values=fields.Integer(strict=True, validate=validate.Range(1, 10000)))
    excluded_titles = fields.List(Line(validate=validate.Length(1, 300)), load_default=list,
                                  validate=validate.Length(max=10000))


class Quotas(Schema):
    min_per_category = fields.Integer(strict=True, load_default=0, validate=validate.Range(0, 1000))
    max_per_province = fields.Integer(strict=True, validate=validate.Range(1, 100000))  # absent: no cap
    min_priority_regions = fields.Integer(strict=True, load_default=0, validate=validate.Range(0, 1000))


class Competition(Schema):
    """A whole competition definition; cross-field rules are in domain.competitions.check."""
    id = Line(required=True, validate=ID)
    name = Line(required=True, validate=validate.Length(1, 300))
    opens_at = Line(required=True, validate=aware_instant)
    closes_at = Line(required=True, validate=aware_instant)
    groups = key_list(20)
    clusters = key_list(7, competitions.CLUSTERS)
    categories = fields.List(fields.Nested(Category), required=True, validate=validate.Length(1, 100))
    sections = fields.List(fields.Nested(Section), required=True, validate=validate.Length(1, 50))
    criteria = fields.List(fields.Nested(Criterion), required=True, validate=validate.Length(1, 50))
    score_scale = fields.Nested(ScoreScale, required=True)
    eligibility = fields.Nested(Eligibility, load_default=lambda: Eligibility().load({}))
    stages = fields.List(fields.Nested(Stage), required=True, validate=validate.Length(1, 10))
    normalization = Line(load_default="zscore", validate=validate.OneOf(["zscore", "none"]))
    blind_review = fields.Boolean(load_default=False)
    objection_days = fields.Integer(strict=True, load_default=5, validate=validate.Range(0, 60))
    quotas = fields.Nested(Quotas, load_default=lambda: {"min_per_category": 0, "min_priority_regions": 0})
    priority_regions = fields.List(Line(validate=REGION_CODE), load_default=list,
                                   validate=validate.Length(max=600))

    @validates_schema(skip_on_field_errors=False)
    def whole(self, data, **_):
        errors = competitions.check(data)
        if errors:
            raise ValidationError(errors)
