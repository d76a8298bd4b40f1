"""The in-memory pieces a web process keeps per competition (see snapshots.py)."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from services.reporting.domain.rows import Row
from services.reporting.domain.standings import Board


class Loading(Exception):
    """The competition is still being loaded into this web process (503 with Retry-After)."""


@dataclass
class Loader:
    """A competition being loaded by a background thread; requests wait on `done`."""

    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None


@dataclass
class Ranked:
    """One stage's ranking and the rows it was computed from (the same version of both)."""

    stage: str
    board: Board
    rows: dict


@dataclass
class CompetitionView:
    """One competition in memory: its document and its entry rows, with a version that moves on every change."""

    doc: dict
    rows: dict
    version: int = 0
    cache: dict = field(default_factory=dict)
    lent: bool = False  # a Ranked (or a checkpoint writer) holds `rows`: copy before the next change
    changes_since_checkpoint: int = 0
    checkpointing: bool = False

    @property
    def definition(self) -> dict:
        return self.doc.get("definition") or {}

    def lend_rows(self) -> dict:
        self.lent = True
        return self.rows

    def put(self, row: dict) -> None:
        if self.lent:
            self.rows, self.lent = dict(self.rows), False
        self.rows[row["_id"]] = Row(row)
        self.version += 1

    def cached(self, name, compute):
        """`compute()`'s result, reused until the view's version moves."""
        found = self.cache.get(name)
        if found is None or found[0] != self.version:
            found = (self.version, compute())
            self.cache[name] = found
        return found[1]
