"""STARTTLS and AUTH against a real SMTP server (aiosmtpd) that insists on both."""
from __future__ import annotations

import ipaddress
import ssl
from datetime import datetime, timedelta, timezone

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from shared.config import Settings
from services.notify.adapters.smtp import SmtpSender
from services.notify.adapters.templates import Templates
from services.notify.domain.compose import compose
from services.notify.domain.samples import sample_context
from tests.support.procs import free_port

pytestmark = pytest.mark.integration


def self_signed(directory) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=1))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


class Recorder:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, session.ssl is not None, session.authenticated, envelope.content))
        return "250 2.0.0 queued"


@pytest.fixture
def secure_server(tmp_path):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"kipp", b"rahasia")
        return AuthResult(success=ok)
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, auth_required=True, auth_require_tls=True,
                            authenticator=authenticator)
    controller.start()
    yield controller, recorder, cert
    controller.stop()


def message(to: str):
    delivery = {"_id": "d" * 32, "source_id": "event-1", "template": "receipt", "language": "id", "recipient": to,
                "message_id": "<" + "d" * 32 + "@kipp.local>", "context": sample_context("receipt", "id")}
    return compose(delivery, Templates().render("receipt", "id", delivery["context"]), "KIPP <noreply@kipp.local>",
                   datetime.now(timezone.utc))


def settings(port: int, password: str) -> Settings:
    return Settings(service="notify", smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=True,
                    smtp_username="kipp", smtp_password=password)


def test_mail_goes_over_starttls_with_auth(secure_server):
    controller, recorder, cert = secure_server
    sender = SmtpSender(settings(controller.port, "rahasia"), timeout=5, ca_file=cert)
    outcome = sender.send(message("biro@sulsel.go.id"), "noreply@kipp.local", "biro@sulsel.go.id")
    sender.close()
    assert outcome.sent and outcome.text.startswith("250")
    rcpts, tls, authenticated, content = recorder.received[0]
    assert rcpts == ["biro@sulsel.go.id"] and tls and authenticated
    assert b"Message-ID: <" + b"d" * 32 + b"@kipp.local>" in content


def test_wrong_credentials_are_a_passing_problem_not_a_failed_mail(secure_server):
    controller, recorder, cert = secure_server
    sender = SmtpSender(settings(controller.port, "salah"), timeout=2, ca_file=cert)
    outcome = sender.send(message("biro@sulsel.go.id"), "noreply@kipp.local", "biro@sulsel.go.id")
    # smtplib tries each mechanism in turn (this server answers 535, then stalls LOGIN): retried later
    assert not outcome.sent and not outcome.permanent and outcome.code == 0
    assert recorder.received == []


def test_an_untrusted_certificate_is_refused(secure_server):
    controller, recorder, _ = secure_server
    sender = SmtpSender(settings(controller.port, "rahasia"), timeout=5)
    outcome = sender.send(message("biro@sulsel.go.id"), "noreply@kipp.local", "biro@sulsel.go.id")
    assert not outcome.sent and not outcome.permanent and "CERTIFICATE_VERIFY_FAILED" in outcome.text
    assert recorder.received == []
