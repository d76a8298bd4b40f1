"""review's commands (HTTP) and event handlers (Kafka): one function each, called by thin entrypoints.
EVENTS names the handler of each event type the worker consumes."""
from __future__ import annotations

from shared.account_events import ACCOUNT_EVENTS
from services.review.handlers import intake_events

EVENTS = {**dict.fromkeys(intake_events.APPLY, intake_events.handle), **ACCOUNT_EVENTS}
