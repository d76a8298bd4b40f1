"""`make up` points the services at the local stack's configured ports, and gives notify alone the demo's
sign-in links flag."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from deploy.local import kipp_platform
from deploy.local.supervision import environment_line, render

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


def test_make_up_gives_the_demo_links_flag_to_notifys_processes_alone(tmp_path):
    (tmp_path / "Procfile").write_text("notify-web: exec a\nnotify-worker: exec b\nreview-web: exec c\n")
    on = render(tmp_path / "Procfile", tmp_path, tmp_path, kipp_platform.program_environment(True))
    sections = {part.split("]", 1)[0]: part for part in on.split("[program:")[1:]}
    assert 'environment=NOTIFY_DEMO_LINKS="1"' in sections["notify-web"] and "environment=" in sections["notify-worker"]
    assert "environment=" not in sections["review-web"]
    off = render(tmp_path / "Procfile", tmp_path, tmp_path, kipp_platform.program_environment(False))
    assert "NOTIFY_DEMO_LINKS" not in off


def test_only_make_up_turns_the_demo_links_on():
    root = Path(kipp_platform.ROOT)
    assert "kipp_platform.py up --demo-links" in (root / "Makefile").read_text()
    for path in [root / "docker-compose.yml", root / "Procfile", *sorted((root / "deploy" / "docker").rglob("*"))]:
        assert not path.is_file() or "NOTIFY_DEMO_LINKS" not in path.read_text(), path


def test_environment_values_survive_supervisords_expansions():
    assert environment_line({"B": "50%", "A": "1"}) == 'A="1",B="50%%"'
