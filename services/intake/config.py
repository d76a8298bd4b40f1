"""intake's settings, from the environment only."""
from shared.config import Settings, from_env

SERVICE = "intake"
DEFAULT_PORT = 8001


def load(env: dict | None = None) -> Settings:
    """intake's Settings from the environment (or a given mapping)."""
    return from_env(SERVICE, DEFAULT_PORT, env)
