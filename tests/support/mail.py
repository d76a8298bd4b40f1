"""Reading the SMTP sink's .eml files in tests: one reader for every test (the sink writes each message
once, under a name that sorts by arrival, with the envelope recipient in `X-Sink-Rcpt-To`)."""
from __future__ import annotations

import email
import socket
import subprocess
import sys
from collections import Counter
from datetime import datetime, timezone
from email import policy
from pathlib import Path

from tests.support.poll import eventually
from tests.support.procs import free_port
from tests.support.stack import ROOT

SINK = ROOT / "deploy" / "local" / "smtp_sink.py"


def stored_at(path: Path) -> datetime:
    """When the sink accepted the message in `path` (its name: `<UTC %Y%m%dT%H%M%S.%fZ>-<uuid>.eml`), before it
    answered 250."""
    return datetime.strptime(path.name.split("-", 1)[0], "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=timezone.utc)


def envelope_recipient(message) -> str:
    """The address the sink received the message for (RCPT TO), lower-cased."""
    return str(message.get("X-Sink-Rcpt-To", "")).strip().strip("<>").lower()


class MailBox:
    """A sink's maildir; each file is parsed once (a finished file never changes)."""

    def __init__(self, mail_dir: Path):
        self.mail_dir = Path(mail_dir)
        self._parsed: dict[Path, email.message.EmailMessage] = {}

    def files(self) -> list[tuple[Path, email.message.EmailMessage]]:
        """Every message with its file, in arrival order (the file name begins with the UTC time the sink
        accepted it: `stored_at`)."""
        for path in sorted(self.mail_dir.glob("*.eml")):
            if path not in self._parsed:
                self._parsed[path] = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        return sorted(self._parsed.items())

    def messages(self, recipient: str | None = None) -> list:
        """Every message in arrival order, or only those whose envelope went to `recipient`."""
        found = [message for _, message in self.files()]
        return found if recipient is None else [m for m in found if envelope_recipient(m) == recipient.lower()]

    def wait_for(self, recipient: str, count: int = 1, timeout: float = 30) -> list:
        """Once `recipient` has `count` messages, they."""
        return eventually(lambda: (lambda m: m if len(m) >= count else None)(self.messages(recipient)),
                          timeout=timeout, what=f"{count} e-mail(s) to {recipient} in {self.mail_dir}")

    def recipients(self) -> Counter:
        """How many messages each envelope recipient got."""
        return Counter(envelope_recipient(m) for m in self.messages())

    def message_id_counts(self) -> Counter:
        return Counter(str(m["Message-ID"]) for m in self.messages())


_BOXES: dict[Path, MailBox] = {}


def mailbox(mail_dir: Path) -> MailBox:
    """The reader of a maildir (one per directory, so each file is parsed once in a run)."""
    return _BOXES.setdefault(Path(mail_dir), MailBox(mail_dir))


def messages(mail_dir: Path, recipient: str | None = None) -> list:
    return mailbox(mail_dir).messages(recipient)


def wait_for_mail(mail_dir: Path, recipient: str, count: int = 1, timeout: float = 30) -> list:
    return mailbox(mail_dir).wait_for(recipient, count, timeout)


class Sink:
    """A real SMTP server (deploy/local/smtp_sink.py) of our own: its port, maildir and fault file."""

    def __init__(self, base: Path, port: int | None = None):
        self.port = port or free_port()
        self.mail_dir = base / "mail"
        self.fault_file = base / "smtp-fault"  # the sink reads <maildir>/../smtp-fault
        self.log = open(base / "sink.log", "ab")
        self.process = None
        self.box = MailBox(self.mail_dir)
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(SINK), "--host", "127.0.0.1", "--port", str(self.port),
                                         "--maildir", str(self.mail_dir), "--quiet"],
                                        stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        eventually(self._listening, timeout=15, what=f"SMTP sink on port {self.port}")

    def _listening(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    def fault(self, code: str) -> None:
        self.fault_file.write_text(code)

    def heal(self) -> None:
        self.fault_file.unlink(missing_ok=True)

    def messages(self, recipient: str | None = None) -> list:
        return self.box.messages(recipient)

    def recipients(self) -> Counter:
        return self.box.recipients()

    def wait_for(self, recipient: str, count: int = 1, timeout: float = 30) -> list:
        return self.box.wait_for(recipient, count, timeout)

    def message_id_counts(self) -> Counter:
        return self.box.message_id_counts()

    def close(self) -> None:
        self.stop()
        self.heal()
        self.log.close()
