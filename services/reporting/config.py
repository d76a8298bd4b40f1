"""reporting's settings, from the environment only."""
from shared.config import Settings, from_env

SERVICE = "reporting"
DEFAULT_PORT = 8004


def load(env: dict | None = None) -> Settings:
    return from_env(SERVICE, DEFAULT_PORT, env)
