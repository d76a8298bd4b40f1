"""intake's commands (HTTP) and event handlers (Kafka), one module per area: competitions, entries,
attachments, outcomes. EVENTS names the handler of each event type the worker consumes."""
from __future__ import annotations

from shared.web import people
from services.intake.domain.outcomes import KINDS
from services.intake.handlers import outcomes

EVENTS = {**dict.fromkeys(KINDS, outcomes.record), **people.ACCOUNT_EVENTS}
