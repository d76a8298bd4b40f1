"""What reporting's handlers need from the world outside, as protocols; `bootstrap` wires the adapters that
keep them (adapters/), tests may wire others. Handlers import these, never an adapter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol

from pymongo.database import Database

from shared.config import Settings
from services.reporting.domain.rankings import Ranked
from services.reporting.domain.views import CompetitionView


class Batch(Protocol):
    """One poll's changes to the read model, merged in memory and written at once."""

    def change_competition(self, competition_id: str, merge: Callable[[dict | None], dict | None]) -> bool:
        """Merge into the competition's document; True when it changed."""

    def change_entry(self, entry_id: str, merge: Callable[[dict | None], dict | None]) -> bool:
        """Merge into the entry's document; True when it changed."""

    def flush(self) -> int:
        """Write what changed and the rows of what was touched, then mark the batches finished; returns
        how many documents changed. Safe to repeat after a failure (the repeat keeps the batch numbers)."""


class Snapshots(Protocol):
    """Competitions as of their latest finished batches, shared by the threads of one web process."""

    def ranked(self, competition_id: str, stage: str | None) -> tuple[CompetitionView, Ranked]:
        """A stage's ranking (the first scored stage by default); Invalid for a stage that is not scored."""

    def ranking(self, view: CompetitionView, stage: str | None) -> Ranked:
        """`ranked` for a view already in hand (one request follows the batches once, not once per stage)."""

    def summary(self, competition_id: str) -> dict: ...

    def summary_of(self, view: CompetitionView) -> dict: ...

    def view(self, competition_id: str) -> CompetitionView:
        """The competition, current as of now; NotFound if reporting never heard of it, Loading meanwhile."""


class Store(Protocol):
    """One read model."""

    def competition(self, competition_id: str) -> dict | None: ...

    def competitions(self) -> list[dict]: ...

    def declare_indexes(self) -> None:
        """The indexes the hot queries use (idempotent)."""

    def entry(self, entry_id: str) -> dict | None: ...

    def finish_batch(self, competition_id: str, batch: int, rows: int, competition_changed: bool) -> None:
        """Say the batch's documents are all written; forget the marker MARKERS_KEPT batches back."""

    def head(self, competition_id: str) -> int: ...

    def marker(self, competition_id: str, batch: int) -> dict | None: ...

    def next_batch(self, competition_id: str) -> int:
        """A new batch number for the competition (atomic: two workers never get the same one)."""

    def rows(self, competition_id: str):
        """Every row document of a competition (once per web process and competition)."""

    def rows_of_batch(self, competition_id: str, batch: int) -> list[dict]: ...

    def save_competition(self, doc: dict) -> None: ...

    def save_entries(self, docs: list[dict], new: set) -> None: ...

    def save_rows(self, rows: list[dict], new: set) -> None: ...


class Catalog(Protocol):
    """Points at the database that holds the live read model; `swap` makes a rebuilt one live."""

    def current(self) -> Store: ...

    def current_name(self) -> str: ...

    def fresh(self, suffix: str) -> Store: ...

    def swap(self, store: Store) -> str:
        """Make `store` live; returns the name of the database it replaced."""


@dataclass
class Deps:
    settings: Settings
    db: Database  # reporting's own database (sessions, consumer status, the catalog): a rebuild never replaces it
    catalog: Catalog
    public_key: bytes

    def store(self) -> Store:
        """The read model in use now (a rebuild swaps in a new one)."""
        return self.catalog.current()
