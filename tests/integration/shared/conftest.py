"""A store of one's own to stop and kill: our FerretDB build on a free port over the stack's PostgreSQL,
so the shared store other tests use is never touched. It holds no data of its own: a test's namespace
keeps it apart in PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess

import pytest
from pymongo import MongoClient

from tests.support.poll import eventually
from tests.support.procs import free_port


class PrivateStore:
    """One FerretDB process: `uri` to reach it, `kill()` it, `freeze()` it (SIGSTOP: the port accepts,
    nothing answers) and `thaw()` it."""

    def __init__(self, binary, postgres_url: str):
        self.uri = f"mongodb://127.0.0.1:{free_port()}/"
        port = self.uri.rsplit(":", 1)[1].strip("/")
        self.process = subprocess.Popen([str(binary), "-listen-addr", f"127.0.0.1:{port}", "-postgresql-url",
                                         postgres_url, "-log-level", "error"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def answers(self) -> bool:
        client = MongoClient(self.uri, serverSelectionTimeoutMS=500, connectTimeoutMS=500, socketTimeoutMS=2000)
        try:
            client.kipp_probe.probe.find_one({})  # a read, as the services make (not `ping`)
            return True
        except Exception:
            return False
        finally:
            client.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(10)

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)


@pytest.fixture
def private_store(stack):
    binary = stack.var_dir / "bin" / "ferretdb"
    assert binary.exists(), f"{binary} is missing: 'deploy/local/infra provision' builds it"
    store = PrivateStore(binary, stack.postgres_url)
    try:
        eventually(lambda: store.process.poll() is not None or store.answers(), timeout=20,
                   what="the private FerretDB to answer")
        assert store.process.poll() is None, "the private FerretDB exited at start"
        yield store
    finally:
        if store.process.poll() is None:
            store.thaw()
            store.kill()
