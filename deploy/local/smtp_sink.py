#!/usr/bin/env python3
"""SMTP sink for the local stack: a real SMTP server that keeps every message.

    python deploy/local/smtp_sink.py --host 127.0.0.1 --port 1025 --maildir var/mail

Every accepted message is written to ``<maildir>/<UTC timestamp>-<uuid>.eml`` (the
raw message as received, preceded by ``X-Sink-Mail-From`` / ``X-Sink-Rcpt-To``
headers carrying the SMTP envelope).  The file is written under a hidden temporary
name in the same directory and then renamed, so a reader globbing ``*.eml`` never
sees a half-written message.  File names sort in arrival order.

Fault injection (for tests): if the fault file exists (default
``<maildir>/../smtp-fault``) and holds an SMTP reply code, RCPT TO and DATA are
answered with that code instead of storing anything:

    550 -> "550 5.1.1 mailbox unavailable"      (permanent failure)
    451 -> "451 4.3.0 try again later"          (transient failure)
    any other 4xx/5xx code, optionally followed by a text, is used as given.

The file is read on every command, so writing or removing it takes effect on the
next RCPT/DATA without restarting the sink.  Downtime is simulated by stopping the
process (``deploy/local/infra stop-smtp`` / ``start-smtp``).

Plain SMTP only (no TLS).  AUTH PLAIN/LOGIN is advertised and any credentials are
accepted, so a client configured with a username/password also works; it is never
required.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import logging
import os
import signal
import sys
import uuid
from pathlib import Path

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

log = logging.getLogger("smtp_sink")

_FAULT_TEXT = {
    "550": "550 5.1.1 mailbox unavailable",
    "451": "451 4.3.0 try again later",
}


class SinkHandler:
    def __init__(self, maildir: Path, fault_file: Path) -> None:
        self.maildir = maildir
        self.fault_file = fault_file

    def fault_reply(self) -> str | None:
        """The injected reply, or None when no fault is configured."""
        try:
            raw = self.fault_file.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except OSError as exc:  # unreadable: treat as a transient failure
            log.warning("cannot read fault file %s: %s", self.fault_file, exc)
            return _FAULT_TEXT["451"]
        if not raw:
            return None
        code = raw.split()[0]
        if code in _FAULT_TEXT:
            return _FAULT_TEXT[code] if raw == code else raw
        if len(code) == 3 and code.isdigit() and code[0] in "45":
            return raw if raw != code else f"{code} fault injected"
        log.warning("ignoring fault file content %r (want e.g. 550 or 451)", raw)
        return None

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        fault = self.fault_reply()
        if fault:
            log.info("RCPT %s refused (fault): %s", address, fault)
            return fault
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        fault = self.fault_reply()
        if fault:
            log.info("DATA refused (fault): %s", fault)
            return fault
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode("utf-8")
        prefix = (
            f"X-Sink-Mail-From: <{envelope.mail_from or ''}>\r\n"
            f"X-Sink-Rcpt-To: {', '.join(f'<{r}>' for r in envelope.rcpt_tos)}\r\n"
        ).encode("utf-8")
        now = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        ident = uuid.uuid4().hex
        final = self.maildir / f"{now}-{ident}.eml"
        tmp = self.maildir / f".tmp-{ident}.part"
        self.maildir.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            fh.write(prefix)
            fh.write(content)
        os.rename(tmp, final)
        log.info("stored %s from=%s to=%s (%d bytes)", final.name, envelope.mail_from,
                 ",".join(envelope.rcpt_tos), len(content))
        return "250 2.0.0 Message accepted"


def _accept_any_auth(server, session, envelope, mechanism, auth_data) -> AuthResult:
    return AuthResult(success=True)


async def serve(host: str, port: int, handler: SinkHandler) -> None:
    loop = asyncio.get_running_loop()

    def factory() -> SMTP:
        return SMTP(
            handler,
            hostname="kipp-smtp-sink",
            enable_SMTPUTF8=True,
            auth_required=False,
            auth_require_tls=False,
            authenticator=_accept_any_auth,
        )

    server = await loop.create_server(factory, host=host, port=port, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("listening on %s:%d, maildir %s, fault file %s",
             host, port, handler.maildir, handler.fault_file)
    try:
        await stop.wait()
    finally:
        server.close()
        await server.wait_closed()
        log.info("stopped")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=1025)
    ap.add_argument("--maildir", default="var/mail")
    ap.add_argument("--fault-file", default=None,
                    help="default: <maildir>/../smtp-fault")
    ap.add_argument("--quiet", action="store_true", help="log warnings only")
    args = ap.parse_args(argv)

    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stdout,
    )
    # aiosmtpd logs every command at INFO/DEBUG; keep the log small.
    logging.getLogger("mail.log").setLevel(logging.WARNING)

    maildir = Path(args.maildir).resolve()
    maildir.mkdir(parents=True, exist_ok=True)
    fault_file = Path(args.fault_file).resolve() if args.fault_file else maildir.parent / "smtp-fault"
    asyncio.run(serve(args.host, args.port, SinkHandler(maildir, fault_file)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
