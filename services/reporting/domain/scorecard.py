"""One entry's scorecard: per stage, its standing and each judge's scores, raw and normalised,
with every revision the judge made. No I/O."""
from __future__ import annotations

from shared.scoring import rounded
from services.reporting.domain.derived import key, live_assignments

ENTRY_FIELDS = ("competition_id", "title", "status", "stage", "category", "cluster", "province_code", "agency",
                "submitted_at")


def _judge(review: dict, ranked) -> dict:
    return {"assignment_id": review["assignment_id"], "judge_id": review["judge_id"], "status": "scored",
            "scores": review.get("scores"), "total": rounded(review.get("total")),
            "normalised_total": rounded(ranked.normalised(review["judge_id"], float(review["total"])))
            if review.get("total") is not None else None,
            "revision": review["revision"], "scored_at": review.get("scored_at"),
            "revisions": [{"revision": h["revision"], "total": rounded(h.get("total")), "scores": h.get("scores"),
                           "scored_at": h.get("scored_at")} for h in review.get("history") or []]}


def stage_card(entry: dict, ranked) -> dict | None:
    """The entry in one ranked stage (domain/rankings.Ranked), or None when it has nothing there."""
    stage = ranked.stage
    reviews = [r for r in (entry.get("reviews") or {}).values() if r["stage"] == stage]
    pending = [{"assignment_id": aid, "judge_id": a["judge_id"], "status": "pending"}
               for aid, a in live_assignments(entry).items()
               if a["stage"] == stage and aid not in (entry.get("reviews") or {})]
    at = ranked.table.position.get(entry["_id"], -1)
    place = ranked.rank_of(at)
    if place is None and not reviews and not pending:
        return None
    standing = ranked.standing(at) if place is not None else None
    return {"stage": stage, "rank": place,
            "score": rounded(standing.score) if standing else None,
            "raw_score": rounded(standing.raw_score) if standing else None,
            "criterion_means": {k: rounded(v) for k, v in sorted(standing.criterion_means.items())} if standing else {},
            "reviews": sorted([_judge(r, ranked) for r in reviews], key=lambda j: j["judge_id"]) + pending,
            "result": (entry.get("results") or {}).get(key(stage))}


def scorecard(entry: dict, ranked_stages: list) -> dict:
    """The entry and its stages (each with its judges); `ranked_stages` are the competition's scored stages."""
    card = {"entry_id": entry["_id"], **{name: entry.get(name) for name in ENTRY_FIELDS}}
    card["awards"] = sorted(a["award"] for a in (entry.get("awards") or {}).values())
    card["stages"] = [found for found in (stage_card(entry, ranked) for ranked in ranked_stages) if found]
    return card
