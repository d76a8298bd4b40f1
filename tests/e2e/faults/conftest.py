"""The fault suite's fixtures: a private stack (never the shared one: other tests and people use it),
the four services on it, and the figures repeated at the end of pytest's report."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.e2e.faults.platform import Platform
from tests.e2e.faults.scenario import REPORTED
from tests.support.private_stack import PrivateStack
from tests.support.topics import new_namespace

# A stall of the SMTP server longer than notify's SMTP timeout makes the sends in flight time out, the
# case where a mail could be repeated; 10 s instead of the production 30 s keeps that scenario short.
SERVICE_ENV = {"NOTIFY_SMTP_TIMEOUT": "10"}


@pytest.fixture(scope="module")
def private_stack(request):
    """Kafka, PostgreSQL + FerretDB and an SMTP sink of this module's own, stopped and deleted afterwards;
    when a test failed, the parts' and the services' logs are kept (the path is printed)."""
    found = PrivateStack()
    failed_before = request.session.testsfailed
    try:
        found.up()
        yield found
    finally:
        if request.session.testsfailed > failed_before:
            kept = Path(tempfile.mkdtemp(prefix="kipp-faults-logs-"))
            shutil.copytree(found.logs(), kept, dirs_exist_ok=True)
            print(f"\nfault suite: logs of the private stack and the services kept in {kept}")
        found.remove()


@pytest.fixture(scope="module")
def platform(private_stack, keys_dir, auth):
    namespace = new_namespace(private_stack.stack.kafka, "f")
    logs = private_stack.logs() / "services"
    logs.mkdir(parents=True, exist_ok=True)
    started = Platform(private_stack, namespace, keys_dir, logs, auth, **SERVICE_ENV)
    try:
        yield started
    finally:
        started.stop()


def pytest_terminal_summary(terminalreporter):
    if REPORTED:
        terminalreporter.section("fault suite: recovery figures")
        for line in REPORTED:
            terminalreporter.write_line(line)
