"""shared.mongo.claims against the real store: of racing writers, exactly those the rule admits win."""
from __future__ import annotations

import threading

from shared.mongo.claims import CHANGED, CREATED, Lease, insert_once, upsert_where
from tests.factories import uid
from tests.support.poll import eventually


def race(count: int, work) -> list:
    """Run work(n) for n in range(count) from as many threads released at once; their results."""
    results, start = [None] * count, threading.Barrier(count)

    def one(n):
        start.wait()
        results[n] = work(n)
    threads = [threading.Thread(target=one, args=(n,)) for n in range(count)]
    [t.start() for t in threads]
    [t.join(60) for t in threads]
    return results


def test_of_racing_inserts_of_one_id_exactly_one_wins(mongo, namespace):
    collection = mongo[f"{namespace}_claims"][uid("once-")]
    won = race(20, lambda n: insert_once(collection, {"_id": "the-key", "by": n}))
    assert won.count(True) == 1
    assert collection.find_one({"_id": "the-key"})["by"] == won.index(True)


def test_of_racing_conditional_upserts_exactly_as_many_win_as_the_condition_admits(mongo, namespace):
    collection = mongo[f"{namespace}_claims"][uid("slots-")]
    won = race(20, lambda n: upsert_where(collection, {"_id": "agency", "count": {"$lt": 5}},
                                          {"$inc": {"count": 1}, "$set": {f"holds.h{n}": True}}))
    assert won.count(CREATED) == 1 and won.count(CHANGED) == 4 and won.count(None) == 15
    doc = collection.find_one({"_id": "agency"})
    assert doc["count"] == 5 and len(doc["holds"]) == 5


def test_a_lease_has_one_holder_and_passes_on_when_it_lapses_or_is_released(mongo, namespace):
    collection = mongo[f"{namespace}_claims"][uid("leases-")]
    first, second = Lease(collection, "relay", 0.6), Lease(collection, "relay", 0.6)
    assert first.held() and not second.held()
    eventually(second.held, timeout=5, what="the lease passing on once its holder stopped renewing it")
    assert not first.held()
    second.release()
    assert first.held()
