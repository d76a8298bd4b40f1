"""Cursor paging, once for every list (shared.paging)."""
from __future__ import annotations

import pytest

from shared.errors import Invalid
from shared.paging import cut, decode_cursor, encode_cursor, is_id, reply


@pytest.mark.parametrize("position", ["abc-123", ["2026-03-10T01:00:00.000Z", "d-1"], [84.5, 3, "e-9"]])
def test_a_cursor_carries_any_position_and_back(position):
    assert decode_cursor(encode_cursor(position)) == position


def test_no_cursor_is_the_first_page_and_a_foreign_one_names_the_field():
    assert encode_cursor(None) is None and decode_cursor(None) is None and decode_cursor("") is None
    for foreign in ("bukan-kursor", encode_cursor(["a", "b"])):
        with pytest.raises(Invalid) as refused:
            decode_cursor(foreign, is_id)
        assert refused.value.errors == {"cursor": ["cursor is not one this list returned"]}


def test_an_exactly_full_last_page_hands_out_no_cursor():
    rows = [{"_id": f"e-{n}"} for n in range(5)]
    assert cut(rows[:5], 5, lambda r: r["_id"]) == (rows, None)  # read limit + 1 = 6, found 5: the end
    page, last = cut(rows, 4, lambda r: r["_id"])
    assert page == rows[:4] and last == "e-3"
    assert reply(page, last)["next_cursor"] == encode_cursor("e-3")
