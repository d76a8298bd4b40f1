"""What an SMTP outcome means for a delivery: sent, failed for good, or try again later. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from shared import backoff
from shared.events import types
from shared.events.envelope import new_event
from services.notify.domain.messages import SOURCE


@dataclass(frozen=True)
class Outcome:
    """The server's answer to one message: `code` 0 when no reply came (connection trouble)."""

    code: int
    reply: str

    @property
    def sent(self) -> bool:
        return 200 <= self.code < 300

    @property
    def permanent(self) -> bool:
        """5xx refuses the message for good; 4xx and no reply at all may pass.

        530-539 (authentication or TLS required, credentials refused) say our configuration is
        wrong, not the message: those are retried until an operator fixes the settings.
        """
        return 500 <= self.code < 600 and not 530 <= self.code < 540

    @property
    def text(self) -> str:
        return f"{self.code} {self.reply}".strip() if self.code else self.reply


def retry_delay(attempts: int, base_seconds: float, max_seconds: float, jitter: float = 0.2) -> float:
    """The next attempt's delay after `attempts` failures (shared.backoff), a little jitter spreading retries."""
    return backoff.delay(attempts, base_seconds, max_seconds, jitter)


def gives_up(delivery: dict, now: datetime, give_up_hours: float) -> bool:
    """A transient failure becomes final once the delivery has been trying for `give_up_hours`."""
    return now - delivery["created_at"] >= timedelta(hours=give_up_hours)


def outcome_event(delivery: dict, status: str, error: str | None, reply: str | None) -> dict:
    """kipp.notification.sent / .failed for a delivery whose attempt (after `attempts` earlier ones)
    settled it (DESIGN §3)."""
    kind = types.NOTIFICATION_SENT if status == "sent" else types.NOTIFICATION_FAILED
    ident = delivery["_id"]
    data = {"delivery_id": ident, "event_id": delivery["source_id"], "template": delivery["template"],
            "recipients": [delivery["recipient"]], "message_id": delivery["message_id"], "error": error,
            "status": status, "smtp_reply": reply, "language": delivery["language"],
            "entry_id": delivery.get("entry_id"), "entry_ids": delivery.get("entry_ids") or [],
            "attempts": int(delivery.get("attempts") or 0) + 1}
    return new_event(kind, delivery.get("subject_key") or ident, data, SOURCE)
