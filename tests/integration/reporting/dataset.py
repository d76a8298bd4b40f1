"""The judged competition the integration tests share, and the expected results computed by hand.

The expectations are computed here from the scores sent, with plain arithmetic and the
rules of DESIGN §6 written out again, not with shared.scoring.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tests import factories
from tests.integration.reporting import events as ev

STAGE = "evaluasi"
CRITERIA = [{"key": "kebaruan", "weight": 15}, {"key": "signifikansi", "weight": 30}, {"key": "implementasi", "weight": 5}]
# (region, category, cluster, submitted_at)
ENTRIES = [("73.71", "kesehatan", "kota", "2026-03-01T02:00:00Z"), ("73.15", "pendidikan", "kabupaten", "2026-03-01T18:00:00Z"),
           ("33.74", "kesehatan", "kota", "2026-03-02T03:00:00Z"), ("33.01", "pendidikan", "kabupaten", "2026-03-02T04:00:00Z"),
           ("51.71", "ekonomi", "kota", "2026-03-03T05:00:00Z"), ("73.71", "ekonomi", "kota", "2026-03-03T06:00:00Z"),
           ("11.01", "kesehatan", "kabupaten", "2026-03-04T07:00:00Z"), ("94.71", "pendidikan", "kota", "2026-03-04T08:00:00Z"),
           ("31.71", "kesehatan", "kota", "2026-03-05T01:00:00Z")]
# judge → entries (by index) it scores; j-d has two, so it is only shifted; entry 6 is assigned and never scored
JUDGING = {"j-a": [0, 1, 2, 3, 4, 5], "j-b": [0, 1, 2, 3, 4, 5], "j-c": [0, 2, 4], "j-d": [1, 3]}
UNSCORED_ASSIGNMENTS = {"j-a": [6], "j-b": [6]}


@dataclass
class Judged:
    cid: str
    definition: dict
    ids: list
    events: list = field(default_factory=list)
    latest: dict = field(default_factory=dict)  # (entry id, judge) → the latest scores sent
    first_revisions: dict = field(default_factory=dict)  # (entry id, judge) → the revision-1 event later replaced
    aids: dict = field(default_factory=dict)


def total(scores: dict) -> float:
    return sum(c["weight"] * scores[c["key"]] for c in CRITERIA) / sum(c["weight"] for c in CRITERIA)


def build() -> Judged:
    rng = random.Random(2026)
    definition = factories.competition(criteria=CRITERIA)
    data = Judged(definition["id"], definition, [factories.uid("e-") for _ in ENTRIES])
    data.events.append(ev.published(definition))
    for entry_id, (region, category, cluster, at) in zip(data.ids, ENTRIES):
        data.events.append(ev.submitted(data.cid, entry_id, region, category, at, cluster))
    data.events += [ev.screened(data.cid, data.ids[7]), ev.withdrawn(data.cid, data.ids[8])]
    for judge in JUDGING:
        for index in JUDGING[judge] + UNSCORED_ASSIGNMENTS.get(judge, []):
            aid, created = ev.assigned(data.cid, STAGE, data.ids[index], judge)
            data.aids[(data.ids[index], judge)] = aid
            data.events.append(created)
            if index in JUDGING[judge]:
                scores = {c["key"]: rng.randint(40, 100) for c in CRITERIA}
                data.latest[(data.ids[index], judge)] = scores
                data.events.append(ev.scored(data.cid, STAGE, aid, data.ids[index], judge, scores, total(scores)))
    first = data.ids[0], "j-a"
    revised = {c["key"]: 97 for c in CRITERIA}  # j-a revises entry 0: the latest revision must count
    data.first_revisions[first] = next(e for e in data.events if e["type"] == "kipp.review.scored"
                                       and (e["data"]["entry_id"], e["data"]["judge_id"]) == first)
    data.events.append(ev.scored(data.cid, STAGE, data.aids[first], first[0], "j-a", revised, total(revised), revision=2))
    data.latest[first] = revised
    data.events += [ev.notified(data.ids[0], factories.uid("d-")), ev.notified(data.ids[1], factories.uid("d-"), sent=False)]
    return data


def _mean(values):
    return sum(values) / len(values)


def _spread(values):
    mean = _mean(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))


def expected_rows(data: Judged) -> list[dict]:
    """Every ranked entry in DESIGN §6 order with its score, raw score, reviews and criterion means."""
    totals = {key: total(scores) for key, scores in data.latest.items()}
    stage_mean, stage_spread = _mean(list(totals.values())), _spread(list(totals.values()))
    normalised = {}
    for judge in JUDGING:
        own = [t for (e, j), t in totals.items() if j == judge]
        mean, spread = _mean(own), _spread(own)
        for (entry_id, j), t in totals.items():
            if j == judge:
                scaled = len(own) >= 3 and spread > 0
                normalised[(entry_id, j)] = stage_mean + ((t - mean) / spread * stage_spread if scaled else t - mean)
    rows = []
    for index, entry_id in enumerate(data.ids[:8]):
        keys = [k for k in totals if k[0] == entry_id]
        row = {"entry_id": entry_id, "submitted_at": ENTRIES[index][3], "province_code": ENTRIES[index][0][:2],
               "category": ENTRIES[index][1], "cluster": ENTRIES[index][2], "done": len(keys),
               "assigned": len(keys) + sum(index in v for v in UNSCORED_ASSIGNMENTS.values()),
               "score": _mean([normalised[k] for k in keys]) if keys else None,
               "raw_score": _mean([totals[k] for k in keys]) if keys else None,
               "means": {c["key"]: _mean([data.latest[k][c["key"]] for k in keys]) for c in CRITERIA} if keys else {}}
        rows.append(row)
    rows.sort(key=lambda r: (r["score"] is None, -(r["score"] or 0), -r["means"].get("signifikansi", 0),
                             -r["done"], r["submitted_at"], r["entry_id"]))
    return rows


def jakarta_day(iso: str) -> str:
    return (datetime.fromisoformat(iso.replace("Z", "+00:00")) + timedelta(hours=7)).date().isoformat()
