"""reporting's frequent queries are answered from an index by PostgreSQL (through FerretDB).

The worker's batch, a web process's
load and follow, and the scorecard's read run against a read model of reporting's shape
(≥ 20,000 documents in each collection they read, the indexes the worker declares), a
command listener records the filters they send, and each is explained. The read model
holds several competitions, as one does after a few years, so that loading one of them
is a selective question.
"""
from __future__ import annotations

import pytest

from services.reporting.handlers import readmodel
from services.reporting.adapters import snapshots
from services.reporting.adapters.batch import Batch
from services.reporting.adapters.store import Store, marker_id
from services.reporting.domain import rows
from services.reporting.domain.readmodel import merge
from tests.integration.reporting import events as ev
from tests.integration.store.plans import MIN_DOCUMENTS, assert_each_indexed, insert, planned_database, ready
from tests import factories

pytestmark = pytest.mark.integration

YEARS = 8  # competitions in the read model
PER_YEAR = 2_500  # entries each (KIPP has had 2,500–3,500 a year)
READ = ("entries", "rows", "heads", "batches", "competitions")


def entry(cid: str, n: int) -> dict:
    """Entry `n` of a competition as the worker stores it: submitted, assigned to a judge and scored."""
    entry_id = f"{cid}-e{n:05d}"
    doc = merge(None, ev.submitted(cid, entry_id, "73.71", "kesehatan", "2026-03-01T02:00:00Z"))
    aid, assigned = ev.assigned(cid, "evaluasi", entry_id, f"judge-{n % 40:02d}")
    scores = {"kebaruan": 60 + n % 30, "signifikansi": 70, "implementasi": 80}
    return merge(merge(doc, assigned), ev.scored(cid, "evaluasi", aid, entry_id, f"judge-{n % 40:02d}", scores, 70.0))


@pytest.fixture(scope="module")
def reporting_db(stack):
    """A read model with YEARS competitions of PER_YEAR entries, each batch of them marked finished."""
    with planned_database(stack.mongo_uri, "reporting") as (db, filters):
        Store(db).declare_indexes()
        cids = [f"kipp-{2018 + year}" for year in range(YEARS)]
        docs = [entry(cid, n) for cid in cids for n in range(max(PER_YEAR, MIN_DOCUMENTS // YEARS))]
        insert(db["entries"], docs)
        insert(db["rows"], (rows.stored(doc, 1 + i % 500) for i, doc in enumerate(docs)))
        insert(db["competitions"], ({"_id": cid, "definition": factories.competition(cid)} for cid in cids))
        insert(db["competitions"], ({"_id": f"arsip-{n:05d}"} for n in range(MIN_DOCUMENTS)))  # a big table, as a plan needs
        insert(db["heads"], ({"_id": f"arsip-{n:05d}", "batch": 1} for n in range(MIN_DOCUMENTS)))
        db["heads"].insert_many([{"_id": cid, "batch": 500} for cid in cids])
        insert(db["batches"], ({"_id": marker_id(cid, b), "competition_id": cid, "batch": b, "rows": 1,
                                "competition": False} for cid in cids for b in range(1, 2_501)))
        ready(db, filters)
        yield db, filters, cids


def test_the_worker_reads_and_writes_entries_rows_and_batches_through_indexes(reporting_db):
    db, filters, cids = reporting_db
    batch = Batch(lambda: Store(db))
    entry_id = f"{cids[3]}-e00042"
    readmodel.on_event(batch, ev.scored(cids[3], "evaluasi", "a-new", entry_id, "judge-99", {"kebaruan": 90}, 90.0))
    readmodel.on_event(batch, ev.stage_closed(cids[3], "evaluasi"))
    assert batch.flush() == 2
    assert assert_each_indexed(db, filters, READ) >= 6
    assert db["rows"].find_one({"_id": entry_id})["batch"] == 501


def test_a_web_process_loads_one_competition_follows_its_batches_and_reads_a_scorecard(reporting_db):
    db, filters, cids = reporting_db
    store = Store(db)
    view = snapshots.load(store, cids[5])
    assert view.table.size == max(PER_YEAR, MIN_DOCUMENTS // YEARS)
    view.seen -= 3  # three batches to catch up on
    assert snapshots.follow(store, view)
    assert store.entry(f"{cids[5]}-e00007")["status"] == "submitted"
    assert assert_each_indexed(db, filters, READ) >= 10
