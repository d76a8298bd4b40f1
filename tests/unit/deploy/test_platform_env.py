"""`make up` points the services at the local stack's configured ports."""
from __future__ import annotations

import os

import pytest

from deploy.local import kipp_platform

CONNECTIONS = ("KAFKA_BOOTSTRAP_SERVERS", "MONGO_URI", "SMTP_HOST", "SMTP_PORT", "KIPP_MAIL_DIR", "KIPP_SMTP_FAULT_FILE")
BEFORE = {name: os.environ.get(name) for name in CONNECTIONS}


@pytest.fixture
def no_connections(monkeypatch):
    """None of the connection variables set, and whatever use_local_stack() sets undone afterwards
    (monkeypatch only restores a variable it saw, so each is set before it is removed)."""
    for name in CONNECTIONS:
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    return monkeypatch


def test_the_services_follow_the_stack_ports(no_connections):
    no_connections.setenv("KIPP_KAFKA_PORT", "29092")
    no_connections.setenv("KIPP_MONGO_PORT", "37017")
    no_connections.setenv("KIPP_SMTP_PORT", "21025")
    kipp_platform.use_local_stack()
    assert os.environ["KAFKA_BOOTSTRAP_SERVERS"] == "127.0.0.1:29092"
    assert os.environ["MONGO_URI"] == "mongodb://127.0.0.1:37017/"
    assert (os.environ["SMTP_HOST"], os.environ["SMTP_PORT"]) == ("127.0.0.1", "21025")


def test_a_server_named_in_the_environment_wins(no_connections):
    no_connections.setenv("MONGO_URI", "mongodb://db.kipp.internal:27017/")
    no_connections.setenv("KIPP_MONGO_PORT", "37017")
    kipp_platform.use_local_stack()
    assert os.environ["MONGO_URI"] == "mongodb://db.kipp.internal:27017/"


def test_nothing_leaks_into_the_tests_that_follow():
    assert {name: os.environ.get(name) for name in CONNECTIONS} == BEFORE
