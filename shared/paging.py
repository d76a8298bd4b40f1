"""Cursor paging of every list (DESIGN §4): `?limit=` (default 50, at most 500) and an opaque `?cursor=`.

A cursor is the position of the last item a page held (an id, a (time, id) pair, a sort key),
written as base64 of its JSON so clients treat it as opaque. A store is asked for `limit + 1`
items: the extra one says whether there is a next page, so a last page that is exactly full hands
out no cursor.
"""
from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Callable

from shared.errors import Invalid

DEFAULT_LIMIT, MAX_LIMIT = 50, 500


def encode_cursor(position: Any) -> str | None:
    """The opaque cursor that continues after `position` (None: no next page)."""
    if position is None:
        return None
    return base64.urlsafe_b64encode(json.dumps({"after": position}).encode()).decode().rstrip("=")


def is_id(position: Any) -> bool:
    """A cursor holding a document id (the lists that page by `_id`)."""
    return isinstance(position, str) and bool(position)


def decode_cursor(cursor: str | None, check: Callable[[Any], bool] = lambda position: position is not None) -> Any:
    """The position a cursor continues after (None without one); 422 naming `cursor` when it is not one of
    ours or `check` refuses what it holds."""
    if not cursor:
        return None
    try:
        position = json.loads(base64.urlsafe_b64decode((cursor + "=" * (-len(cursor) % 4)).encode("ascii")))["after"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        position = None
    if position is None or not check(position):
        raise Invalid("cursor is not one this list returned", field="cursor")
    return position


def cut(found: list, limit: int, position: Callable[[Any], Any]) -> tuple[list, Any]:
    """The page of `found` (read as `limit` + 1 items) and the position of its last item when more follow."""
    page = found[:limit]
    return page, (position(page[-1]) if len(found) > limit and page else None)


def reply(items: list, position: Any) -> dict:
    """The list reply of DESIGN §4."""
    return {"items": items, "next_cursor": encode_cursor(position)}
