"""marshmallow text fields that refuse control characters (shared.text), for any service's HTTP bodies.

`Line` is a one-line string (titles, names); `Text` may span lines (sections, reasons). For
fields of other types that hold a line (Email, Url), add the `SINGLE_LINE` validator.
"""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from shared import text


class NoControlCharacters(validate.Validator):
    """Refuses a string holding a control character; the message names the rule and the character."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def _repr_args(self) -> str:
        return f"multiline={self.multiline!r}"

    def __call__(self, value: str) -> str:
        found = text.first_forbidden(value, self.multiline)
        if found is not None:
            raise ValidationError(text.describe(*found))
        return value


SINGLE_LINE = NoControlCharacters(multiline=False)
MULTI_LINE = NoControlCharacters(multiline=True)


class Line(fields.String):
    """A string on one line: no control character at all."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, SINGLE_LINE)  # first, so its message leads


class Text(fields.String):
    """A string that may span lines: tab, LF and CR allowed, no other control character."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.insert(0, MULTI_LINE)



class Paged(Schema):
    """`?limit=` and `?cursor=` of every list (DESIGN §4, shared.paging); a list's query schema extends it."""

    limit = fields.Integer(load_default=50, validate=validate.Range(1, 500))
    cursor = fields.String(validate=validate.Length(1, 500))


def page_of(items: Schema | type[Schema] | fields.Field, name: str, **more: fields.Field) -> type[Schema]:
    """The reply of a list: `items` (of the schema given) and `next_cursor`, with `more` fields beside them."""
    listed = items if isinstance(items, fields.Field) else fields.Nested(items)
    return Schema.from_dict({"items": fields.List(listed), "next_cursor": fields.String(allow_none=True), **more},
                            name=name)


def reply(name: str, texts: str = "", maybe: str = "", **more: fields.Field) -> type[Schema]:
    """A reply's schema, for the API's documentation (replies are built by the handlers, not dumped):
    `texts` names its string fields and `maybe` the string fields that may be null, separated by spaces;
    `more` holds its fields of other types."""
    found: dict = {key: fields.String() for key in texts.split()}
    found.update({key: fields.String(allow_none=True) for key in maybe.split()})
    return Schema.from_dict({**found, **more}, name=name)
