"""review's settings, from the environment only."""
from __future__ import annotations

from shared.config import Settings, from_env

SERVICE = "review"
DEFAULT_PORT = 8002
DEFAULT_DUE_DAYS = 14


def load(env: dict | None = None) -> Settings:
    return from_env(SERVICE, DEFAULT_PORT, env)


def due_days(settings: Settings) -> int:
    """REVIEW_DUE_DAYS: days a judge gets for an assignment when the stage names no due date."""
    return int(settings.extra.get("REVIEW_DUE_DAYS") or DEFAULT_DUE_DAYS)
