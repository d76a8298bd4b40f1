"""notify's frequent queries are answered from an index by PostgreSQL (through FerretDB).

notify's adapters run against a database of notify's shape with ≥ 20,000 documents per
collection and the indexes the worker declares; each filter they send is explained (plans.py).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from shared import regions
from services.notify.adapters.deliveries import Deliveries, stored
from services.notify.adapters.store import Store
from services.notify.domain.deliveries import query as log_query
from services.notify.domain.messages import new_delivery
from services.notify.domain.recipients import Recipient
from tests.integration.store.plans import MIN_DOCUMENTS, assert_each_indexed, insert, planned_database, ready

pytestmark = pytest.mark.integration

NOW = datetime.now(timezone.utc).replace(microsecond=0)
ENTRIES = 2_500  # a national year's entries, each mailed to ~8 recipients over the competition
PER_ENTRY = 9


def towns() -> list[str]:
    """Every kabupaten/kota code, for entries from all over the country."""
    return [r.code for p in regions.provinces() for r in regions.regencies(p.code)]


def delivery(n: int, places: list[str]) -> dict:
    """Delivery `n` as notify stores it; nearly all are long settled, as in a real year."""
    entry, town = f"entry-{n // PER_ENTRY:05d}", places[(n // PER_ENTRY) % len(places)]
    created = NOW - timedelta(minutes=n)
    doc = stored(new_delivery(f"event-{n}", "kipp.entry.submitted", "receipt", Recipient(f"r{n}@example.id", "R"),
                              {"title": f"Inovasi {n}"}, created, [entry], [town, regions.province_of(town)], "c"))
    if n % 100 == 1:  # still waiting: due now, a retry due later, or claimed by a sender
        doc.update(available_at=created + timedelta(hours=(n % 3) * 2), attempts=n % 3)
    elif n % 100 == 2:
        doc.update(status="failed", available_at=None, error="550 5.1.1 mailbox unavailable", attempts=1)
    else:
        doc.update(status="sent", available_at=None, smtp_reply="250 ok", sent_at=created, attempts=1)
        del doc["context"]
    return doc


@pytest.fixture(scope="module")
def notify_db(stack):
    """notify's database with its declared indexes and ≥ 20,000 documents in each collection read here."""
    with planned_database(stack.mongo_uri, "notify") as (db, filters):
        Deliveries(db).ensure_indexes()
        Store(db).ensure_indexes()
        places = towns()
        insert(db["deliveries"], (delivery(n, places) for n in range(max(MIN_DOCUMENTS, ENTRIES * PER_ENTRY))))
        # contacts, entry copies and parked events are few in a year; the planner only prefers
        # an index over a scan on a big table, so these hold synthetic rows to make them big
        insert(db["contacts"], ({"_id": f"x{n:05d}", "addresses": [f"c{n}@example.id"]} for n in range(MIN_DOCUMENTS)))
        insert(db["entries"], ({"_id": f"entry-{n:05d}", "revision": 1, "title": f"Inovasi {n}"}
                               for n in range(MIN_DOCUMENTS + 1)))  # one is released below
        insert(db["waiting"], ({"_id": f"parked-{n}", "entry_id": f"entry-{n % 5_000:05d}", "time": str(n),
                                "event": {"id": f"parked-{n}"}} for n in range(MIN_DOCUMENTS)))
        insert(db["held"], ({"_id": f"held-{n}", "competition_id": f"kipp-{n % 400}", "time": str(n),
                             "event": {"id": f"held-{n}"}, "entry": {"entry_id": f"entry-{n:05d}"}}
                            for n in range(MIN_DOCUMENTS + 1)))  # one is released below
        ready(db, filters)
        yield db, filters


def test_the_sender_finds_and_claims_due_work_from_an_index(notify_db):
    db, filters = notify_db
    deliveries = Deliveries(db)
    due = deliveries.due(NOW, 200)
    assert due, "the seeded queue has due deliveries"
    assert deliveries.claim(due[0], NOW, 120)["claim"]
    deliveries.backlog()
    assert assert_each_indexed(db, filters, ("deliveries",)) >= 3


def test_a_delivery_and_the_log_by_entry_region_and_status_come_from_an_index(notify_db):
    db, filters = notify_db
    deliveries = Deliveries(db)
    assert deliveries.get("no-such-delivery") is None
    for entry_id, region, status in (("entry-00042", None, None), (None, "73.71", None), (None, "73", "failed"),
                                     (None, None, "queued"), (None, None, "failed"), ("entry-00042", None, "sent")):
        first = deliveries.page(log_query(entry_id, region, status), 50, None)
        if first:  # the next page: the same filter with the keyset after the last row
            deliveries.page(log_query(entry_id, region, status), 50, (first[-1]["created_at"], first[-1]["_id"]))
    assert assert_each_indexed(db, filters, ("deliveries",)) >= 7


def test_contacts_entries_and_parked_events_come_from_an_index(notify_db):
    db, filters = notify_db
    store = Store(db)
    store.get_contacts("73.71")
    store.contacts_for(["x00007", "x00008"])
    assert store.get_entry("entry-00042")["title"] == "Inovasi 42"
    store.parked("entry-00042")
    assert assert_each_indexed(db, filters, ("contacts", "entries", "waiting")) >= 5


def test_mail_held_for_its_competition_is_found_and_released_from_an_index(notify_db):
    db, filters = notify_db
    store = Store(db)
    held = store.held_for("kipp-7")
    assert len(held) == MIN_DOCUMENTS // 400
    store.unhold(held[0][0]["id"])
    assert assert_each_indexed(db, filters, ("held",)) >= 2
