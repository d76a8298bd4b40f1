"""What a web process holds in memory: each asked-for competition's rows, kept fresh from the change log.

A competition is loaded once — from its newest checkpoint (a few binary documents) plus
the changes since, or, without one, by scanning the entry buckets (slow on FerretDB:
~1.5 ms per entry), after which this process writes a checkpoint for the next one. The
load runs in a background thread; a request waits up to `wait_seconds` and then answers
503 with Retry-After. After that every request reads the change log's head (one `_id`
lookup) and applies the changes it has not seen; a stage is re-ranked in memory only when
one of its rows changed (domain/standings.py).
"""
from __future__ import annotations

import logging
import threading
import time

from shared.errors import NotFound
from services.reporting.adapters.store import Catalog, CheckpointGone, Store
from services.reporting.adapters.views import CompetitionView, Loader, Loading, Ranked
from services.reporting.domain import competitions, rankings, summary
from services.reporting.domain.rows import Row
from services.reporting.domain.standings import rank_stage

__all__ = ["Loading", "Snapshots"]
log = logging.getLogger(__name__)
MAX_CATCH_UP = 1000  # changes (the store keeps 1,024); beyond this a fresh load is cheaper than replaying
CHECKPOINT_AFTER = 300  # changes applied to a competition before this process writes it a new checkpoint
HOLE_SECONDS = 5.0  # a sequence number taken by a worker that died before writing its change


def _rows_as_of(store: Store, competition_id: str, head: int) -> tuple[int, dict, bool]:
    """A competition's rows and the change number they are as of: from its checkpoint when there is
    a recent one (True), else by scanning the entry buckets (False). Rows are built as they are read."""
    found = store.checkpoint(competition_id)
    if found is not None and head - found[0] <= MAX_CATCH_UP:
        try:
            return found[0], {row["_id"]: Row(row) for row in found[1]}, True
        except CheckpointGone:
            pass
    return head, {row["_id"]: Row(row) for row in store.rows(competition_id)}, False


class Snapshots:
    """Competitions as of the change log's head, shared by the threads of one web process."""

    def __init__(self, catalog: Catalog, wait_seconds: float = 20.0):
        self.catalog = catalog
        self.wait_seconds = wait_seconds  # below gunicorn's timeout; a longer load answers 503 meanwhile
        self._lock = threading.RLock()
        self._database = None
        self._seq = 0
        self._views: dict[str, CompetitionView] = {}
        self._loading: dict[str, Loader] = {}
        self._hole_since = None

    def view(self, competition_id: str) -> CompetitionView:
        """The competition, current as of now; NotFound if reporting never heard of it, Loading meanwhile."""
        with self._lock:
            store = self._refresh()
            if competition_id in self._views:
                self._checkpoint_if_due(store, competition_id, self._views[competition_id])
                return self._views[competition_id]
            loader = self._loading.get(competition_id)
            if loader is None:
                loader = self._loading[competition_id] = Loader()
                threading.Thread(target=self._load, args=(store, competition_id, loader), daemon=True).start()
        if not loader.done.wait(self.wait_seconds):
            raise Loading(f"competition {competition_id} is being loaded")
        if loader.error is not None:
            raise loader.error
        with self._lock:
            found = self._views.get(competition_id)
        if found is None:
            raise NotFound(f"competition {competition_id} not found")
        return found

    def ranked(self, competition_id: str, stage: str | None) -> tuple[CompetitionView, Ranked]:
        """A stage's ranking (the first scored stage by default); Invalid for a stage that is not scored."""
        view = self.view(competition_id)
        return view, self.ranking(view, stage)

    def ranking(self, view: CompetitionView, stage: str | None) -> Ranked:
        """`ranked` for a view already in hand (one request reads the change log once, not once per stage)."""
        stage = rankings.chosen_stage(view.definition, stage)
        with self._lock:
            return view.cached(("ranking", stage), lambda: self._rank(view, stage))

    def summary(self, competition_id: str) -> dict:
        return self.summary_of(self.view(competition_id))

    def summary_of(self, view: CompetitionView) -> dict:
        with self._lock:
            return view.cached("summary", lambda: summary.summarise(view.doc, view.rows))

    def _rank(self, view: CompetitionView, stage: str) -> Ranked:
        definition = view.definition
        first = (competitions.scored_stages(definition) or [None])[0]
        board = rank_stage(rankings.members(view.rows, stage, first), definition.get("normalization", "zscore"),
                           competitions.top_criterion(definition))
        return Ranked(stage, board, view.lend_rows())

    def _load(self, store: Store, competition_id: str, loader: Loader) -> None:
        """Load the competition (a background thread), then install it with the changes made meanwhile."""
        try:
            head, doc = store.head(), store.competition(competition_id)
            base, rows, from_checkpoint = _rows_as_of(store, competition_id, head) if doc else (head, {}, False)
            with self._lock:
                if doc is not None and store.name == self._database:
                    view = self._views[competition_id] = CompetitionView(doc, rows)
                    for seq in range(base + 1, self._seq + 1):  # changes since the checkpoint, or during the scan
                        self._apply(store, store.change(seq) or {}, only=view)
                    view.changes_since_checkpoint = self._seq - base if from_checkpoint else CHECKPOINT_AFTER
        except Exception as exc:  # the request waiting for it answers for it (503 when the store is down)
            loader.error = exc
        finally:
            with self._lock:
                self._loading.pop(competition_id, None)
            loader.done.set()

    def _checkpoint_if_due(self, store: Store, competition_id: str, view: CompetitionView) -> None:
        """Write a new checkpoint from this view in the background when enough changed since the last one."""
        if view.checkpointing or view.changes_since_checkpoint < CHECKPOINT_AFTER:
            return
        view.checkpointing, seq, rows = True, self._seq, view.lend_rows()

        def write():
            try:
                store.save_checkpoint(competition_id, seq, (row.to_doc(competition_id) for row in rows.values()))
                view.changes_since_checkpoint = max(0, view.changes_since_checkpoint - CHECKPOINT_AFTER)
            except Exception:  # a checkpoint only saves time; the next due one tries again
                log.exception("writing the checkpoint of %s failed", competition_id)
            finally:
                view.checkpointing = False
        threading.Thread(target=write, daemon=True).start()

    def _refresh(self) -> Store:
        """Follow a swap to a rebuilt read model, then apply the changes not seen yet."""
        store = self.catalog.current()
        head = store.head()
        if store.name != self._database or head - self._seq > MAX_CATCH_UP:
            self._reset(store, head)
        while self._seq < head:
            change = store.change(self._seq + 1)
            if change is None:
                self._wait_for_hole(store, head)
                break
            self._apply(store, change)
            self._seq, self._hole_since = self._seq + 1, None
        return store

    def _apply(self, store: Store, change: dict, only: CompetitionView | None = None) -> None:
        for competition_id in change.get("competitions") or []:
            view = self._views.get(competition_id)
            if view is not None and only in (None, view):
                view.doc = store.competition(competition_id) or view.doc
                view.version += 1
        touched = set()
        for row in change.get("rows") or []:
            view = self._views.get(row.get("competition_id"))
            if view is not None and only in (None, view):
                view.put(row)
                touched.add(id(view))
        for view in self._views.values():
            view.changes_since_checkpoint += id(view) in touched

    def _wait_for_hole(self, store: Store, head: int) -> None:
        """A change that never arrives (its writer died) makes the views unreliable: reload them."""
        self._hole_since = self._hole_since or time.monotonic()
        if time.monotonic() - self._hole_since > HOLE_SECONDS:
            self._reset(store, head)

    def _reset(self, store: Store, head: int) -> None:
        self._database, self._views, self._hole_since, self._seq = store.name, {}, None, head
