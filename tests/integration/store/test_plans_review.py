"""review's frequent queries are answered from an index by PostgreSQL (through FerretDB).

review's adapters run their queries against a database of review's
shape (ten years of competitions, ≥ 20,000 documents per collection read here, the indexes the
worker declares), the filters they send are recorded and each is explained. Every query is
asked with values that select few documents, as the frequent ones do (a judge, an entry, an
assignment, the current interview stage, a small competition). A read of a large share of a
collection (a whole year's desk-evaluation stage among ten) is planned as a sequential scan
by PostgreSQL's own choice, which is right for it.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from shared.auth.tokens import Principal
from shared.mongo.dedup import already_processed
from services.review.adapters.store import Store
from services.review.domain import audit
from services.review.domain.assignments import new_assignment
from services.review.domain.conflicts import Judge
from services.review.domain.scores import new_revision
from tests import factories
from tests.integration.store.plans import MIN_DOCUMENTS, assert_each_indexed, insert, planned_database, ready

pytestmark = pytest.mark.integration

YEARS = [f"plans-{year}" for year in range(2016, 2026)]
CURRENT = YEARS[-1]
SMALL = "plans-khusus-2025"  # a competition of its own for a few special entries
SUBMITTED, EVALUATED, INTERVIEWED = 2_100, 600, 45  # a year: most entries are screened out
JUDGES = [Judge(id=f"judge-{n:03d}", email=f"juri{n}@ui.ac.id") for n in range(150)]
DEFINITION = factories.competition()
ADMIN = Principal(sub="sekretariat-kipp", role="admin", region=None)


def entry_id(cid: str, n: int) -> str:
    return f"{cid}-e{n:04d}"


def entries(cid: str, count: int) -> list[dict]:
    """A competition's entries as review keeps them."""
    return [{"_id": entry_id(cid, n), "competition_id": cid, "status": "submitted", "revision": 1,
             "title": f"Inovasi {n}", "category": "kesehatan", "province_code": "73",
             "agency": {"name": f"Dinas {n}", "cluster": "kota", "region_code": "73.71"}} for n in range(count)]


def assignments(cid: str) -> list[dict]:
    """A year's work: three judges per evaluated entry, five per interviewed one; past years all scored."""
    docs = []
    for stage, count, per_entry in (("evaluasi", EVALUATED, 3), ("wawancara", INTERVIEWED, 5)):
        for n in range(count):
            for k in range(per_entry):
                doc = new_assignment(cid, stage, entry_id(cid, n), JUDGES[(n * per_entry + k) % len(JUDGES)],
                                     "2025-06-01T00:00:00Z", 1, "sekretariat-kipp", title=f"Inovasi {n}")
                scored = cid != CURRENT or (stage == "evaluasi" and n % 10 < 7)
                docs.append({**doc, "status": "scored" if scored else "pending"})
    return docs


def revisions(scored: list[dict]) -> list[dict]:
    """Each scored assignment's revisions: one, and a second for every fourth."""
    docs, given = [], {c["key"]: 80 for c in DEFINITION["criteria"]}
    for n, assignment in enumerate(scored):
        first = new_revision(DEFINITION, assignment, None, given, "", assignment["judge_id"], "2025-06-01T00:00:00Z")
        docs.append(first)
        if n % 4 == 0:
            docs.append(new_revision(DEFINITION, assignment, first, given, "revisi", assignment["judge_id"],
                                     "2025-06-02T00:00:00Z"))
    return docs


def panel_history() -> list[dict]:
    """Seventy competitions' panels (a desk and an interview panel of 150 judges each), a few released."""
    docs = []
    for n in range(70):
        cid = YEARS[n] if n < len(YEARS) else f"plans-old-{n}"
        for stage in ("evaluasi", "wawancara"):
            for k, judge in enumerate(JUDGES):
                docs.append({"_id": f"{cid}:{stage}:{judge.id}", "competition_id": cid, "stage": stage,
                             "judge_id": judge.id, "status": "released" if k % 25 == 0 else "appointed"})
    return docs


@pytest.fixture(scope="module")
def review_db(stack):
    """review's database with its declared indexes, ten years of work and a small competition."""
    with planned_database(stack.mongo_uri, "review") as (db, filters):
        Store(db).ensure_indexes()
        work = [a for cid in YEARS for a in assignments(cid)]
        insert(db["entries"], [e for cid in YEARS for e in entries(cid, SUBMITTED)] + entries(SMALL, 150))
        insert(db["assignments"], work)
        insert(db["scores"], revisions([a for a in work if a["status"] == "scored"]))
        insert(db["processed_events"], ({"_id": str(uuid.uuid4()), "type": "kipp.entry.submitted",
                                         "at": datetime.now(timezone.utc)} for _ in range(MIN_DOCUMENTS)))
        insert(db["audit"], (audit.record("screening", cid, ADMIN, None, None, stage="administrasi",
                                          entry_id=entry_id(cid, n), decision="eligible")
                             for cid in YEARS for n in range(SUBMITTED)))
        insert(db["panels"], panel_history())
        insert(db["reminders"], ({"_id": f"r{n}", "competition_id": f"plans-{n % 400}", "stage": "evaluasi",
                                  "judge_id": JUDGES[n % 150].id, "reminded_at": "2025-06-01T00:00:00Z"}
                                 for n in range(MIN_DOCUMENTS)))
        insert(db["jobs"], ({"_id": f"job{n}", "competition_id": f"plans-{n % 400}", "kind": "screening",
                             "stage": "administrasi", "created_at": datetime.now(timezone.utc), "status": "done"}
                            for n in range(MIN_DOCUMENTS)))
        ready(db, filters)
        yield Store(db), db, filters


def test_a_judges_list_and_an_assignment_with_its_scores_come_from_an_index(review_db):
    store, db, filters = review_db
    mine = store.assignments.of_judge("judge-007", {})
    assert len(mine) < 200 and {a["competition_id"] for a in mine} == set(YEARS)
    assert store.assignments.of_judge("judge-007", {"competition_id": CURRENT, "stage": "evaluasi"})
    aid = mine[0]["_id"]
    assert store.assignments.get(aid)["judge_id"] == "judge-007"
    assert store.assignments.history(aid) and store.assignments.latest(aid)
    store.assignments.mark_scored(mine[0], {"revision": 9, "total": 80.0, "scored_at": "2025-06-03T00:00:00Z"})
    assert assert_each_indexed(db, filters, ("assignments", "scores")) >= 6


def test_an_entrys_work_and_a_small_stage_come_from_an_index(review_db):
    store, db, filters = review_db
    assert store.assignments.withdraw_entry(entry_id(CURRENT, 599)) == 3  # pending desk evaluations
    interview = store.assignments.of_stage(CURRENT, "wawancara")
    assert len(interview) == INTERVIEWED * 5
    store.assignments.counts({"competition_id": CURRENT, "stage": "wawancara"})
    store.assignments.page({"competition_id": CURRENT, "stage": "wawancara", "status": {"$in": ["pending"]}}, 51)
    store.assignments.cancel_leftovers(CURRENT, "wawancara", 2, set())
    assert store.assignments.latest_of_stage(YEARS[-2], "wawancara")
    assert assert_each_indexed(db, filters, ("assignments", "scores")) >= 6


def test_entries_processed_events_and_the_audit_trail_come_from_an_index(review_db):
    store, db, filters = review_db
    assert store.get_entry(entry_id(CURRENT, 7))["title"] == "Inovasi 7"
    assert len(store.competition_entries(SMALL, "submitted")) == 150
    assert set(store.entries_by_id(SMALL, [entry_id(SMALL, 3), entry_id(CURRENT, 3)])) == {entry_id(SMALL, 3)}
    assert not already_processed(db, str(uuid.uuid4()))
    store.list_audit(SMALL, 50)
    assert assert_each_indexed(db, filters, ("entries", "processed_events", "audit")) >= 5


def test_panels_reminders_and_the_consoles_jobs_come_from_an_index(review_db):
    store, db, filters = review_db
    assert len(store.panels.of_stage(CURRENT, "wawancara")) == len(JUDGES)
    assert len(store.panels.of_judge("judge-007")) == 140
    assert store.panels.reminders_of("plans-7", "evaluasi")
    assert store.jobs.latest("plans-7", "screening", "administrasi")["kind"] == "screening"
    assert store.jobs.get("job7")["competition_id"] == "plans-7"
    assert assert_each_indexed(db, filters, ("panels", "reminders", "jobs")) >= 5
