"""Competition definitions (DESIGN §5) and their publication. No I/O."""
from __future__ import annotations

from datetime import datetime

from shared.events import types
from shared.events.envelope import new_event

SOURCE = "kipp/intake"


def published_event(definition: dict, request_id: str | None) -> dict:
    """kipp.competition.published with the whole definition."""
    return new_event(types.COMPETITION_PUBLISHED, definition["id"], definition, SOURCE, request_id)


def window_open(definition: dict, now: datetime) -> bool:
    """True while submissions are accepted."""
    return datetime.fromisoformat(definition["opens_at"]) <= now <= datetime.fromisoformat(definition["closes_at"])
