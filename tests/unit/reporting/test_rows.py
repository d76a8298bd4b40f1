"""The compact in-memory rows survive a checkpoint round trip."""
from __future__ import annotations

from services.reporting.adapters.store import row_of
from services.reporting.domain.readmodel import merge
from services.reporting.domain.rows import Row
from tests.unit.reporting import events as ev


def test_a_row_written_to_a_checkpoint_reads_back_the_same():
    doc = merge(None, ev.submitted("e1", "pendidikan", "33.01", cluster="kabupaten"))
    for event in (ev.assigned("e1", "j1"), ev.assigned("e1", "j2"), ev.scored("e1", "j1", {"a": 70, "b": 80.5}, 75.25),
                  ev.ranked("e1", True), ev.notified("e1", "d1"), ev.notified("e1", "d2", sent=False)):
        doc = merge(doc, event)
    row = Row(row_of(doc))
    again = Row(row.to_doc(ev.CID))
    assert again.to_doc(ev.CID) == row.to_doc(ev.CID)
    assert (again.stage, again.decided, again.sent, again.failed) == ("wawancara", ("evaluasi",), 1, 1)
    marks = again.marks("evaluasi")
    assert (marks.assigned, marks.done, marks.marks, marks.criterion_means()) == (2, 1, ("j1", 75.25), {"a": 70.0, "b": 80.5})
