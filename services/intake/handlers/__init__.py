"""intake's commands (HTTP) and event handlers (Kafka), one module per area: competitions, entries,
attachments, outcomes. EVENTS names the handler of each event type the worker consumes."""
from __future__ import annotations

from shared.account_events import ACCOUNT_EVENTS
from services.intake.domain.outcomes import KINDS
from services.intake.handlers import outcomes

EVENTS = {**dict.fromkeys(KINDS, outcomes.record), **ACCOUNT_EVENTS}
