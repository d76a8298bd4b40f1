"""One competition as a web process keeps it in memory (adapters/snapshots.py fills and follows it). No I/O."""
from __future__ import annotations

from dataclasses import dataclass, field

from services.reporting.domain.table import Table


@dataclass
class CompetitionView:
    """One competition in memory: its document and its table, as of batch `seen` of the read model `database`.

    `pending` holds batch numbers taken but not yet marked finished (batch → when first missed):
    their rows are read once the marker appears. `version` moves on every change; whatever is
    cached (rankings, summary) is reused until it does."""

    doc: dict
    table: Table
    database: str
    seen: int = 0
    pending: dict = field(default_factory=dict)
    version: int = 0
    cache: dict = field(default_factory=dict)
    lent: bool = False  # a Ranked holds `table`: copy it before the next change

    @property
    def definition(self) -> dict:
        return self.doc.get("definition") or {}

    def lend_table(self) -> Table:
        self.lent = True
        return self.table

    def writable_table(self) -> Table:
        """The table to change: a copy when a reader still holds the current one."""
        if self.lent:
            self.table, self.lent = self.table.copy(), False
        self.version += 1
        return self.table

    def cached(self, name, compute):
        """`compute()`'s result, reused until the view's version moves."""
        found = self.cache.get(name)
        if found is None or found[0] != self.version:
            found = (self.version, compute())
            self.cache[name] = found
        return found[1]
