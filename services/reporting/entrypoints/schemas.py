"""marshmallow schemas for reporting's query strings and replies (the edge only)."""
from marshmallow import EXCLUDE, Schema, fields, validate

from shared.web.fields import Paged, page_of, reply


class ExportQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    stage = fields.String(validate=validate.Length(1, 64))
    category = fields.String(validate=validate.Length(1, 64))
    province = fields.String(data_key="province", attribute="province_code", validate=validate.Regexp(
        r"^\d{2}$", error="must be a two-digit province code such as 73"))
    cluster = fields.String(validate=validate.Length(1, 64))


class RankingsQuery(ExportQuery, Paged):
    pass


class Reviews(Schema):
    done = fields.Integer()
    assigned = fields.Integer()


RankingRow = reply("RankingRow", "entry_id title province_code category cluster status", "province submitted_at",
                   rank=fields.Integer(), agency=fields.Dict(),
                   stage=fields.String(metadata={"description": "the stage the rank and score belong to"}),
                   score=fields.Float(allow_none=True), raw_score=fields.Float(allow_none=True),
                   reviews=fields.Nested(Reviews), criterion_means=fields.Dict(keys=fields.String(), values=fields.Float()))


RankingsPage = page_of(RankingRow, "RankingsPage", stage=fields.String(), stage_closed=fields.Boolean())


class Summary(Schema):
    competition_id = fields.String()
    name = fields.String(allow_none=True)
    total = fields.Integer()
    by_status = fields.Dict(keys=fields.String(), values=fields.Integer())
    by_province = fields.List(fields.Dict())
    by_category = fields.Dict(keys=fields.String(), values=fields.Integer())
    category_labels = fields.Dict(keys=fields.String(), values=fields.String(),
                                  metadata={"description": "the definition's label of each category counted"})
    closed_stages = fields.Dict(keys=fields.String(), values=fields.Raw(),
                                metadata={"description": "when each closed stage was closed"})
    by_cluster = fields.Dict(keys=fields.String(), values=fields.Integer())
    per_day = fields.List(fields.Dict())
    judging = fields.List(fields.Dict())
    notifications = fields.Dict()
