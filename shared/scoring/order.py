"""DESIGN §6 ranking order over columns: the one implementation behind `rank`. No I/O.

    order = ranking_order(score, top_mean, done, instants, ids)   # row numbers, best first

gives exactly the order of sorting by `ranking_key` — score desc, heaviest-criterion mean
desc (both compared rounded to RANK_DECIMALS, so float noise never beats a tie-break), more
reviews, earlier submission, entry id — with numpy doing the work: 100,000 entries sort in
a few tens of milliseconds instead of most of a second.
"""
from __future__ import annotations

import math
from datetime import datetime, timezone
from typing import Sequence

import numpy as np

RANK_DECIMALS = 9
_SCALE = 10.0 ** RANK_DECIMALS


def submission_instant(value: str | None) -> float:
    """Seconds since the epoch for an ISO time (naive means UTC); missing or unreadable sorts last."""
    if not value:
        return math.inf
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return math.inf
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def descending(value: float | None) -> float:
    """A value's place in a descending, rounded comparison (None last): the key `ranking_key` uses."""
    return -round(float(value), RANK_DECIMALS) if value is not None and not math.isnan(value) else math.inf


def rank_units(values: np.ndarray) -> np.ndarray:
    """`descending` of every value, as a number of RANK_DECIMALS units (inf for NaN), in the same order.

    Python's round() rounds a float's exact binary value; numpy's rint(value × 10⁹) rounds the
    product, which can differ only when the product lies within a few units in the last place of
    a half. Those few values are rounded by Python itself."""
    values = np.asarray(values, dtype=np.float64)
    scaled = values * _SCALE
    units = np.rint(scaled)
    with np.errstate(invalid="ignore"):
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) <= 4 * np.spacing(np.abs(scaled))
        risky = np.isfinite(scaled) & (near_half | (np.abs(scaled) >= 2.0 ** 52))
    for at in np.flatnonzero(risky):
        units[at] = float(round(round(float(values[at]), RANK_DECIMALS) * _SCALE))
    keys = -units
    keys[np.isnan(values)] = np.inf
    return keys


def _break_ties_by_id(order: np.ndarray, same_as_next: np.ndarray, ids: Sequence[str]) -> np.ndarray:
    """Re-sort by entry id each run of rows whose other keys are all equal."""
    tied = np.flatnonzero(same_as_next)
    if not len(tied):
        return order
    order = order.copy()
    breaks = np.flatnonzero(np.diff(tied) != 1)
    for first, last in zip(np.concatenate(([0], breaks + 1)), np.concatenate((breaks, [len(tied) - 1]))):
        start, end = int(tied[first]), int(tied[last]) + 2
        order[start:end] = sorted(order[start:end].tolist(), key=lambda row: ids[row])
    return order


def ranking_order(score, top_mean, done, instants, ids: Sequence[str]) -> np.ndarray:
    """Row numbers in ranking order, best first; NaN means none (no score, no mean on the top criterion)."""
    keys = (rank_units(score), rank_units(top_mean), -np.asarray(done, dtype=np.int64),
            np.asarray(instants, dtype=np.float64))
    order = np.lexsort(keys[::-1])
    if len(order) < 2:
        return order
    ordered = [key[order] for key in keys]
    same_as_next = np.logical_and.reduce([key[1:] == key[:-1] for key in ordered])
    return _break_ties_by_id(order, same_as_next, ids)
