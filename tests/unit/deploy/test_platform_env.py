"""`make up` points the services at the local stack's configured ports."""
from __future__ import annotations

import os

from deploy.local import kipp_platform

CONNECTIONS = ("KAFKA_BOOTSTRAP_SERVERS", "MONGO_URI", "SMTP_HOST", "SMTP_PORT", "KIPP_MAIL_DIR", "KIPP_SMTP_FAULT_FILE")


def test_the_services_follow_the_stack_ports(monkeypatch):
    for name in CONNECTIONS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KIPP_KAFKA_PORT", "29092")
    monkeypatch.setenv("KIPP_MONGO_PORT", "37017")
    monkeypatch.setenv("KIPP_SMTP_PORT", "21025")
    kipp_platform.use_local_stack()
    assert os.environ["KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:29092"
    assert os.environ["MONGO_URI"] == "mongodb://127.0.0.1:37017/"
    assert (os.environ["SMTP_HOST"], os.environ["SMTP_PORT"]) == ("127.0.0.1", "21025")


def test_a_server_named_in_the_environment_wins(monkeypatch):
    for name in CONNECTIONS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MONGO_URI", "mongodb://db.kipp.internal:27017/")
    monkeypatch.setenv("KIPP_MONGO_PORT", "37017")
    kipp_platform.use_local_stack()
    assert os.environ["MONGO_URI"] == "mongodb://db.kipp.internal:27017/"
