"""One entry's scorecard: each judge's scores, raw and normalised, per stage. No I/O."""
from __future__ import annotations

from shared.scoring import normalise
from shared.scoring.rules import rounded


def scorecard(definition: dict, entry: dict, rankings_by_stage: dict) -> dict:
    """The entry, its standing per stage and every judge's latest scores with the normalised total."""
    stages = []
    for stage, ranking in rankings_by_stage.items():
        standing = next((r for r in ranking.rows if r["entry_id"] == entry["_id"]), None)
        own = (entry.get("reviews") or {}).get(stage) or {}
        if standing is None and not own:
            continue
        normalised = normalise(ranking.reviews or [], definition.get("normalization", "zscore"))
        judges = [{"assignment_id": aid, "judge_id": r["judge_id"], "scores": r.get("scores"),
                   "total": rounded(r.get("total")), "normalised_total": rounded(normalised.get((r["judge_id"], entry["_id"]))),
                   "revision": r.get("revision"), "scored_at": r.get("scored_at")} for aid, r in sorted(own.items())]
        stages.append({"stage": stage, "rank": standing and standing["rank"], "score": standing and standing["score"],
                       "raw_score": standing and standing["raw_score"], "reviews": judges})
    return {"entry_id": entry["_id"], "competition_id": entry.get("competition_id"), "title": entry.get("title"),
            "status": entry.get("status"), "province_code": entry.get("province_code"),
            "category": entry.get("category"), "stages": stages, "awards": entry.get("awards", [])}

