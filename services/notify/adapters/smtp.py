"""Sending over SMTP with smtplib: STARTTLS and AUTH when configured, one reused connection per thread."""
from __future__ import annotations

import logging
import smtplib
import ssl
import threading
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY

from shared.config import Settings
from services.notify.domain.sending import Outcome

log = logging.getLogger(__name__)
IDLE_CHECK_SECONDS = 10.0


class SmtpSender:
    """Sends one message at a time per thread; each thread keeps its own connection open."""

    def __init__(self, settings: Settings, timeout: float = 30.0, ca_file: str = ""):
        self.settings = settings
        self.timeout = timeout
        self.ca_file = ca_file
        self._local = threading.local()

    def _connect(self) -> smtplib.SMTP:
        conn = smtplib.SMTP(self.settings.smtp_host, self.settings.smtp_port, timeout=self.timeout)
        conn.ehlo()
        if self.settings.smtp_starttls:
            context = ssl.create_default_context(cafile=self.ca_file or None)
            conn.starttls(context=context)
            conn.ehlo()
        if self.settings.smtp_username:
            conn.login(self.settings.smtp_username, self.settings.smtp_password)
        return conn

    def _connection(self) -> smtplib.SMTP:
        """This thread's connection, checked with NOOP when it sat idle (servers drop idle clients)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and time.monotonic() - self._local.used > IDLE_CHECK_SECONDS:
            try:
                if conn.noop()[0] != 250:
                    raise smtplib.SMTPServerDisconnected("NOOP refused")
            except (smtplib.SMTPException, OSError):
                self.close()
                conn = None
        if conn is None:
            conn = self._local.conn = self._connect()
        self._local.used = time.monotonic()
        return conn

    def send(self, message: EmailMessage, sender: str, recipient: str) -> Outcome:
        """MAIL, RCPT, DATA for one recipient; the outcome carries the server's last reply."""
        try:
            conn = self._connection()
            for command, args, ok in (("mail", (sender,), (250,)), ("rcpt", (recipient,), (250, 251))):
                code, reply = getattr(conn, command)(*args)
                if code not in ok:
                    self._reset(conn)
                    return Outcome(code, _text(reply))
            code, reply = conn.data(message.as_bytes(policy=SMTP_POLICY))
            return Outcome(code, _text(reply))
        except smtplib.SMTPDataError as exc:  # DATA itself refused (no 354)
            self._reset(getattr(self._local, "conn", None))
            return Outcome(exc.smtp_code, _text(exc.smtp_error))
        except smtplib.SMTPResponseException as exc:  # e.g. STARTTLS or AUTH refused while connecting
            self.close()
            return Outcome(0, f"{exc.smtp_code} {_text(exc.smtp_error)}"[:500])
        except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timed out: try again later
            self.close()
            return Outcome(0, f"{type(exc).__name__}: {exc}"[:500])

    def _reset(self, conn) -> None:
        try:
            if conn is not None:
                conn.rset()
        except (smtplib.SMTPException, OSError):
            self.close()

    def close(self) -> None:
        """Drop this thread's connection."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
