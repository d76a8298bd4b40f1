"""Reading the SMTP sink's .eml files in tests."""
from __future__ import annotations

import email
from email import policy
from pathlib import Path

from tests.support.poll import eventually


def messages(mail_dir: Path, recipient: str | None = None) -> list:
    """Parsed messages in the sink, optionally only those addressed to `recipient`."""
    found = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        to = " ".join(str(message.get_all(h, [])) for h in ("To", "Cc", "X-Sink-Rcpt-To"))
        if recipient is None or recipient.lower() in to.lower():
            found.append(message)
    return found


def wait_for_mail(mail_dir: Path, recipient: str, count: int = 1, timeout: float = 30) -> list:
    return eventually(lambda: (lambda m: m if len(m) >= count else None)(messages(mail_dir, recipient)),
                      timeout=timeout, what=f"{count} e-mail(s) to {recipient}")
