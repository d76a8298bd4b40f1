"""notify's settings, from the environment only."""
from __future__ import annotations

from dataclasses import dataclass

from shared.config import Settings, from_env

SERVICE = "notify"
DEFAULT_PORT = 8003


def load(env: dict | None = None) -> Settings:
    return from_env(SERVICE, DEFAULT_PORT, env)


@dataclass(frozen=True)
class Tuning:
    """Timings and sizes of the worker; defaults suit production, tests shorten them."""

    send_threads: int = 4
    smtp_timeout: float = 30.0
    smtp_ca_file: str = ""
    retry_base_seconds: float = 2.0
    retry_max_seconds: float = 300.0
    give_up_hours: float = 48.0
    # a claim's lease, renewed every third of it while the attempt goes on (entrypoints/loops.py), so a
    # sender killed mid-attempt hands its deliveries over within this time, and a slow one keeps them
    lease_seconds: float = 9.0
    batch_quiet_seconds: float = 5.0
    batch_max_wait_seconds: float = 60.0
    digest_hour: int = 7


def demo_links(settings: Settings) -> bool:
    """NOTIFY_DEMO_LINKS=1 (exactly; `make up` sets it for the local platform's notify alone): the desk honours
    the demo's reusable sign-in links and `cli demo-link` makes them. Anything else: links work once."""
    return settings.extra.get("NOTIFY_DEMO_LINKS", "").strip() == "1"


def tuning(settings: Settings) -> Tuning:
    """The worker's tuning from NOTIFY_* variables (kept in settings.extra by shared.config)."""
    values = {}
    for name, field in Tuning.__dataclass_fields__.items():
        raw = settings.extra.get(f"NOTIFY_{name.upper()}")
        if raw not in (None, ""):
            values[name] = type(field.default)(raw)
    return Tuning(**values)
