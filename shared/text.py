"""Control characters in people's text: which ones a line or a longer text may hold. No I/O.

Unicode category Cc is a closed set (U+0000–U+001F and U+007F–U+009F, unchanged since
Unicode 1.1), so it is written as character ranges: one regex search is fast even on a
30,000-character section, where a per-character `unicodedata` loop is not.
"""
from __future__ import annotations

import re

# A single line (a title, a name, an e-mail): no Cc at all, and no U+2028/U+2029, which break
# a line just as \n does in every reader that honours them.
LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A multi-line text (a section, a reason): tab, line feed and carriage return are layout, the rest is not.
TEXT_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
RULE = "control-character"


def first_forbidden(text: str, multiline: bool = False) -> tuple[int, str] | None:
    """The position and character of the first control character `text` may not hold, or None."""
    found = (TEXT_FORBIDDEN if multiline else LINE_FORBIDDEN).search(text)
    return (found.start(), found.group()) if found else None


def describe(position: int, char: str) -> str:
    """The message naming the rule, the character and where it is (for people, in Bahasa Indonesia)."""
    return (f"{RULE}: berisi karakter kendali U+{ord(char):04X} pada posisi {position + 1}; "
            "hapus karakter itu lalu kirim lagi.")

