"""A web process's snapshots follow the change log, rebuild swaps and lost changes (fake store)."""
from __future__ import annotations

import time

import pytest

from shared.errors import NotFound
from services.reporting.adapters import snapshots as snap
from services.reporting.adapters.batch import Batch
from services.reporting.adapters.store import row_of
from tests.support.poll import eventually
from tests.unit.reporting import events as ev

DEFINITION = {"id": ev.CID, "name": "KIPP", "criteria": [{"key": "a", "weight": 1}],
              "stages": [{"key": "evaluasi", "kind": "scored"}], "normalization": "none"}


class FakeStore:
    """The Store's interface over dicts, with a counter of full scans."""

    def __init__(self, name="db1"):
        self.name, self.entries, self.comps, self.changes, self.seq, self.scans = name, {}, {}, {}, 0, 0
        self.checkpoints = {}

    def checkpoint(self, cid):
        return self.checkpoints.get(cid)

    def save_checkpoint(self, cid, seq, rows):
        self.checkpoints[cid] = (seq, list(rows))

    def entry(self, entry_id):
        return self.entries.get(entry_id)

    def save_entry(self, doc, new=False):
        self.entries[doc["_id"]] = doc

    def rows(self, cid):
        self.scans += 1
        return [row_of(d) for d in self.entries.values() if d.get("competition_id") == cid]

    def competition(self, cid):
        return self.comps.get(cid)

    def save_competition(self, doc):
        self.comps[doc["_id"]] = doc

    def head(self):
        return self.seq

    def append_change(self, rows, competitions):
        self.seq += 1
        self.changes[self.seq] = {"_id": self.seq, "rows": rows, "competitions": competitions}
        return self.seq

    def change(self, seq):
        return self.changes.get(seq)


class FakeCatalog:
    def __init__(self, store):
        self.store = store

    def current(self):
        return self.store


def publish(store, *events):
    """What the worker does: merge the events in a batch, then flush it."""
    from services.reporting import handlers
    batch = Batch(lambda: store)
    for event in events:
        handlers.on_event(batch, event)
    batch.flush()


@pytest.fixture
def store():
    found = FakeStore()
    publish(found, ev.published(DEFINITION))
    publish(found, ev.submitted("e1"), ev.assigned("e1", "j1"), ev.scored("e1", "j1", {"a": 60}, 60.0))
    return found


def scores(snapshots):
    _, ranked = snapshots.ranked(ev.CID, None)
    return [(s.entry_id, s.score) for s in ranked.board.ordered]


def test_a_competition_is_loaded_once_then_follows_the_change_log(store):
    snapshots = snap.Snapshots(FakeCatalog(store))
    assert scores(snapshots) == [("e1", 60.0)]
    publish(store, ev.submitted("e2"), ev.assigned("e2", "j1"), ev.scored("e2", "j1", {"a": 90}, 90.0))
    publish(store, ev.scored("e1", "j1", {"a": 95}, 95.0, revision=2))
    assert scores(snapshots) == [("e1", 95.0), ("e2", 90.0)]
    assert store.scans == 1


def test_a_ranking_already_handed_out_does_not_change_under_its_reader(store):
    snapshots = snap.Snapshots(FakeCatalog(store))
    _, before = snapshots.ranked(ev.CID, None)
    publish(store, ev.scored("e1", "j1", {"a": 10}, 10.0, revision=2))
    _, after = snapshots.ranked(ev.CID, None)
    assert before.rows["e1"].marks("evaluasi").total_sum == 60.0 and before.board.ordered[0].score == 60.0
    assert after.rows["e1"].marks("evaluasi").total_sum == 10.0


def test_a_lost_change_or_a_swap_reloads_and_an_unknown_competition_is_not_found(store, monkeypatch):
    catalog = FakeCatalog(store)
    snapshots = snap.Snapshots(catalog)
    scores(snapshots)
    publish(store, ev.scored("e1", "j1", {"a": 70}, 70.0, revision=2))
    del store.changes[store.seq]  # a worker died between taking the number and writing the change
    monkeypatch.setattr(snap, "HOLE_SECONDS", 0.0)
    scores(snapshots)
    assert scores(snapshots) == [("e1", 70.0)] and store.scans == 2
    rebuilt = FakeStore("db2")
    rebuilt.comps, rebuilt.entries = dict(store.comps), dict(store.entries)
    catalog.store = rebuilt
    assert scores(snapshots) == [("e1", 70.0)] and rebuilt.scans == 1
    with pytest.raises(NotFound):
        snapshots.view("no-such-competition")


def test_a_slow_first_load_answers_loading_until_it_is_done(store):
    class SlowStore(FakeStore):
        def rows(self, cid):
            time.sleep(0.3)
            return super().rows(cid)
    slow = SlowStore()
    slow.comps, slow.entries, slow.seq, slow.changes = store.comps, store.entries, store.seq, store.changes
    snapshots = snap.Snapshots(FakeCatalog(slow), wait_seconds=0.05)
    with pytest.raises(snap.Loading):
        snapshots.view(ev.CID)
    publish(slow, ev.scored("e1", "j1", {"a": 75}, 75.0, revision=2))  # while it loads
    snapshots.wait_seconds = 5
    assert scores(snapshots) == [("e1", 75.0)] and slow.scans == 1


def test_a_checkpoint_written_after_a_scan_spares_the_next_process_the_scan(store, monkeypatch):
    monkeypatch.setattr(snap, "CHECKPOINT_AFTER", 2)
    first = snap.Snapshots(FakeCatalog(store))
    scores(first)
    scores(first)  # the second request finds the checkpoint due and writes it
    eventually(lambda: ev.CID in store.checkpoints, timeout=5, what="a checkpoint")
    publish(store, ev.scored("e1", "j1", {"a": 88}, 88.0, revision=2))
    second = snap.Snapshots(FakeCatalog(store))
    assert scores(second) == [("e1", 88.0)] and store.scans == 1
    assert store.checkpoints[ev.CID][1][0]["agg"]["evaluasi"]["total_sum"] == 60.0  # as of its sequence number
