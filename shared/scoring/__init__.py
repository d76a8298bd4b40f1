"""Scoring, normalisation and ranking order (DESIGN §6), defined once for review and reporting."""
from shared.scoring.rules import (DISPLAY_DECIMALS, MIN_SCORES_TO_SCALE, RANK_DECIMALS, ZERO_SPREAD, EntryScore,
                                  Review, highest_weight_criterion, normalise, rank, ranking_key, rounded,
                                  stage_scores, weighted_total)

__all__ = ["DISPLAY_DECIMALS", "MIN_SCORES_TO_SCALE", "RANK_DECIMALS", "ZERO_SPREAD", "EntryScore", "Review",
           "highest_weight_criterion", "normalise", "rank", "ranking_key", "rounded", "stage_scores",
           "weighted_total"]
