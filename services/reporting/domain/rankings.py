"""A stage ranked from a competition's table. No I/O.

The scores, the normalisation and the order are shared.scoring's (`score_stage`,
`ranking_order`), run over the table's columns; this module decides who is in the stage.
domain/pages.py turns places in the ranking into the rows the API, exports and dashboard show.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from shared import regions
from shared.errors import Invalid
from shared.scoring import EntryScore, StageScores, ranking_key, ranking_order, score_stage
from services.reporting.domain.competitions import scored_stages, top_criterion
from services.reporting.domain.derived import key
from services.reporting.domain.table import Table

OUT_OF_RUNNING = (None, "withdrawn", "ineligible")


@lru_cache(maxsize=1024)
def province_name(code: str | None) -> str | None:
    return regions.name(code) if code else None


def chosen_stage(definition: dict, stage: str | None) -> str:
    """The stage asked for, or the first scored stage; Invalid (422, field `stage`) for any other."""
    stages = scored_stages(definition)
    if stage is None and stages:
        return stages[0]
    if stage not in stages:
        raise Invalid(f"stage must be a scored stage of this competition: {', '.join(stages) or 'none'}", field="stage")
    return stage


def members(table: Table, stage: str, first_stage: str | None) -> np.ndarray:
    """Positions ranked in `stage`: in the running and either judged there, decided there, moved there,
    or (the first scored stage) simply submitted — unscored entries then rank last."""
    running = ~np.isin(table.column("status"), [table.words.find(s) for s in OUT_OF_RUNNING])
    inside = np.full(table.size, stage == first_stage) | (table.column("stage") == table.words.find(stage))
    columns = table.stage(key(stage))
    if columns is not None:
        inside |= columns.present[:table.size] | columns.decided[:table.size]
    return np.flatnonzero(running & inside)


@dataclass
class Ranked:
    """One stage in ranking order. `order` holds table positions, best first; the scores are per member
    of the stage (`member_of` maps a table position to its member number, -1 outside the stage)."""

    stage: str
    table: Table
    order: np.ndarray
    member_of: np.ndarray
    scores: StageScores
    top: str | None

    @property
    def columns(self):
        return self.table.stage(key(self.stage))

    @property
    def criteria(self) -> list:
        return self.columns.criteria if self.columns is not None else []

    def means(self, at: np.ndarray) -> np.ndarray:
        """The criterion means (columns: `criteria`) of the entries at table positions `at`."""
        return self.columns.means[at] if self.columns is not None else np.full((len(at), 0), np.nan)

    def rank_of(self, at: int) -> int | None:
        """1 for the best; None when table position `at` is not in the stage."""
        found = np.flatnonzero(self.order == at)
        return int(found[0]) + 1 if len(found) else None

    def standing(self, at: int) -> EntryScore:
        """The entry at table position `at` as shared.scoring describes a standing."""
        m = int(self.member_of[at])
        means = {c: v for c, v in zip(self.criteria, self.means(np.array([at]))[0].tolist()) if not math.isnan(v)}
        return EntryScore(self.table.ids[at], raw_score=_number(self.scores.raw[m]), score=_number(self.scores.score[m]),
                          reviews_done=int(self.scores.done[m]), criterion_means=means,
                          submitted_at=self.table.text["submitted_at"][at] or "")

    def sort_key(self, place: int) -> tuple:
        """shared.scoring.ranking_key of the entry at `place` (0 for the best): what cursors carry."""
        return ranking_key(self.standing(int(self.order[place])), self.top)

    def normalised(self, judge_id: str, total: float) -> float:
        """A judge's total as it counts in this stage."""
        return self.scores.statistics.normalised(self.table.words.find(judge_id), total)


def _number(value) -> float | None:
    return None if math.isnan(value) else float(value)


def rank(table: Table, definition: dict, stage: str) -> Ranked:
    """Every member of the stage in DESIGN §6 order, with shared.scoring's numbers."""
    first = (scored_stages(definition) or [None])[0]
    found = members(table, stage, first)
    columns, top = table.stage(key(stage)), top_criterion(definition)
    if columns is None:
        judges, totals = np.full((len(found), 0), -1), np.full((len(found), 0), np.nan)
    else:
        judges, totals = columns.judges[found], columns.totals[found]
    scores = score_stage(judges, totals, definition.get("normalization", "zscore"))
    del judges, totals
    top_mean = columns.means[found, columns.criteria.index(top)] if columns is not None and top in columns.criteria \
        else np.full(len(found), np.nan)
    ids = [table.ids[p] for p in found.tolist()]
    order = found[ranking_order(scores.score, top_mean, scores.done, table.instant[found], ids)].astype(np.int32)
    member_of = np.full(table.size, -1, dtype=np.int32)
    member_of[found] = np.arange(len(found), dtype=np.int32)
    return Ranked(stage, table, order, member_of, scores, top)
