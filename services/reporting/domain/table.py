"""A competition's rows in columns, as a web process holds them. No I/O.

One position per entry; text that many rows repeat (statuses, stages, regions, categories,
days, judge ids) is kept once and referred to by number; scores are numpy matrices (entries
× review slots) ready for shared.scoring. About 500 bytes per entry, most of it the title,
the agency's name and the id, so 100,000 entries fit in a web worker with room to spare.
"""
from __future__ import annotations

import sys

import numpy as np

from shared.scoring import submission_instant
from services.reporting.domain.rows import Row

CODED = ("status", "stage", "region_code", "province_code", "category", "cluster", "day")
TEXT = ("title", "agency", "submitted_at")


class Vocabulary:
    """Text ↔ number, 0 for None."""

    def __init__(self):
        self.values: list = [None]
        self.numbers: dict = {None: 0}

    def number(self, value) -> int:
        found = self.numbers.get(value)
        if found is None:
            found = self.numbers[value] = len(self.values)
            self.values.append(value)
        return found

    def numbers_of(self, values: list) -> list[int]:
        """`number` of each value (one dictionary lookup each, new values added first)."""
        for value in set(values) - self.numbers.keys():
            self.number(value)
        return list(map(self.numbers.__getitem__, values))

    def find(self, value) -> int:
        """The number of a value, -1 when no row has it."""
        return self.numbers.get(value, -1)


def _shared(text: str | None) -> str | None:
    """One object for a text many rows repeat (an agency's name)."""
    return sys.intern(text) if text else text


def _grown(array: np.ndarray, rows: int, columns: int | None = None, fill=0) -> np.ndarray:
    """`array` with room for `rows` rows (and `columns` columns), new cells set to `fill`."""
    shape = (rows,) if array.ndim == 1 else (rows, columns if columns is not None else array.shape[1])
    bigger = np.full(shape, fill, dtype=array.dtype)
    bigger[tuple(slice(0, n) for n in array.shape)] = array
    return bigger


class StageColumns:
    """Every entry in one stage: judged here or decided here, assignments, review slots, criterion means."""

    def __init__(self, capacity: int):
        self.present = np.zeros(capacity, dtype=bool)
        self.decided = np.zeros(capacity, dtype=bool)
        self.assigned = np.zeros(capacity, dtype=np.int32)
        self.judges = np.full((capacity, 0), -1, dtype=np.int32)
        self.totals = np.full((capacity, 0), np.nan)
        self.criteria: list[str] = []
        self.means = np.full((capacity, 0), np.nan)

    def grow(self, capacity: int) -> None:
        self.present, self.decided = _grown(self.present, capacity), _grown(self.decided, capacity)
        self.assigned = _grown(self.assigned, capacity)
        self.judges, self.totals = _grown(self.judges, capacity, fill=-1), _grown(self.totals, capacity, fill=np.nan)
        self.means = _grown(self.means, capacity, fill=np.nan)

    def put(self, at: int, marks, decided: bool, judges: Vocabulary) -> None:
        """Set one entry's place in the stage (`marks` None when it has no assignment or review here)."""
        self.decided[at], self.present[at] = decided, marks is not None
        self.judges[at], self.totals[at], self.means[at], self.assigned[at] = -1, np.nan, np.nan, 0
        if marks is None:
            return
        self.assigned[at] = marks.assigned
        if len(marks.totals) > self.totals.shape[1]:
            self.judges = _grown(self.judges, len(self.judges), len(marks.totals), -1)
            self.totals = _grown(self.totals, len(self.totals), len(marks.totals), np.nan)
        for slot, (judge, total) in enumerate(zip(marks.judges, marks.totals)):
            self.judges[at, slot], self.totals[at, slot] = judges.number(judge), total
        for criterion, mean in marks.means.items():
            if criterion not in self.criteria:
                self.criteria.append(criterion)
                self.means = _grown(self.means, len(self.means), len(self.criteria), np.nan)
            self.means[at, self.criteria.index(criterion)] = mean

    def extend(self, start: int, rows: list, stage: str, judges: Vocabulary) -> None:
        """Set rows start, start+1, … (all new) in one pass per column."""
        marks = [row.stages.get(stage) for row in rows]
        at = np.flatnonzero([m is not None for m in marks])
        self.present[start + at] = True
        self.decided[start:start + len(rows)] = [stage in row.decided for row in rows]
        judged = [marks[i] for i in at.tolist()]
        self.assigned[start + at] = [m.assigned for m in judged]
        width = max((len(m.totals) for m in judged), default=0)
        if width > self.totals.shape[1]:
            self.judges = _grown(self.judges, len(self.judges), width, -1)
            self.totals = _grown(self.totals, len(self.totals), width, np.nan)
        for slot in range(width):
            has = [i for i, m in enumerate(judged) if len(m.totals) > slot]
            self.judges[start + at[has], slot] = judges.numbers_of([judged[i].judges[slot] for i in has])
            self.totals[start + at[has], slot] = [judged[i].totals[slot] for i in has]
        for criterion in sorted({c for m in judged for c in m.means}):
            if criterion not in self.criteria:
                self.criteria.append(criterion)
                self.means = _grown(self.means, len(self.means), len(self.criteria), np.nan)
            has = [i for i, m in enumerate(judged) if criterion in m.means]
            self.means[start + at[has], self.criteria.index(criterion)] = [judged[i].means[criterion] for i in has]

    def copy(self) -> "StageColumns":
        twin = StageColumns(0)
        twin.__dict__.update({name: value.copy() for name, value in self.__dict__.items()})
        return twin


class Table:
    """A competition's entries, one position each, in columns."""

    def __init__(self, capacity: int = 1024):
        self.size, self.capacity = 0, capacity
        self.ids: list[str] = []
        self.position: dict[str, int] = {}
        self.text = {name: [] for name in TEXT}
        self.words = Vocabulary()  # statuses, stages, regions, categories, clusters, days, judges
        self.coded = {name: np.zeros(capacity, dtype=np.int32) for name in CODED}
        self.instant = np.full(capacity, np.inf)
        self.sent, self.failed = np.zeros(capacity, dtype=np.int32), np.zeros(capacity, dtype=np.int32)
        self.stages: dict[str, StageColumns] = {}

    def extend(self, rows: list[Row]) -> None:
        """Put many rows at once: the new ones column by column (a competition's first load), the others one by one."""
        fresh = list({row.id: row for row in rows if row.id not in self.position}.values())
        for row in rows:
            if row.id in self.position:
                self.put(row)
        if not fresh:
            return
        start = self.size
        if self.capacity < start + len(fresh):
            self._grow(start + len(fresh) + len(fresh) // 8)
        end = self.size = start + len(fresh)
        self.ids.extend(row.id for row in fresh)
        self.position.update((row.id, at) for at, row in enumerate(fresh, start))
        for name in TEXT:
            self.text[name].extend(getattr(row, name) for row in fresh)
        self.text["agency"][start:end] = [_shared(name) for name in self.text["agency"][start:end]]
        for name in CODED:
            self.coded[name][start:end] = self.words.numbers_of([getattr(row, name) for row in fresh])
        self.instant[start:end] = [submission_instant(row.submitted_at) for row in fresh]
        self.sent[start:end], self.failed[start:end] = [r.sent for r in fresh], [r.failed for r in fresh]
        for stage in {stage for row in fresh for stage in (*row.stages, *row.decided)}:
            if stage not in self.stages:
                self.stages[stage] = StageColumns(self.capacity)
            self.stages[stage].extend(start, fresh, stage, self.words)

    def put(self, row: Row) -> None:
        """Add the entry's row, or replace the one it had."""
        at = self.position.get(row.id)
        if at is None:
            at = self._append(row.id)
        for name in TEXT:
            self.text[name][at] = getattr(row, name)
        self.text["agency"][at] = _shared(row.agency)
        for name in CODED:
            self.coded[name][at] = self.words.number(getattr(row, name))
        self.instant[at] = submission_instant(row.submitted_at)
        self.sent[at], self.failed[at] = row.sent, row.failed
        for stage in set(row.stages) | set(row.decided) | set(self.stages):
            if stage not in self.stages:
                self.stages[stage] = StageColumns(self.capacity)
            self.stages[stage].put(at, row.stages.get(stage), stage in row.decided, self.words)

    def _grow(self, capacity: int | None = None) -> None:
        self.capacity = capacity or max(2 * self.capacity, 16)
        for name in CODED:
            self.coded[name] = _grown(self.coded[name], self.capacity)
        self.instant = _grown(self.instant, self.capacity, fill=np.inf)
        self.sent, self.failed = _grown(self.sent, self.capacity), _grown(self.failed, self.capacity)
        for stage in self.stages.values():
            stage.grow(self.capacity)

    def _append(self, entry_id: str) -> int:
        if self.size == self.capacity:
            self._grow()
        at = self.size
        self.size += 1
        self.ids.append(entry_id)
        self.position[entry_id] = at
        for values in self.text.values():
            values.append(None)
        return at

    def copy(self) -> "Table":
        """A copy to change while a reader keeps this one. The numbers are copied; the ids, the positions,
        the vocabulary and the text are shared: they only grow (a reader never looks past its own size), and
        a text replaced in place (a corrected title) is newer, never inconsistent, for a reader."""
        twin = Table(1)
        twin.size, twin.capacity, twin.ids, twin.position = self.size, self.capacity, self.ids, self.position
        twin.text, twin.words = self.text, self.words
        twin.coded = {name: values.copy() for name, values in self.coded.items()}
        twin.instant, twin.sent, twin.failed = self.instant.copy(), self.sent.copy(), self.failed.copy()
        twin.stages = {stage: columns.copy() for stage, columns in self.stages.items()}
        return twin

    def column(self, name: str) -> np.ndarray:
        """A coded column over the entries (not the spare capacity)."""
        return self.coded[name][:self.size]

    def word(self, name: str, at: int):
        return self.words.values[self.coded[name][at]]

    def stage(self, stage_key: str) -> StageColumns | None:
        return self.stages.get(stage_key)
