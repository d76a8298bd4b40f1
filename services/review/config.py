"""review's settings, from the environment only."""
from __future__ import annotations

from pathlib import Path

from shared.config import Settings, from_env

SERVICE = "review"
DEFAULT_PORT = 8002
DEFAULT_DUE_DAYS = 14


def load(env: dict | None = None) -> Settings:
    return from_env(SERVICE, DEFAULT_PORT, env)


def session_secret(settings: Settings) -> str | None:
    """REVIEW_SESSION_SECRET: the judge UI's cookie-signing secret, when the operator sets one."""
    return settings.extra.get("REVIEW_SESSION_SECRET") or None


def session_secret_file(settings: Settings) -> Path:
    """Where the generated secret is kept when none is set: REVIEW_SESSION_SECRET_FILE, else
    next to the token public key (var/keys/), so every web worker of this host shares it."""
    configured = settings.extra.get("REVIEW_SESSION_SECRET_FILE")
    return Path(configured) if configured else Path(settings.jwt_public_key_file).parent / "review-session.key"


def cookie_secure(settings: Settings) -> bool:
    """REVIEW_COOKIE_SECURE=1 behind HTTPS: the session cookie is then sent over HTTPS only."""
    return settings.extra.get("REVIEW_COOKIE_SECURE", "").strip().lower() in {"1", "true", "yes", "on"}


def due_days(settings: Settings) -> int:
    """REVIEW_DUE_DAYS: days a judge gets for an assignment when the stage names no due date."""
    return int(settings.extra.get("REVIEW_DUE_DAYS") or DEFAULT_DUE_DAYS)
