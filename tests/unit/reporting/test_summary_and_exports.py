"""The summary's counts and the exports' cells (pure, no I/O)."""
from __future__ import annotations

import csv
import io

import openpyxl

from services.reporting.domain import pages, rankings, summary
from services.reporting.domain.readmodel import merge
from services.reporting.entrypoints import exports
from tests.unit.reporting import events as ev

DEFINITION = {"id": ev.CID, "name": "KIPP 2026", "categories": [{"key": "kesehatan", "label": "Kesehatan"}],
              "criteria": [{"key": "signifikansi", "weight": 30}, {"key": "kebaruan", "weight": 15}],
              "stages": [{"key": "evaluasi", "kind": "scored"}]}


def table():
    docs = [merge(None, ev.submitted("e1", "kesehatan", "73.71", "2026-03-10T16:59:59Z")),
            merge(None, ev.submitted("e2", "pendidikan", "73.15", "2026-03-10T17:00:00Z", cluster="kabupaten")),
            merge(merge(None, ev.submitted("e3", "kesehatan", "33.01")), ev.withdrawn("e3")),
            merge(None, ev.assigned("stray", "j1"))]  # no submission yet: not counted
    docs[0] = merge(merge(docs[0], ev.assigned("e1", "j1")), ev.assigned("e1", "j2"))
    docs[0] = merge(docs[0], ev.scored("e1", "j1", {"signifikansi": 80, "kebaruan": 70}, 76.6667))
    docs[0] = merge(docs[0], ev.notified("e1", "d1"))
    return ev.table_of({d["_id"]: d for d in docs})


def test_summary_counts_by_status_province_category_cluster_and_jakarta_day():
    found = summary.summarise({"_id": ev.CID, "definition": DEFINITION}, table())
    assert found["total"] == 3
    assert found["by_status"] == {"submitted": 2, "withdrawn": 1}
    assert found["by_province"] == [{"code": "33", "name": "Jawa Tengah", "count": 1},
                                    {"code": "73", "name": "Sulawesi Selatan", "count": 2}]
    assert found["by_category"] == {"kesehatan": 2, "pendidikan": 1}
    assert found["by_cluster"] == {"kabupaten": 1, "kota": 2}
    assert [d["day"] for d in found["per_day"]] == ["2026-03-01", "2026-03-10", "2026-03-11"]  # 17:00Z is the 11th in WIB
    assert found["judging"] == [{"stage": "evaluasi", "assigned": 2, "done": 1, "entries": 1, "percent": 50.0}]
    assert found["notifications"] == {"sent": 1, "failed": 0}


def export_rows():
    return list(pages.every_row(rankings.rank(table(), DEFINITION, "evaluasi"), {}))


def test_csv_has_a_bom_indonesian_headers_and_plain_numbers():
    body = b"".join(exports.csv_stream(DEFINITION, iter(export_rows()), chunk_rows=1))
    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert table[0][:11] == ["Peringkat", "ID Entri", "Judul Inovasi", "Instansi", "Klaster", "Kode Provinsi", "Provinsi",
                             "Kategori", "Skor", "Skor Mentah", "Penilaian Selesai"]
    assert table[0][-2:] == ["Rerata Signifikansi (bobot 30)", "Rerata Kebaruan (bobot 15)"]
    assert table[1][:3] == ["1", "e1", "Inovasi e1"] and table[1][8] == "76.6667" and table[1][-2] == "80.0"
    assert table[2][1] == "e2" and table[2][8] == ""  # unscored: an empty cell, last
    assert len(table) == 3


def test_xlsx_opens_with_openpyxl_and_keeps_numbers_as_numbers():
    body = b"".join(exports.xlsx_stream(DEFINITION, iter(export_rows()), "Peringkat evaluasi"))
    sheet = openpyxl.load_workbook(io.BytesIO(body), read_only=True).active
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "Peringkat" and sheet.title == "Peringkat evaluasi"
    assert cells[1][0] == 1 and cells[1][1] == "e1" and cells[1][8] == 76.6667 and cells[1][10] == 1
    assert cells[2][1] == "e2" and cells[2][8] is None and len(cells) == 3


def test_the_attachment_name_is_safe():
    assert exports.attachment("kipp 2026/\"x\"", "evaluasi", "csv") == 'attachment; filename="peringkat-kipp-2026--x--evaluasi.csv"'
