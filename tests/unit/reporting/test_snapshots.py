"""A web process's snapshots follow the worker's batches, unfinished ones, rebuild swaps and long absences
(a fake store with the Store's interface; the real one is exercised by the integration tests)."""
from __future__ import annotations

import time

import pytest

from shared.errors import NotFound
from services.reporting.handlers import readmodel
from services.reporting.adapters import snapshots as snap
from services.reporting.adapters.batch import Batch
from services.reporting.adapters.store import MARKERS_KEPT, marker_id
from services.reporting.domain import pages
from tests.unit.reporting import events as ev

DEFINITION = {"id": ev.CID, "name": "KIPP", "criteria": [{"key": "a", "weight": 1}],
              "stages": [{"key": "evaluasi", "kind": "scored"}], "normalization": "none"}


class FakeStore:
    """The Store's interface over dicts, counting the full loads of a competition."""

    def __init__(self, name="db1"):
        self.name, self.entries, self.row_docs, self.comps = name, {}, {}, {}
        self.heads, self.markers, self.loads = {}, {}, 0
        self.hold = False  # write batches but leave them unmarked, as a worker does while it writes

    def declare_indexes(self):
        pass

    def entry(self, entry_id):
        return self.entries.get(entry_id)

    def save_entries(self, docs, new):
        self.entries.update({doc["_id"]: doc for doc in docs})

    def save_rows(self, rows, new):
        self.row_docs.update({row["_id"]: row for row in rows})

    def competition(self, cid):
        return self.comps.get(cid)

    def competitions(self):
        return list(self.comps.values())

    def save_competition(self, doc):
        self.comps[doc["_id"]] = doc

    def next_batch(self, cid):
        self.heads[cid] = self.heads.get(cid, 0) + 1
        return self.heads[cid]

    def finish_batch(self, cid, batch, rows, competition_changed):
        if not self.hold:
            self.markers[marker_id(cid, batch)] = {"rows": rows, "competition": competition_changed}

    def head(self, cid):
        return self.heads.get(cid, 0)

    def marker(self, cid, batch):
        return self.markers.get(marker_id(cid, batch))

    def rows(self, cid):
        self.loads += 1
        return [row for row in self.row_docs.values() if row["competition_id"] == cid]

    def rows_of_batch(self, cid, batch):
        return [row for row in self.row_docs.values() if row["competition_id"] == cid and row["batch"] == batch]


class FakeCatalog:
    def __init__(self, store):
        self.store = store

    def current(self):
        return self.store


def publish(store, *events):
    """What the worker does: merge the events in a batch, then flush it."""
    batch = Batch(lambda: store)
    for event in events:
        readmodel.on_event(batch, event)
    batch.flush()


@pytest.fixture
def store():
    found = FakeStore()
    publish(found, ev.published(DEFINITION))
    publish(found, ev.submitted("e1"), ev.assigned("e1", "j1"), ev.scored("e1", "j1", {"a": 60}, 60.0))
    return found


def scores(snapshots):
    _, ranked = snapshots.ranked(ev.CID, None)
    return [(row["entry_id"], row["score"]) for row in pages.every_row(ranked, {})]


def test_a_competition_is_loaded_once_then_follows_the_batches(store):
    snapshots = snap.Snapshots(FakeCatalog(store))
    assert scores(snapshots) == [("e1", 60.0)]
    publish(store, ev.submitted("e2"), ev.assigned("e2", "j1"), ev.scored("e2", "j1", {"a": 90}, 90.0))
    publish(store, ev.scored("e1", "j1", {"a": 95}, 95.0, revision=2))
    assert scores(snapshots) == [("e1", 95.0), ("e2", 90.0)]
    publish(store, ev.stage_closed("evaluasi"))
    assert snapshots.view(ev.CID).doc["closed"] == {"evaluasi": "2026-04-30T10:00:00Z"}
    assert store.loads == 1


def test_a_ranking_already_handed_out_does_not_change_under_its_reader(store):
    snapshots = snap.Snapshots(FakeCatalog(store))
    _, before = snapshots.ranked(ev.CID, None)
    publish(store, ev.scored("e1", "j1", {"a": 10}, 10.0, revision=2))
    _, after = snapshots.ranked(ev.CID, None)
    assert before.standing(0).score == 60.0 and after.standing(0).score == 10.0


def test_a_batch_is_read_once_marked_and_an_unmarked_one_holds_back_nothing_after_it(store):
    snapshots = snap.Snapshots(FakeCatalog(store))
    scores(snapshots)
    store.hold = True
    publish(store, ev.scored("e1", "j1", {"a": 70}, 70.0, revision=2))  # being written: no marker yet
    store.hold = False
    assert scores(snapshots) == [("e1", 60.0)]
    publish(store, ev.submitted("e2"), ev.assigned("e2", "j1"), ev.scored("e2", "j1", {"a": 80}, 80.0))
    assert scores(snapshots) == [("e2", 80.0), ("e1", 60.0)]
    store.markers[marker_id(ev.CID, 3)] = {"rows": 1, "competition": False}  # the slow batch finishes
    assert scores(snapshots) == [("e2", 80.0), ("e1", 70.0)] and store.loads == 1


def test_a_load_reads_again_the_batches_still_being_written_while_it_scanned(store):
    before = store.row_docs["e1"]
    store.hold = True
    publish(store, ev.scored("e1", "j1", {"a": 75}, 75.0, revision=2))  # batch 3: numbered, not yet written
    store.hold = False
    written, store.row_docs["e1"] = store.row_docs["e1"], before
    snapshots = snap.Snapshots(FakeCatalog(store))
    assert scores(snapshots) == [("e1", 60.0)] and snapshots.view(ev.CID).pending.keys() == {3}
    store.row_docs["e1"] = written  # the worker writes the row, then the marker
    store.markers[marker_id(ev.CID, 3)] = {"rows": 1, "competition": False}
    assert scores(snapshots) == [("e1", 75.0)]


def test_a_swap_or_a_long_absence_reloads_and_an_unknown_competition_is_not_found(store, monkeypatch):
    catalog = FakeCatalog(store)
    snapshots = snap.Snapshots(catalog)
    scores(snapshots)
    store.heads[ev.CID] += MARKERS_KEPT + 1  # so many batches since that their markers are gone
    publish(store, ev.scored("e1", "j1", {"a": 65}, 65.0, revision=2))
    assert scores(snapshots) == [("e1", 65.0)] and store.loads == 2
    rebuilt = FakeStore("db2")
    rebuilt.comps, rebuilt.row_docs = dict(store.comps), dict(store.row_docs)
    catalog.store = rebuilt
    assert scores(snapshots) == [("e1", 65.0)] and rebuilt.loads == 1
    with pytest.raises(NotFound):
        snapshots.view("no-such-competition")


def test_a_slow_first_load_answers_loading_until_it_is_done(store):
    class SlowStore(FakeStore):
        def rows(self, cid):
            time.sleep(0.3)
            return super().rows(cid)
    slow = SlowStore()
    slow.__dict__.update({k: v for k, v in store.__dict__.items() if k != "name"})
    snapshots = snap.Snapshots(FakeCatalog(slow), wait_seconds=0.05)
    with pytest.raises(snap.Loading):
        snapshots.view(ev.CID)
    publish(slow, ev.scored("e1", "j1", {"a": 75}, 75.0, revision=2))  # while it loads
    snapshots.wait_seconds = 5
    assert scores(snapshots) == [("e1", 75.0)] and slow.loads == 1
