"""What a web process holds in memory: each asked-for competition's table, kept fresh batch by batch.

A competition is loaded once, in a background thread, by reading its rows (`{competition_id}`);
a request waits up to `wait_seconds` and then answers 503 with Retry-After. After that, every
request reads the competition's head (one `_id` lookup): for each batch number taken since,
it reads the batch's marker (`_id`) and, once the marker is there, the batch's rows
(`{competition_id, batch}`), and puts them into the table. A stage is re-ranked (in memory,
by shared.scoring over the table's columns) only when the table changed.

Why this and not a change log: the rows themselves carry the batch that wrote them, so the
store holds nothing but the read model and a marker per batch, and a web process asks only
indexed equality questions. A batch number taken by a worker that died before its marker
stays pending (its entries' events are redelivered and written again under a new number).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from shared.errors import NotFound
from services.reporting.adapters.memory import give_back
from services.reporting.adapters.store import MARKERS_KEPT, Catalog, Store
from services.reporting.domain.errors import Loading
from services.reporting.domain import rankings, summary
from services.reporting.domain.rankings import Ranked
from services.reporting.domain.rows import parse_many
from services.reporting.domain.table import Table
from services.reporting.domain.views import CompetitionView

__all__ = ["Loading", "Snapshots"]
IN_FLIGHT = 16  # batches a worker (or a few) may still be writing when a competition is loaded
PENDING_SECONDS = 300.0  # a batch number unmarked this long was taken by a worker that died


@dataclass
class Loader:
    """A competition being loaded by a background thread; requests wait on `done`."""

    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None


def put_rows(table: Table, documents, chunk: int = 2000) -> int:
    """Put row documents into the table, a chunk at a time; how many."""
    count, found = 0, []
    for document in documents:
        found.append(document)
        if len(found) == chunk:
            table.extend(parse_many(found))
            count, found = count + len(found), []
    table.extend(parse_many(found))
    return count + len(found)


def load(store: Store, competition_id: str) -> CompetitionView | None:
    """A competition's view as of its head when the load began (None if reporting never heard of it).
    Batches still being written then stay pending, so their rows are read again once marked."""
    head, doc = store.head(competition_id), store.competition(competition_id)
    if doc is None:
        return None
    table = Table()
    put_rows(table, store.rows(competition_id))
    now = time.monotonic()
    pending = {b: now for b in range(max(1, head - IN_FLIGHT + 1), head + 1) if store.marker(competition_id, b) is None}
    return CompetitionView(doc, table, store.name, seen=head, pending=pending)


def follow(store: Store, view: CompetitionView) -> bool:
    """Apply the batches finished since the view was last brought up to date; False when it is too far
    behind to catch up (load it again)."""
    competition_id, head, now = view.doc["_id"], store.head(view.doc["_id"]), time.monotonic()
    if head - view.seen > MARKERS_KEPT:
        return False
    for batch in sorted(view.pending) + list(range(view.seen + 1, head + 1)):
        marker = store.marker(competition_id, batch)
        if marker is None:
            view.pending.setdefault(batch, now)
            continue
        view.pending.pop(batch, None)
        if marker.get("competition"):
            view.doc = store.competition(competition_id) or view.doc
            view.version += 1
        if marker.get("rows"):
            put_rows(view.writable_table(), store.rows_of_batch(competition_id, batch))
    view.seen = max(view.seen, head)
    view.pending = {b: since for b, since in view.pending.items() if now - since < PENDING_SECONDS}
    return True


class Snapshots:
    """Competitions as of their latest finished batches, shared by the threads of one web process."""

    def __init__(self, catalog: Catalog, wait_seconds: float = 20.0):
        self.catalog = catalog
        self.wait_seconds = wait_seconds  # below gunicorn's timeout; a longer load answers 503 meanwhile
        self._lock = threading.RLock()
        self._database = None
        self._views: dict[str, CompetitionView] = {}
        self._loading: dict[str, Loader] = {}

    def view(self, competition_id: str) -> CompetitionView:
        """The competition, current as of now; NotFound if reporting never heard of it, Loading meanwhile."""
        with self._lock:
            store = self.catalog.current()
            if store.name != self._database:  # a rebuilt read model was swapped in: start again from it
                self._database, self._views = store.name, {}
            found = self._views.get(competition_id)
            if found is not None and follow(store, found):
                return found
            self._views.pop(competition_id, None)
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
        """`ranked` for a view already in hand (one request follows the batches once, not once per stage)."""
        stage = rankings.chosen_stage(view.definition, stage)
        def rank() -> Ranked:
            found = rankings.rank(view.lend_table(), view.definition, stage)
            give_back()
            return found
        with self._lock:
            return view.cached(("ranking", stage), rank)

    def summary(self, competition_id: str) -> dict:
        return self.summary_of(self.view(competition_id))

    def summary_of(self, view: CompetitionView) -> dict:
        with self._lock:
            return view.cached("summary", lambda: summary.summarise(view.doc, view.table))

    def _load(self, store: Store, competition_id: str, loader: Loader) -> None:
        """Load the competition (a background thread), then bring it up to date and install it."""
        try:
            view = load(store, competition_id)
            with self._lock:
                if view is not None and store.name == self._database:
                    follow(store, view)
                    self._views[competition_id] = view
            give_back()
        except Exception as exc:  # the request waiting for it answers for it (503 when the store is down)
            loader.error = exc
        finally:
            with self._lock:
                self._loading.pop(competition_id, None)
            loader.done.set()
