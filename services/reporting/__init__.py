"""reporting: the ministry's read model — rankings, summaries, scorecards, exports, dashboard."""
