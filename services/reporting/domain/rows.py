"""The compact form in which a web process keeps each entry. No I/O.

A decoded read-model row is ~5 KB of Python dicts; these slotted objects with shared
(interned) strings and flat tuples keep what the rankings, exports and summaries need in
under 1 KB, so 100,000 entries fit in a web worker.
"""
from __future__ import annotations

import sys

from shared.scoring import EntryScore, ranking_key

_shared: dict = {}


def _same(value):
    """One object for equal values that many rows repeat (criterion key tuples, codes, statuses)."""
    if isinstance(value, str):
        return sys.intern(value)
    return _shared.setdefault(value, value) if value is not None else None


class Marks:
    """An entry in one stage: its assignments, and the sums, counts and (judge, total) marks of its scores."""

    __slots__ = ("entry_id", "submitted_at", "assigned", "done", "total_sum", "keys", "sums", "counts", "marks", "_tail")

    def __init__(self, entry_id: str, submitted_at: str, agg: dict | None = None, marks: list | None = None):
        agg = agg or {}
        self.entry_id, self.submitted_at = entry_id, submitted_at or ""
        self.assigned, self.done = int(agg.get("assigned") or 0), int(agg.get("done") or 0)
        self.total_sum = float(agg.get("total_sum") or 0.0)
        keys = tuple(sorted(agg.get("crit_sums") or {}))
        self.keys = _same(keys)
        self.sums = tuple(float(agg["crit_sums"][k]) for k in keys)
        self.counts = _same(tuple(int(agg["crit_counts"][k]) for k in keys))
        self.marks = tuple(x for m in marks or () for x in (_same(m["judge_id"]), float(m["total"])))
        self._tail = None

    def agg(self) -> dict:
        """The read model's `agg` entry this was made from."""
        return {"assigned": self.assigned, "done": self.done, "total_sum": self.total_sum,
                "crit_sums": dict(zip(self.keys, self.sums)), "crit_counts": dict(zip(self.keys, self.counts))}

    def criterion_means(self) -> dict:
        return {k: s / c for k, s, c in zip(self.keys, self.sums, self.counts)}

    def tail(self, top: str | None) -> tuple:
        """shared.scoring.ranking_key after the score: (top criterion, reviews, submission, id), kept once."""
        if self._tail is None or self._tail[0] != top:
            standing = EntryScore(self.entry_id, reviews_done=self.done, criterion_means=self.criterion_means(),
                                  submitted_at=self.submitted_at)
            self._tail = (top, ranking_key(standing, top)[1:])
        return self._tail[1]


class Row:
    """One entry as the web process holds it."""

    __slots__ = ("id", "status", "stage", "title", "agency", "region_code", "province_code", "category", "cluster",
                 "submitted_at", "day", "decided", "stages", "sent", "failed")

    def __init__(self, doc: dict):
        agency = doc.get("agency") or {}
        self.id, self.title, self.submitted_at = doc["_id"], doc.get("title"), doc.get("submitted_at") or ""
        self.status, self.stage = _same(doc.get("status")), _same(doc.get("stage"))
        self.agency, self.region_code = agency.get("name"), _same(agency.get("region_code"))
        self.province_code, self.category = _same(doc.get("province_code")), _same(doc.get("category"))
        self.cluster, self.day = _same(doc.get("cluster")), _same(doc.get("day"))
        self.decided = _same(tuple(sorted(doc.get("results") or {})))
        marks = doc.get("marks") or {}
        self.stages = tuple((_same(stage), Marks(self.id, self.submitted_at, agg, marks.get(stage)))
                            for stage, agg in sorted((doc.get("agg") or {}).items()))
        notified = doc.get("notified") or {}
        self.sent, self.failed = int(notified.get("sent") or 0), int(notified.get("failed") or 0)

    def to_doc(self, competition_id: str) -> dict:
        """The read-model row this was made from (as far as the web process needs it), for checkpoints."""
        pairs = lambda marks: [{"judge_id": marks.marks[i], "total": marks.marks[i + 1]}  # noqa: E731
                               for i in range(0, len(marks.marks), 2)]
        return {"_id": self.id, "competition_id": competition_id, "status": self.status, "stage": self.stage,
                "title": self.title, "agency": {"name": self.agency, "cluster": self.cluster, "region_code": self.region_code},
                "province_code": self.province_code, "category": self.category, "cluster": self.cluster,
                "submitted_at": self.submitted_at, "day": self.day, "results": {k: {} for k in self.decided},
                "agg": {k: m.agg() for k, m in self.stages}, "marks": {k: pairs(m) for k, m in self.stages},
                "notified": {"sent": self.sent, "failed": self.failed}}

    def marks(self, stage_key: str) -> Marks | None:
        return next((marks for key, marks in self.stages if key == stage_key), None)

    def get(self, name: str):
        """A filterable field by its API name (category, province_code, cluster)."""
        return getattr(self, name)
