"""Checkpoints against the real store: read back whole, one chunk at a time, and never half of a dropped one."""
from __future__ import annotations

import pytest

from services.reporting.adapters.store import CheckpointGone, Store
from tests.factories import uid


@pytest.fixture
def store(mongo, namespace):
    name = f"{namespace}_ckpt_{uid('')[-6:]}"
    yield Store(mongo[name])
    mongo.drop_database(name)


def rows(count: int, filler: int = 100) -> list[dict]:
    return [{"_id": f"e-{n:06d}", "competition_id": "c-1", "title": f"Inovasi {n} " + "x" * filler,
             "agg": {"evaluasi": {"total_sum": float(n), "done": 3}}} for n in range(count)]


def test_a_checkpoint_larger_than_one_wire_message_reads_back_whole(store):
    # 5 chunks of ~12 MB: together past the 48 MB a single reply may carry.
    written = rows(5_000, filler=12_000)
    store.save_checkpoint("c-1", 42, iter(written), chunk_rows=1_000)
    seq, found = store.checkpoint("c-1")
    assert seq == 42
    assert list(found) == written


def test_a_checkpoint_dropped_while_it_is_read_is_reported_not_half_used(store):
    store.save_checkpoint("c-1", 1, iter(rows(30)), chunk_rows=10)
    seq, found = store.checkpoint("c-1")
    assert next(found)["_id"] == "e-000000"
    store.save_checkpoint("c-1", 2, iter(rows(30)), chunk_rows=10)  # drops the first one
    with pytest.raises(CheckpointGone):
        list(found)
    assert store.checkpoint("c-1")[0] == 2
    assert store.checkpoint("c-2") is None
