"""Lists of assignments with progress: a judge's own, or the secretariat's view of a competition."""
from __future__ import annotations

from collections import Counter, defaultdict

from shared import paging
from shared.auth.tokens import Principal
from services.review.ports import Store
from services.review.domain import assignments, scores

SHOWN_BY_DEFAULT = ["pending", "scored", "recused"]  # withdrawn and cancelled work is no work


def list_page(store: Store, principal: Principal, filters: dict, limit: int, cursor: str | None) -> dict:
    """A page of assignments with entry titles, plus progress counts over every page."""
    if principal.role == "judge":
        found, more, progress = _judge_page(store, principal.sub, filters, limit, cursor)
    else:
        found, more, progress = _admin_page(store, filters, limit, cursor)
    titles = _missing_titles(store, found)
    items = [{**assignments.public_view(a), "title": a.get("title") or titles.get(a["entry_id"])} for a in found]
    return {**paging.reply(items, found[-1]["_id"] if more and found else None), "progress": progress}


def _missing_titles(store: Store, found: list[dict]) -> dict[str, str | None]:
    """Titles of the entries whose assignments were written without one, by entry id."""
    untitled = defaultdict(list)
    for a in found:
        if not a.get("title"):
            untitled[a["competition_id"]].append(a["entry_id"])
    return {entry_id: entry.get("title") for cid, ids in untitled.items()
            for entry_id, entry in store.entries_by_id(cid, ids).items()}


def _judge_page(store: Store, judge_id: str, filters: dict, limit: int, cursor: str | None):
    """A judge's few hundred assignments at most: read by judge (and competition, stage, entry when
    asked), then counted, filtered by status and paged in memory."""
    within = {key: value for key, value in filters.items() if value and key not in ("status", "judge_id")}
    wanted = store.assignments.of_judge(judge_id, within)
    statuses = [filters["status"]] if filters.get("status") else SHOWN_BY_DEFAULT
    rows = sorted((a for a in wanted if a["status"] in statuses and (not cursor or a["_id"] > cursor)),
                  key=lambda a: a["_id"])
    return rows[:limit], len(rows) > limit, scores.progress(Counter(a["status"] for a in wanted))


def _admin_page(store: Store, filters: dict, limit: int, cursor: str | None):
    query = {key: value for key, value in filters.items() if value and key != "status"}
    progress = scores.progress(store.assignments.counts(query))
    query["status"] = filters["status"] if filters.get("status") else {"$in": SHOWN_BY_DEFAULT}
    found = store.assignments.page(query, limit + 1, cursor)
    return found[:limit], len(found) > limit, progress
