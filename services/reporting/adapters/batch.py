"""The worker's unit of work: events merge into cached documents; `flush` writes them once.

One poll's records form a batch: each touched entry is read once (by `_id`), every event of
the batch is merged into it in memory, and `flush`

1. takes a batch number for each competition touched (`heads`, an atomic `$inc`),
2. writes the changed entry documents and the competition documents,
3. writes the row of every touched entry, stamped with its competition's batch number,
4. writes one marker per competition saying that batch is complete.

A web process reads a batch's rows (`{competition_id, batch}`) only once its marker exists,
so it never sees half a batch. Rows of touched entries are written even when their
events changed nothing: a batch redelivered after a crash between steps 2 and 4 merges to
no change, and its rows then go out again under a new number. Every write is a
whole-document insert or replace, so repeating a flush after a failure is safe.
"""
from __future__ import annotations

from typing import Callable

from services.reporting.adapters.store import Store
from services.reporting.domain import rows


class Batch:
    def __init__(self, store: Callable[[], Store]):
        self._store_of = store
        self._declared: set[str] = set()
        self._reset()

    def _reset(self) -> None:
        self.store: Store | None = None
        self.entries: dict[str, dict | None] = {}
        self.competitions: dict[str, dict | None] = {}
        self.changed: set[str] = set()
        self.new: set[str] = set()  # entries that had no document when this batch read them
        self.changed_competitions: set[str] = set()
        self.numbers: dict[str, int] = {}

    def _current(self) -> Store:
        if self.store is None:
            self.store = self._store_of()  # resolved once per batch: a rebuild swap lands between batches
            if self.store.name not in self._declared:
                self.store.declare_indexes()
                self._declared.add(self.store.name)
        return self.store

    def change_entry(self, entry_id: str, merge: Callable[[dict | None], dict | None]) -> bool:
        """Merge into the entry's document; True when it changed."""
        return self._change(self.entries, self.changed, self._current().entry, entry_id, merge, self.new)

    def change_competition(self, competition_id: str, merge: Callable[[dict | None], dict | None]) -> bool:
        """Merge into the competition's document; True when it changed."""
        return self._change(self.competitions, self.changed_competitions, self._current().competition,
                            competition_id, merge)

    @staticmethod
    def _change(documents: dict, changed: set, read: Callable[[str], dict | None], ident: str,
                merge: Callable[[dict | None], dict | None], new: set | None = None) -> bool:
        """Read the document once per batch, merge into it, and note it changed (and whether it is new)."""
        if ident not in documents:
            documents[ident] = read(ident)
            if documents[ident] is None and new is not None:
                new.add(ident)
        merged = merge(documents[ident])
        if merged is None:
            return False
        documents[ident] = merged
        changed.add(ident)
        return True

    def flush(self) -> int:
        """Write what changed and the rows of what was touched, then mark the batches finished; returns
        how many documents changed. Safe to repeat after a failure (the repeat keeps the batch numbers)."""
        if not self.entries and not self.competitions:
            self._reset()
            return 0
        store = self._current()
        visible = {entry_id: doc for entry_id, doc in self.entries.items() if doc and doc.get("competition_id")}
        touched = sorted({doc["competition_id"] for doc in visible.values()} | self.changed_competitions)
        for competition_id in touched:
            if competition_id not in self.numbers:  # kept across a retried flush, so a retry reuses its numbers
                self.numbers[competition_id] = store.next_batch(competition_id)
        for competition_id in sorted(self.changed_competitions):
            store.save_competition(self.competitions[competition_id])
        store.save_entries([self.entries[e] for e in sorted(self.changed)], self.new)
        store.save_rows([rows.stored(doc, self.numbers[doc["competition_id"]]) for _, doc in sorted(visible.items())],
                        self.new)
        for competition_id in touched:
            count = sum(1 for doc in visible.values() if doc["competition_id"] == competition_id)
            store.finish_batch(competition_id, self.numbers[competition_id], count,
                               competition_id in self.changed_competitions)
        written = len(self.changed) + len(self.changed_competitions)
        self._reset()
        return written
