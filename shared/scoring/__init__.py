"""Scoring, normalisation and ranking order (DESIGN §6), defined once for review and reporting."""
from shared.scoring.rules import (EntryScore, Review, highest_weight_criterion, normalise, rank,
                                  ranking_key, stage_scores, weighted_total)

__all__ = ["EntryScore", "Review", "highest_weight_criterion", "normalise", "rank", "ranking_key",
           "stage_scores", "weighted_total"]
