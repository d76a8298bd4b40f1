"""Registering and listing judges (admin)."""
from __future__ import annotations

from shared import paging
from shared.auth.tokens import Principal
from services.review.ports import Store
from services.review.domain import events, judges
from services.review.domain.errors import JudgeExists


def register(store: Store, fields: dict, principal: Principal, request_id: str | None = None) -> tuple[dict, bool]:
    """Register a judge (and, through kipp.judge.registered, their sign-in account); repeating the same
    registration returns it again (created False)."""
    judge = judges.new_judge(fields, principal.sub)
    if store.insert_judge(judge, [events.judge_registered(judge, request_id)]):
        return judge, True
    existing = store.get_judge(judge["_id"])
    if existing is not None and judges.same_registration(existing, judge):
        return existing, False
    raise JudgeExists(f"a different judge with id {judge['_id']} is already registered", field="id")


def list_page(store: Store, limit: int, cursor: str | None) -> tuple[list[dict], str | None]:
    return paging.cut(store.list_judges(limit + 1, cursor), limit, lambda judge: judge["_id"])
