"""Scoring, normalisation and ranking order (DESIGN §6), defined once for review and reporting."""
from shared.scoring.order import rank_units, ranking_order, submission_instant
from shared.scoring.rules import (DISPLAY_DECIMALS, MIN_SCORES_TO_SCALE, RANK_DECIMALS, ZERO_SPREAD, EntryScore,
                                  Review, criterion_means, highest_weight_criterion, normalise, rank, ranking_key,
                                  rounded, stage_scores, weighted_total)
from shared.scoring.stage import StageScores, Statistics, score_stage

__all__ = ["DISPLAY_DECIMALS", "MIN_SCORES_TO_SCALE", "RANK_DECIMALS", "ZERO_SPREAD", "EntryScore", "Review",
           "StageScores", "Statistics", "criterion_means", "highest_weight_criterion", "normalise", "rank",
           "rank_units", "ranking_key", "ranking_order", "rounded", "score_stage", "stage_scores",
           "submission_instant", "weighted_total"]
