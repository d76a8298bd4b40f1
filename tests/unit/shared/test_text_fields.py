"""Control characters in text (shared.text) and the marshmallow fields that refuse them (shared.web.fields)."""
from __future__ import annotations

import sys
import unicodedata

import pytest
from marshmallow import Schema, ValidationError, fields

from shared import text
from shared.web.fields import SINGLE_LINE, Line, Text


class Body(Schema):
    title = Line(required=True)
    body = Text()
    email = fields.Email(validate=SINGLE_LINE)


def test_the_ranges_are_exactly_unicode_category_cc():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    cc = {ch for ch in every if unicodedata.category(ch) == "Cc"}
    assert set(text.LINE_FORBIDDEN.findall(every)) == cc | {"\u2028", "\u2029"}
    assert set(text.TEXT_FORBIDDEN.findall(every)) == cc - {"\t", "\n", "\r"}


@pytest.mark.parametrize("value", ["Judul\x00", "a\nb", "a\rb", "tab\there", "\x1b[31m", "\x7f", "\x85", "a\u2028b"])
def test_a_line_refuses_every_control_character_naming_the_rule(value):
    with pytest.raises(ValidationError) as refused:
        Body().load({"title": value})
    [message] = refused.value.messages["title"]
    assert message.startswith("control-character:") and "U+" in message


def test_a_text_keeps_tabs_and_line_breaks_but_nothing_else():
    assert Body().load({"title": "t", "body": "Baris satu\r\n\tBaris dua\n"})["body"] == "Baris satu\r\n\tBaris dua\n"
    for value in ("nul \x00", "bell \x07", "esc \x1b", "c1 \x9b"):
        with pytest.raises(ValidationError) as refused:
            Body().load({"title": "t", "body": value})
        assert refused.value.messages["body"][0].startswith("control-character:")


def test_unicode_letters_marks_and_emoji_are_text_not_control():
    value = "Inovasi Layanan — Kabupaten Gowa ✓ 提案 ملف é 👩‍⚕️"
    assert Body().load({"title": value, "body": value})["title"] == value


def test_the_message_says_which_character_and_where():
    assert text.first_forbidden("abc\x00") == (3, "\x00")
    assert text.first_forbidden("a\nb", multiline=True) is None
    assert "U+0000 pada posisi 4" in text.describe(3, "\x00")


def test_other_fields_take_the_validator_too():
    with pytest.raises(ValidationError) as refused:
        Body().load({"title": "t", "email": "andi@example.id\n"})
    assert any(m.startswith("control-character:") for m in refused.value.messages["email"])

