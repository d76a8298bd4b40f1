"""Rankings and exports of the real service match a computation done by hand from the scores sent."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from tests.integration.reporting import dataset

FILTERS = [{}, {"category": "kesehatan"}, {"province": "73"}, {"cluster": "kabupaten"},
           {"category": "pendidikan", "cluster": "kabupaten"}, {"province": "11"}, {"category": "tidak-ada"}]


def every_page(api, cid, limit, **params) -> list[dict]:
    seen, cursor = [], None
    while True:
        response = api(f"/competitions/{cid}/rankings", limit=limit, **params, **({"cursor": cursor} if cursor else {}))
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen


def test_rankings_match_an_independent_computation(api, judged):
    expected = dataset.expected_rows(judged)
    reply = api(f"/competitions/{judged.cid}/rankings", limit=500).json()
    items = reply["items"]
    assert reply["stage"] == "evaluasi" and reply["next_cursor"] is None
    assert [r["entry_id"] for r in items] == [r["entry_id"] for r in expected]
    for position, (got, want) in enumerate(zip(items, expected), 1):
        assert got["rank"] == position
        assert got["reviews"] == {"done": want["done"], "assigned": want["assigned"]}
        assert (got["province_code"], got["category"], got["cluster"]) == \
               (want["province_code"], want["category"], want["cluster"])
        if want["score"] is None:
            assert got["score"] is None and got["raw_score"] is None and got["criterion_means"] == {}
            continue
        assert got["score"] == pytest.approx(want["score"], abs=1e-4)
        assert got["raw_score"] == pytest.approx(want["raw_score"], abs=1e-4)
        assert got["criterion_means"] == pytest.approx(want["means"], abs=1e-4)
    assert items[0]["province"] and items[-1]["score"] is None  # names from the region list; unscored last


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("limit", [1, 3])
def test_paging_and_filters_never_skip_or_repeat(api, judged, filters, limit):
    wanted = [r["entry_id"] for r in dataset.expected_rows(judged)
              if all(r[{"province": "province_code"}.get(k, k)] == v for k, v in filters.items())]
    seen = [r["entry_id"] for r in every_page(api, judged.cid, limit, **filters)]
    assert seen == wanted


def test_exports_carry_the_same_rows_with_indonesian_headers_and_numbers(api, judged):
    items = api(f"/competitions/{judged.cid}/rankings", limit=500).json()["items"]
    response = api(f"/competitions/{judged.cid}/rankings.csv")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"] == f'attachment; filename="peringkat-{judged.cid}-evaluasi.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:10] == ["Peringkat", "ID Entri", "Judul Inovasi", "Instansi", "Klaster", "Kode Provinsi",
                             "Provinsi", "Kategori", "Skor", "Skor Mentah"]
    assert "Rerata Signifikansi (bobot 30)" in table[0]
    assert [(int(r[0]), r[1], float(r[8]) if r[8] else None) for r in table[1:]] == \
           [(i["rank"], i["entry_id"], i["score"]) for i in items]

    xlsx = api(f"/competitions/{judged.cid}/rankings.xlsx", role="admin")
    assert xlsx.status_code == 200 and xlsx.headers["Content-Disposition"].endswith('evaluasi.xlsx"')
    cells = list(openpyxl.load_workbook(io.BytesIO(xlsx.content), read_only=True).active.iter_rows(values_only=True))
    assert cells[0][0] == "Peringkat" and len(cells) == len(items) + 1
    assert [(c[0], c[1], c[8], c[10]) for c in cells[1:]] == \
           [(i["rank"], i["entry_id"], i["score"], i["reviews"]["done"]) for i in items]
    assert isinstance(cells[1][0], int) and isinstance(cells[1][8], float)

    filtered = api(f"/competitions/{judged.cid}/rankings.csv", province="73").content.decode("utf-8-sig")
    assert [r[1] for r in list(csv.reader(io.StringIO(filtered)))[1:]] == \
           [i["entry_id"] for i in items if i["province_code"] == "73"]


@pytest.mark.parametrize("params, field", [({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"limit": "x"}, "limit"),
                                           ({"cursor": "not-a-cursor"}, "cursor"), ({"stage": "administrasi"}, "stage"),
                                           ({"province": "Sulawesi"}, "province")])
def test_bad_queries_are_422_naming_the_field(api, judged, params, field):
    response = api(f"/competitions/{judged.cid}/rankings", **params)
    assert response.status_code == 422 and response.headers["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]


def test_an_unknown_competition_or_entry_is_404(api, judged):
    for path in ("/competitions/no-such-competition/rankings", "/competitions/no-such-competition/summary",
                 "/competitions/no-such-competition/rankings.csv", "/entries/no-such-entry/scorecard"):
        response = api(path)
        assert response.status_code == 404 and response.headers["Content-Type"] == "application/problem+json", path
