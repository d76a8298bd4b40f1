"""An entry's stored row reads back as it was written, and a table holds the newest row of each entry."""
from __future__ import annotations

import math

import numpy as np

import pytest

from services.reporting.domain.readmodel import merge
from services.reporting.domain.rows import parse, row_text
from tests.unit.reporting import events as ev


def judged():
    doc = merge(None, ev.submitted("e1", "pendidikan", "33.01", cluster="kabupaten"))
    for event in (ev.assigned("e1", "j1"), ev.assigned("e1", "j2"), ev.scored("e1", "j1", {"a": 70, "b": 80.5}, 75.25),
                  ev.ranked("e1", True), ev.notified("e1", "d1"), ev.notified("e1", "d2", sent=False)):
        doc = merge(doc, event)
    return doc


def test_a_stored_row_reads_back_what_the_rankings_need():
    row = parse("e1", row_text(judged()))
    assert (row.status, row.stage, row.province_code, row.cluster, row.region_code) == \
        ("advanced", "wawancara", "33", "kabupaten", "33.01")
    assert (row.decided, row.sent, row.failed, row.title) == (["evaluasi"], 1, 1, "Inovasi e1")
    marks = row.stages["evaluasi"]
    assert (marks.assigned, marks.judges, marks.totals, marks.means) == (2, ["j1"], [75.25], {"a": 70.0, "b": 80.5})


def test_a_row_of_another_version_is_refused():
    with pytest.raises(ValueError):
        parse("e1", "[99]")


def test_a_table_keeps_the_newest_row_of_each_entry_and_forgets_what_it_lost():
    doc = judged()
    table = ev.table_of({"e1": doc, "e2": merge(None, ev.submitted("e2"))})
    again = merge(doc, ev.scored("e1", "j2", {"a": 90, "b": 90}, 90.0))
    table.put(parse("e1", row_text(again)))
    stage = table.stage("evaluasi")
    at = table.position["e1"]
    assert table.size == 2 and sorted(x for x in stage.totals[at].tolist() if not math.isnan(x)) == [75.25, 90.0]
    assert [table.words.values[j] for j in stage.judges[at].tolist() if j >= 0] == ["j1", "j2"]
    table.put(parse("e1", row_text(merge(None, ev.submitted("e1")))))  # a row without the stage any more
    assert not stage.present[at] and math.isnan(stage.totals[at, 0]) and table.word("status", at) == "submitted"
    copy = table.copy()
    table.put(parse("e2", row_text(again | {"_id": "e2"})))
    assert copy.word("status", copy.position["e2"]) == "submitted" != table.word("status", table.position["e2"])


def test_rows_put_at_once_make_the_table_they_make_one_by_one():
    docs = {f"e{n}": merge(None, ev.submitted(f"e{n}", region=["73.71", "33.01"][n % 2])) for n in range(7)}
    for n in range(0, 7, 2):
        entry_id = f"e{n}"
        for judge in ["j1", "j2", "j3"][:1 + n % 3]:
            docs[entry_id] = merge(merge(docs[entry_id], ev.assigned(entry_id, judge)),
                                   ev.scored(entry_id, judge, {"a": 50 + n, "b": 60}, 55.0 + n))
    docs["e3"] = merge(docs["e3"], ev.ranked("e3", False))
    rows = [parse(entry_id, row_text(doc)) for entry_id, doc in docs.items()]
    one_by_one, at_once = ev.table_of({}), ev.table_of({})
    for row in rows:
        one_by_one.put(row)
    at_once.extend(rows[:3])
    at_once.extend(rows[2:])  # e2 again: replaced, not added twice
    assert at_once.size == one_by_one.size == 7 and at_once.ids == one_by_one.ids
    for name in ("status", "province_code", "day"):
        assert [at_once.word(name, at) for at in range(7)] == [one_by_one.word(name, at) for at in range(7)]
    for stage in ("evaluasi",):
        mine, theirs = at_once.stage(stage), one_by_one.stage(stage)
        for name in ("present", "decided", "assigned"):
            assert getattr(mine, name)[:7].tolist() == getattr(theirs, name)[:7].tolist(), (stage, name)
        assert np.array_equal(mine.totals[:7], theirs.totals[:7], equal_nan=True) and mine.criteria == theirs.criteria
        assert [[at_once.words.values[j] for j in row] for row in mine.judges[:7].tolist()] == \
            [[one_by_one.words.values[j] for j in row] for row in theirs.judges[:7].tolist()]
        assert np.array_equal(mine.means[:7], theirs.means[:7], equal_nan=True)
