"""intake's frequent queries, and the outbox relay's, are answered from an index by PostgreSQL (through FerretDB).

intake's handlers and adapters run against a database of intake's shape, with the indexes its
worker declares and ≥ 20,000 documents in every collection they read; each filter they send is
explained (plans.py).
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

import pytest
from bson import ObjectId

from shared.mongo.indexes import ensure_indexes
from shared.auth.tokens import Principal
from shared.config import Settings
from shared.events import types
from shared.events.envelope import new_event
from shared.kafka.producer import EventPublisher, make_producer
from shared.mongo import idempotency, outbox
from shared.mongo.outbox import OutboxRelay
from services.intake.handlers import attachments, competitions as competition_handlers, entries as entry_handlers, outcomes as outcome_handlers
from services.intake.bootstrap import bootstrap
from services.intake.ports import Deps
from services.intake.domain import outcomes as domain_outcomes
from services.intake.domain.competitions import published_event
from services.intake.domain.errors import AgencyCap, DuplicateTitle
from tests import factories
from tests.integration.intake import dataset
from tests.integration.store.plans import MIN_DOCUMENTS, Filters, assert_each_indexed, insert, planned_database

pytestmark = [pytest.mark.integration, pytest.mark.timeout(900)]  # loading and explaining take minutes here

ENTRIES = 24_000  # the competition of the intake bench; its submitted ones hold ≥ 20,000 title claims
EARLIER_YEARS = 5  # agency slots of earlier competitions, to make that collection as big
ADMIN = Principal(sub="admin-1", role="admin", region=None)
MINISTRY = Principal(sub="ministry-1", role="ministry", region=None)
KOTA = Principal(sub="admin-73.71", role="region", region="73.71")
PROVINCE = Principal(sub="admin-73", role="region", region="73")
READ_COLLECTIONS = ("competitions", "entries", "outcomes", "publications", "screenings")
SUBMIT_COLLECTIONS = READ_COLLECTIONS + ("title_claims", "agency_slots", "idempotency_keys")
FILE_COLLECTIONS = ("entries", "attachments.files", "attachments.chunks")


@dataclass
class Plans:
    db: object
    deps: Deps
    cid: str
    docs: list[dict]
    sent: Filters

    def assert_each_indexed(self, collections: tuple[str, ...]) -> int:
        return assert_each_indexed(self.db, self.sent, collections)

    def entry(self, status: str, owner: str | None = None) -> dict:
        """A seeded entry of `status` (owned by `owner`), not used by an earlier test."""
        found = next(d for d in self.docs if d["status"] == status and owner in (None, d["owner_region"]))
        self.docs.remove(found)
        return found


@pytest.fixture(scope="module")
def plans(stack, namespace, keys_dir):
    """intake's database with its declared indexes, a competition of ENTRIES entries and their claims,
    and ≥ MIN_DOCUMENTS documents in every other collection read here."""
    with planned_database(stack.mongo_uri, "intake") as (db, sent):
        settings = Settings(service="intake", namespace=namespace, kafka_bootstrap_servers=stack.kafka,
                            mongo_uri=stack.mongo_uri, jwt_public_key_file=str(keys_dir / "jwt-public.pem"))
        deps = bootstrap(settings, db)
        ensure_indexes(deps)
        definition = factories.competition()
        deps.store.save_competition(definition, published_event(definition, "rid-plans"))
        docs = dataset.load(db, definition["id"], ENTRIES)
        fill_the_other_collections(deps, docs)
        sent.seen = []
        yield Plans(db, deps, definition["id"], docs, sent)


def fill_the_other_collections(deps: Deps, docs: list[dict]) -> None:
    """What a competition's life leaves besides its entries: earlier years' agency slots, review's outcomes
    of every submitted entry (and a screening kept from before outcomes), earlier years' publications, an
    idempotency key and an attachment per entry. Competitions are few, but the planner
    only prefers an index over a scan on a big table, so that collection holds synthetic rows."""
    db, now = deps.db, datetime.now(timezone.utc)
    for year in range(EARLIER_YEARS):
        earlier = dataset.entry_documents(f"kipp-{2018 + year}", MIN_DOCUMENTS // EARLIER_YEARS * dataset.PER_AGENCY)
        insert(deps.claims.agencies, dataset.claim_documents(earlier)[1])
    submitted = [d for d in docs if d["status"] == "submitted"]
    insert(deps.outcomes.legacy_screenings, [  # kept from before outcomes existed
        {"_id": d["_id"], "competition_id": d["competition_id"], "stage": "administrasi", "decision": "eligible",
         "reason": None} for d in submitted])
    insert(deps.outcomes.outcomes, [outcome for n, d in enumerate(submitted) for outcome in outcomes_of(d, n)])
    insert(deps.outcomes.publications, [
        {"_id": f"archive-{n:05d}|evaluasi", "competition_id": f"archive-{n:05d}", "stage": "evaluasi",
         "published_at": "2025-05-01T00:00:00.000000Z"} for n in range(MIN_DOCUMENTS)])
    insert(db[idempotency.COLLECTION], [
        {"_id": f"intake:entries:{d['created_by']}:{d['owner_region']}:/api/v1/competitions/{d['competition_id']}/entries:"
                f"{d['_id']}",
         "fingerprint": d["_id"], "status": 201, "response": {"id": d["_id"]}, "at": now} for d in docs])
    files = [{"_id": uuid.uuid4().hex, "length": 4096, "chunkSize": 261120, "uploadDate": now,
              "filename": "proposal.pdf", "metadata": {"entry_id": d["_id"]}} for d in docs]
    insert(db["attachments.files"], files)
    insert(db["attachments.chunks"], [{"_id": ObjectId(), "files_id": f["_id"], "n": 0,
                                                   "data": factories.pdf_bytes(64)} for f in files])
    insert(deps.store.competitions, [
        {"_id": f"archive-{n:05d}", "definition": {"id": f"archive-{n:05d}", "name": f"Arsip {n}"}, "outbox": [],
         "outbox_pending": False} for n in range(MIN_DOCUMENTS)])


def outcomes_of(entry: dict, n: int) -> list[dict]:
    """review's outcomes of a submitted entry: screened, and one in ten advanced from evaluasi."""
    events = [new_event(types.ENTRY_SCREENED, entry["_id"], {"entry_id": entry["_id"], "competition_id":
                        entry["competition_id"], "stage": "administrasi", "decision": "eligible", "reason": None},
                        "kipp/review")]
    if n % 10 == 0:
        events.append(new_event(types.ENTRY_ADVANCED, entry["_id"], {
            "entry_id": entry["_id"], "competition_id": entry["competition_id"], "stage": "evaluasi",
            "to_stage": "wawancara", "rank": n // 10 + 1, "score": 80.0, "reason": "rank"}, "kipp/review"))
    return [domain_outcomes.from_event(event, entry) for event in events]


def test_an_entry_and_each_callers_lists_come_from_an_index(plans):
    deps = plans.deps
    entry_handlers.read_entry(deps, plans.docs[7]["_id"], ADMIN)
    for principal, status in ((KOTA, None), (KOTA, "draft"), (PROVINCE, None), (PROVINCE, "submitted"),
                              (MINISTRY, None), (ADMIN, "submitted"), (ADMIN, "withdrawn")):
        items, last = entry_handlers.list_entries(deps, plans.cid, principal, status, None, 50)
        assert items, (principal, status)
        if last:  # and the next page, after the cursor
            entry_handlers.list_entries(deps, plans.cid, principal, status, last, 50)
    assert plans.assert_each_indexed(READ_COLLECTIONS) >= 15


def test_the_portals_reads_of_outcomes_come_from_an_index(plans):
    deps, definition = plans.deps, competition_handlers.get_competition(plans.deps, plans.cid)
    for principal in (KOTA, PROVINCE):
        assert outcome_handlers.latest_by_entry(deps, plans.cid, principal)
    assert outcome_handlers.shortlist(deps, plans.cid, "evaluasi")
    outcome_handlers.open_objection_windows(deps, definition, datetime.now(timezone.utc))
    entry_handlers.read_entry(deps, plans.entry("submitted")["_id"], ADMIN)
    assert plans.assert_each_indexed(("outcomes", "publications", "entries")) >= 5


def test_creating_submitting_refusing_and_withdrawing_come_from_an_index(plans):
    deps = plans.deps
    body = factories.entry("73.71", "kota")
    created = entry_handlers.create_entry(deps, plans.cid, dict(body), KOTA, "keyed-draft-" + factories.uid())
    submitted = entry_handlers.submit_entry(deps, created["id"], KOTA, "rid-plans")
    assert submitted["status"] == "submitted"
    copy = entry_handlers.create_entry(deps, plans.cid, factories.entry("73.71", "kota", title=created["title"]), KOTA)
    with pytest.raises(DuplicateTitle):
        entry_handlers.submit_entry(deps, copy["id"], KOTA, "rid-plans")
    with pytest.raises(AgencyCap):  # an agency whose slots are all held: every holder is looked at
        deps.claims.take_agency_slot(deps.store.get_entry(plans.entry("draft")["_id"]), 1)
    withdrawn = entry_handlers.withdraw_entry(deps, created["id"], "salah kirim", KOTA, "rid-plans")
    assert withdrawn["status"] == "withdrawn"
    assert plans.assert_each_indexed(SUBMIT_COLLECTIONS) >= 12


def test_attachments_come_from_an_index(plans):
    deps, draft = plans.deps, plans.entry("draft", "73.71")
    meta = attachments.add_attachment(deps, draft["_id"], KOTA, "proposal.pdf", factories.pdf_bytes(300_000))
    assert attachments.read_attachment(deps, draft["_id"], meta["id"], KOTA)[1] == factories.pdf_bytes(300_000)
    attachments.remove_attachment(deps, draft["_id"], meta["id"], KOTA)
    assert plans.assert_each_indexed(FILE_COLLECTIONS) >= 4


def test_the_outbox_relay_finds_pending_documents_from_an_index(plans, stack, namespace):
    deps = plans.deps
    entry_handlers.submit_entry(deps, plans.entry("draft", "73.71")["_id"], KOTA, "rid-plans")
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    try:
        for collection in (deps.store.entries, deps.store.competitions):
            assert outbox.backlog(collection) >= 1
            assert OutboxRelay(collection, publisher).relay_once() >= 1
            assert outbox.backlog(collection) == 0
    finally:
        publisher.close()
    assert plans.assert_each_indexed(("entries", "competitions")) >= 5
