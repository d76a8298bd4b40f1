"""A closed stage's results: standings from the latest scores, the shortlist's effect on each entry,
and awards. Scores, normalisation and ranking come from shared.scoring; quotas from
domain.shortlist. No I/O."""
from __future__ import annotations

import re

from shared.scoring import Review, rank, rounded, stage_scores
from services.review.domain import shortlist
from services.review.domain.competitions import field_key, next_stage

AWARD = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")


def standings(definition: dict, entries: dict[str, dict], revisions: list[dict]) -> list:
    """The stage's entries in ranking order (DESIGN §6), from each live assignment's latest revision."""
    reviews = [Review(r["entry_id"], r["judge_id"], r["scores"], r["total"]) for r in revisions
               if r["entry_id"] in entries]
    submitted = {entry_id: entry.get("submitted_at") for entry_id, entry in entries.items()}
    scored = stage_scores(reviews, definition.get("normalization") or "zscore", submitted_at=submitted)
    return rank(scored.values(), definition["criteria"])


def candidates(definition: dict, entries: dict[str, dict], revisions: list[dict]) -> list[shortlist.Candidate]:
    """Shortlist candidates in ranking order (unscored entries are none)."""
    return shortlist.candidates_from(standings(definition, entries, revisions), entries)


def propose(definition: dict, stage: dict, ranked: list[shortlist.Candidate]) -> shortlist.Shortlist:
    return shortlist.propose(ranked, stage.get("shortlist"), definition.get("quotas"),
                             definition.get("priority_regions"))


def outcomes(definition: dict, stage_key: str, picks: list[dict], ranked: list[shortlist.Candidate],
             stage_entries: list[str]) -> list[dict]:
    """What publishing the list means for each entry of the stage: advanced (with to_stage) or eliminated."""
    following = next_stage(definition, stage_key)
    to_stage = following["key"] if following else None
    chosen = {p["entry_id"]: p for p in picks}
    position = {c.entry_id: (n, c.score) for n, c in enumerate(ranked, start=1)}
    found = []
    for entry_id in sorted(stage_entries):
        if entry_id in chosen:
            pick = chosen[entry_id]
            found.append(outcome(entry_id, True, to_stage, pick["rank"], pick["score"], pick["reason"]))
        else:
            rank_, score = position.get(entry_id, (None, None))
            found.append(outcome(entry_id, False, None, rank_, rounded(score),
                                 "below-cutoff" if entry_id in position else "not-scored"))
    return found


def outcome(entry_id: str, advanced: bool, to_stage: str | None, rank_: int | None, score: float | None,
            reason: str) -> dict:
    return {"entry_id": entry_id, "outcome": "advanced" if advanced else "eliminated", "to_stage": to_stage,
            "rank": rank_, "score": score, "reason": reason}


def result_field(stage_key: str) -> str:
    return f"results.{field_key(stage_key)}"


def last_scored_stage(definition: dict) -> dict | None:
    scored = [s for s in definition.get("stages") or [] if s.get("kind") == "scored"]
    return scored[-1] if scored else None


def award_field(award: str) -> str:
    return f"awards.{award}"
