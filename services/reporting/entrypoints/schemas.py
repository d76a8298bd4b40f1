"""marshmallow schemas for reporting's query strings (the edge only)."""
from marshmallow import EXCLUDE, Schema, fields, validate


class RankingsQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    stage = fields.String(validate=validate.Length(1, 64))
    category = fields.String(validate=validate.Length(1, 64))
    province = fields.String(data_key="province", attribute="province_code", validate=validate.Regexp(r"^\d{2}$"))
    cluster = fields.String(validate=validate.Length(1, 64))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))
    cursor = fields.String(validate=validate.Length(1, 400))


class RankingRow(Schema):
    rank = fields.Integer()
    entry_id = fields.String()
    title = fields.String()
    agency = fields.Dict()
    province_code = fields.String()
    category = fields.String()
    cluster = fields.String()
    score = fields.Float(allow_none=True)
    raw_score = fields.Float(allow_none=True)
    reviews = fields.Dict()
    criterion_means = fields.Dict()


class RankingsPage(Schema):
    items = fields.List(fields.Nested(RankingRow))
    next_cursor = fields.String(allow_none=True)
    stage = fields.String()
