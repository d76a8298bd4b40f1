"""Cursor paging of lists (DESIGN §4): `?limit=` (default 50, max 500) and an opaque `?cursor=`."""
from __future__ import annotations

import base64
import binascii
import json

from shared.web.problem import invalid


def encode_cursor(last_id: str | None) -> str | None:
    """The opaque cursor that continues after `last_id`."""
    if last_id is None:
        return None
    return base64.urlsafe_b64encode(json.dumps({"after": last_id}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> str | None:
    """The id a cursor continues after; 422 naming `cursor` when it is not one of ours."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        after = None
    if not isinstance(after, str) or not after:
        raise invalid({"cursor": ["is not a cursor this list returned"]})
    return after


def page(items: list, last_id: str | None) -> dict:
    """The list reply of DESIGN §4."""
    return {"items": items, "next_cursor": encode_cursor(last_id)}
