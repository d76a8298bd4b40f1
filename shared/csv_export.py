"""CSV exports people open in spreadsheets: UTF-8 with a BOM (so Excel reads Indonesian text right), streamed
a chunk at a time, and formula-proof: text comes from regions and staff, so a cell a spreadsheet would read
as a formula gets a leading `'` (OWASP's CSV-injection rule)."""
from __future__ import annotations

import csv
import io
from typing import Iterable

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets start a formula with


def neutralised(value):
    """A CSV cell a spreadsheet shows but never evaluates: text with a formula's first character gets a `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return "'" + value
    return value


def csv_stream(header: list[str], rows: Iterable[list], chunk_rows: int = 2000):
    """The header and rows as UTF-8 CSV with a BOM, every cell neutralised, yielded in chunks of bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for index, row in enumerate(rows, 1):
        writer.writerow(["" if value is None else neutralised(value) for value in row])
        if index % chunk_rows == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
