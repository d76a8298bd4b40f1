"""The worker's unit of work: events merge into cached documents; `flush` writes them once.

One poll's records form a batch: each touched entry is read once, every event of the
batch is merged into it in memory, and `flush` writes the changed ones once, then
announces every touched row in the change log. Announcing after writing means a web
process that reads the log never gets ahead of the documents; announcing touched rows, not
only changed ones, means a crash between writing and announcing is repaired when the
batch is redelivered (its events then merge to "no change", but their rows are announced).
"""
from __future__ import annotations

from typing import Callable

from services.reporting.adapters.store import Store, row_of


class Batch:
    def __init__(self, store: Callable[[], Store]):
        self._store_of = store
        self._reset()

    def _reset(self) -> None:
        self.store: Store | None = None
        self.entries: dict[str, dict | None] = {}
        self.competitions: dict[str, dict | None] = {}
        self.changed: set[str] = set()
        self.new: set[str] = set()  # entries that had no document when this batch read them
        self.changed_competitions: set[str] = set()

    def _current(self) -> Store:
        if self.store is None:
            self.store = self._store_of()  # resolved once per batch: a rebuild swap lands between batches
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
        """Write what changed, then announce what was touched; returns how many documents were written.
        Safe to repeat after a failure (every write is a whole-document upsert)."""
        if not self.entries and not self.competitions:
            self._reset()
            return 0
        store = self._current()
        for competition_id in sorted(self.changed_competitions):
            store.save_competition(self.competitions[competition_id])
        for entry_id in sorted(self.changed):
            store.save_entry(self.entries[entry_id], new=entry_id in self.new)
        store.append_change([row_of(doc) for _, doc in sorted(self.entries.items()) if doc is not None],
                            sorted(c for c, doc in self.competitions.items() if doc is not None))
        written = len(self.changed) + len(self.changed_competitions)
        self._reset()
        return written
