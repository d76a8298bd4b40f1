"""CSV and XLSX exports of a ranking, streamed, with headers in Bahasa Indonesia and numbers as numbers.

The text comes from the regions (titles, agency names), so a spreadsheet must never run it:
a CSV text cell that a spreadsheet would read as a formula gets a leading `'` (OWASP's
CSV-injection rule), and every XLSX text cell is written as a string, never as a formula.
"""
from __future__ import annotations

import csv
import io
import os
import tempfile

import xlsxwriter

from shared.csv_export import neutralised  # the one rule, shared with the console's audit export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# xlsxwriter's guesses would turn "=…" into a formula, "http…" into a link and "12" into a number
XLSX_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}
STATUS = {"submitted": "Diajukan", "eligible": "Lolos administrasi", "ineligible": "Tidak lolos administrasi",
          "advanced": "Lolos ke tahap berikutnya", "eliminated": "Tidak lolos", "awarded": "Penerima penghargaan",
          "withdrawn": "Ditarik"}
COLUMNS = [("Peringkat", lambda r: r["rank"]), ("ID Entri", lambda r: r["entry_id"]),
           ("Judul Inovasi", lambda r: r["title"]), ("Instansi", lambda r: r["agency"]["name"]),
           ("Klaster", lambda r: r["cluster"]), ("Kode Provinsi", lambda r: r["province_code"]),
           ("Provinsi", lambda r: r["province"]), ("Kategori", lambda r: r["category"]),
           ("Skor", lambda r: r["score"]), ("Skor Mentah", lambda r: r["raw_score"]),
           ("Penilaian Selesai", lambda r: r["reviews"]["done"]), ("Penilaian Ditugaskan", lambda r: r["reviews"]["assigned"]),
           ("Status", lambda r: STATUS.get(r["status"], r["status"])), ("Waktu Pengajuan", lambda r: r["submitted_at"])]


def columns(definition: dict) -> list:
    """The fixed columns, then the mean of each criterion (heaviest first, as the ranking uses them)."""
    criteria = sorted(definition.get("criteria") or [], key=lambda c: -float(c["weight"]))
    return COLUMNS + [(f"Rerata {c['key'].replace('_', ' ').title()} (bobot {c['weight']:g})",
                       lambda r, k=c["key"]: r["criterion_means"].get(k)) for c in criteria]


def attachment(competition_id: str, stage: str, extension: str) -> str:
    """A Content-Disposition that makes the browser save the file under a readable name."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in f"peringkat-{competition_id}-{stage}")
    return f'attachment; filename="{safe}.{extension}"'


def csv_stream(definition: dict, rows, chunk_rows: int = 2000):
    """UTF-8 CSV with a BOM (so Excel reads the Indonesian text right), a chunk at a time."""
    cols = columns(definition)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([title for title, _ in cols])
    for index, row in enumerate(rows, 1):
        writer.writerow(["" if value is None else neutralised(value) for value in (cell(row) for _, cell in cols)])
        if index % chunk_rows == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_cell(worksheet, row: int, column: int, value) -> None:
    """A number as a number, anything else as a string (never a formula); an empty cell for None."""
    if value is None:
        return
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        worksheet.write_number(row, column, value)
    else:
        worksheet.write_string(row, column, str(value))


def xlsx_stream(definition: dict, rows, sheet: str):
    """An XLSX written in constant memory to a temporary file, then streamed and removed."""
    cols = columns(definition)
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        workbook = xlsxwriter.Workbook(path, XLSX_OPTIONS)
        worksheet = workbook.add_worksheet(sheet[:31])
        bold = workbook.add_format({"bold": True})
        for column, (title, _) in enumerate(cols):
            worksheet.write_string(0, column, title, bold)
        for index, row in enumerate(rows, 1):
            for column, (_, cell) in enumerate(cols):
                write_cell(worksheet, index, column, cell(row))
        worksheet.freeze_panes(1, 0)
        workbook.close()
        with open(path, "rb") as file:
            while chunk := file.read(64 * 1024):
                yield chunk
    finally:
        os.unlink(path)
