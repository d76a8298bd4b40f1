"""Reading an XLSX file's first sheet as the XML says it, not as a spreadsheet program would show it:
each cell's reference, its type, its text, and whether it holds a formula."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


@dataclass(frozen=True)
class Cell:
    ref: str  # "C2"
    kind: str  # the `t` attribute: "inlineStr", "s" (shared string), "n" (number, also when absent), "str", …
    text: str | None  # the string or the number as written
    formula: bool


ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML writes control characters such as \r as _x000D_


def _text(node) -> str:
    raw = "".join(t.text or "" for t in node.iter(f"{{{NS['x']}}}t"))
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), raw)


def sheet_cells(body: bytes) -> list[Cell]:
    """Every cell of the workbook's first worksheet."""
    with zipfile.ZipFile(io.BytesIO(body)) as book:
        shared = []
        if "xl/sharedStrings.xml" in book.namelist():
            shared = [_text(si) for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("x:si", NS)]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    found = []
    for c in sheet.iter(f"{{{NS['x']}}}c"):
        kind, value = c.get("t", "n"), c.find("x:v", NS)
        if kind == "inlineStr":
            text = _text(c.find("x:is", NS))
        elif kind == "s":
            text = shared[int(value.text)]
        else:
            text = value.text if value is not None else None
        found.append(Cell(c.get("r"), kind, text, c.find("x:f", NS) is not None))
    return found


def column(cells: list[Cell], letter: str) -> list[Cell]:
    """The cells of one column, top to bottom (the header first)."""
    return [c for c in cells if c.ref.rstrip("0123456789") == letter]
