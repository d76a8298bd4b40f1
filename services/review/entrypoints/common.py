"""Small helpers the review routes share: the stage path, paging, problem wording."""
from __future__ import annotations

from flask import request

from shared import paging
from shared.web.problem import Problem, problem_response
from services.review.domain.errors import FieldErrors
from services.review.entrypoints import i18n

STAGE = "/competitions/<cid>/stages/<stage>"


def page_args() -> tuple[int, str | None]:
    """?limit= (default 50, at most 500) and ?cursor= as the id it continues after (shared.paging); 422
    naming the field when either is not one."""
    raw = request.args.get("limit", str(paging.DEFAULT_LIMIT))
    if not raw.isdigit() or not 1 <= int(raw) <= paging.MAX_LIMIT:
        raise Problem(422, detail="limit must be a whole number from 1 to 500",
                      errors={"limit": [f"must be 1–{paging.MAX_LIMIT}"]})
    return int(raw), paging.decode_cursor(request.args.get("cursor"), paging.is_id)


def on_field_errors(exc: FieldErrors):
    """422 naming every bad field, worded in the caller's language."""
    return problem_response(Problem(exc.status, detail=exc.detail, rule=exc.rule,
                                    errors=i18n.worded(exc.errors, i18n.language())))
