"""Reading request bodies at the edge: content type, JSON syntax, then the schema."""
from __future__ import annotations

import json

from flask import request
from marshmallow import Schema, ValidationError

from shared.web.problem import Problem, invalid


def json_body() -> object:
    """The parsed JSON body, or 415 / 400 saying what is wrong with it."""
    if not request.is_json:
        raise Problem(415, detail="Send the body as application/json.")
    try:
        data = request.get_json(silent=True)
        # NaN, lone surrogates (\ud800) parse but are not JSON and cannot be stored; deep nesting overflows
        json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except (RecursionError, ValueError):
        data = None
    if data is None:
        raise Problem(400, detail="The body is not valid JSON.")
    return data


def load(schema: Schema, data=None, partial: bool = False):
    """Validate `data` (default: the JSON body) with `schema`; 422 naming every bad field.
    An unknown field is a bad field: marshmallow schemas refuse them unless told otherwise."""
    data = json_body() if data is None else data
    if not isinstance(data, (dict, list)):
        raise Problem(422, detail="The body must be a JSON object.", errors={"_schema": ["must be an object"]})
    try:
        return schema.load(data, partial=partial)
    except ValidationError as exc:
        raise invalid(exc.messages) from exc
