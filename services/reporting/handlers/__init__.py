"""reporting's handlers: `readmodel` takes each event into the read model (worker, rebuild), `queries`
answers the ministry's questions (web). EVENTS names the handler of each event type the worker consumes:
its `deps` are the worker's (the batch being written, reporting's own database)."""
from __future__ import annotations

from shared.events import types
from shared.account_events import ACCOUNT_EVENTS
from services.reporting.handlers import readmodel


def into_the_read_model(worker, event: dict) -> None:
    readmodel.on_event(worker.batch, event)


EVENTS = {**{kind: into_the_read_model for kind, topic in types.TOPIC_OF.items() if topic != "accounts"},
          **ACCOUNT_EVENTS}
