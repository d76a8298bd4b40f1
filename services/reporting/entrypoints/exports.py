"""CSV and XLSX exports of the rankings, streamed, with headers in Bahasa Indonesia."""
from __future__ import annotations

import csv
import io
import os
import tempfile

import xlsxwriter

from shared import regions

COLUMNS = [("Peringkat", "rank"), ("ID Entri", "entry_id"), ("Judul Inovasi", "title"), ("Instansi", "agency"),
           ("Klaster", "cluster"), ("Kode Provinsi", "province_code"), ("Provinsi", "province"),
           ("Kategori", "category"), ("Skor", "score"), ("Skor Mentah", "raw_score"),
           ("Penilaian Selesai", "done"), ("Penilaian Ditugaskan", "assigned"), ("Status", "status")]


def values(row: dict) -> list:
    """A ranking row as the export's cells; numbers stay numbers."""
    flat = {**row, "agency": (row.get("agency") or {}).get("name"), "province": regions.name(row.get("province_code") or ""),
            "done": row["reviews"]["done"], "assigned": row["reviews"]["assigned"]}
    return [flat.get(key) for _, key in COLUMNS]


def csv_stream(rows: list[dict]):
    """UTF-8 CSV with a BOM (so spreadsheet programs read the Indonesian text right), a chunk at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([title for title, _ in COLUMNS])
    for index, row in enumerate(rows, 1):
        writer.writerow(["" if v is None else v for v in values(row)])
        if index % 2000 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_stream(rows: list[dict], sheet: str):
    """An XLSX written in constant memory to a temporary file, then streamed and removed."""
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    worksheet.write_row(0, 0, [title for title, _ in COLUMNS], bold)
    for index, row in enumerate(rows, 1):
        worksheet.write_row(index, 0, values(row))
    workbook.close()
    try:
        with open(path, "rb") as file:
            while chunk := file.read(64 * 1024):
                yield chunk
    finally:
        os.unlink(path)
