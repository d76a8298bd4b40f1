"""Building the MIME message: plain-text and HTML alternatives, a deterministic Message-ID. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr


@dataclass(frozen=True)
class Rendered:
    """A template rendered for one recipient."""

    subject: str
    text: str
    html: str


def envelope_sender(mail_from: str) -> str:
    """The bare address of the configured From header, for MAIL FROM."""
    return parseaddr(mail_from)[1] or mail_from


def compose(delivery: dict, rendered: Rendered, mail_from: str, now: datetime) -> EmailMessage:
    """The message for a delivery; raises ValueError when the address cannot be written in a header."""
    name = delivery.get("context", {}).get("recipient_name") or ""
    local, _, domain = delivery["recipient"].partition("@")
    if not local or not domain or any(c in delivery["recipient"] for c in " \r\n<>,;"):
        raise ValueError(f"not a usable e-mail address: {delivery['recipient']!r}")
    message = EmailMessage()
    message["From"] = mail_from
    message["To"] = Address(display_name=name if name != delivery["recipient"] else "", username=local, domain=domain)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = delivery["message_id"]
    message["Auto-Submitted"] = "auto-generated"
    message["X-KIPP-Delivery-ID"] = delivery["_id"]
    message["X-KIPP-Template"] = delivery["template"]
    message["X-KIPP-Event-ID"] = delivery["source_id"]
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    message["Content-Language"] = delivery["language"]  # after the parts: set_content drops Content-* headers
    return message
