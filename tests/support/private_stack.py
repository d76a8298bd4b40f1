"""A whole local stack of one's own, to kill and freeze without touching the shared one.

`deploy/local/infra` itself runs it, in a temporary var dir on free ports (KIPP_VAR_DIR and the
KIPP_*_PORT variables): Kafka, PostgreSQL with FerretDB in front, the SMTP sink. Nothing is built
or fetched again: the provisioned FerretDB binary and Kafka jars of the shared var dir are linked
in with their stamps, which make `provision` a no-op; only the PostgreSQL cluster is new (initdb
takes seconds). Every part leads its own process group (infra starts each with setsid), so a
signal to the group reaches all of a part's processes (PostgreSQL's backends too).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from tests.support.procs import free_port
from tests.support.stack import ROOT, Stack

INFRA = ROOT / "deploy" / "local" / "infra"
PORTS = ("KIPP_KAFKA_PORT", "KIPP_KAFKA_CONTROLLER_PORT", "KIPP_MONGO_PORT", "KIPP_PG_PORT", "KIPP_SMTP_PORT")


def _link_provisioned(source: Path, var: Path) -> None:
    """The shared var dir's FerretDB build and Kafka jars, linked in with the stamps that make provisioning a no-op."""
    ferretdb, libs = source / "bin" / "ferretdb", source / "kafka" / "libs"
    for needed in (ferretdb, ferretdb.with_suffix(".stamp"), libs / ".stamp"):
        if not needed.exists():
            raise RuntimeError(f"{needed} is missing: run 'deploy/local/infra provision' once")
    (var / "bin").mkdir()
    (var / "kafka").mkdir()
    (var / "bin" / "ferretdb").symlink_to(ferretdb)
    shutil.copy(ferretdb.with_suffix(".stamp"), var / "bin" / "ferretdb.stamp")
    (var / "kafka" / "libs").symlink_to(libs)


class PrivateStack:
    """The four parts in a temporary var dir: `up()`, `down()`, signal a part, read its state."""

    def __init__(self, source_var: Path = ROOT / "var"):
        # a short path of its own (PostgreSQL's socket path must stay under 108 bytes), readable by
        # the `postgres` user PostgreSQL runs as when the tests run as root
        self.var = Path(tempfile.mkdtemp(prefix="kipp-faults-"))
        self.var.chmod(0o755)
        _link_provisioned(source_var, self.var)
        self.ports = {name: free_port() for name in PORTS}
        self.env = {**os.environ, "KIPP_VAR_DIR": str(self.var), "KIPP_STOP_TIMEOUT": "10",
                    **{name: str(port) for name, port in self.ports.items()}}

    @property
    def stack(self) -> Stack:
        """Where the services find the parts (the Stack the shared fixtures describe, but ours)."""
        return Stack(kafka=f"127.0.0.1:{self.ports['KIPP_KAFKA_PORT']}",
                     mongo_uri=f"mongodb://127.0.0.1:{self.ports['KIPP_MONGO_PORT']}/",
                     smtp_host="127.0.0.1", smtp_port=self.ports["KIPP_SMTP_PORT"], mail_dir=self.var / "mail",
                     var_dir=self.var,
                     postgres_url=f"postgres://ferretdb@127.0.0.1:{self.ports['KIPP_PG_PORT']}/ferretdb")

    @property
    def smtp_fault_file(self) -> Path:
        return self.var / "smtp-fault"

    def infra(self, *args: str, timeout: float = 240) -> str:
        """Run `deploy/local/infra` on this stack; its output, or RuntimeError with it."""
        done = subprocess.run([str(INFRA), *args], env=self.env, cwd=ROOT, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise RuntimeError(f"infra {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout + done.stderr

    def up(self) -> str:
        """Start whatever is not running and wait until every part answers."""
        return self.infra("up")

    def down(self) -> None:
        self.infra("down", timeout=120)

    def pid(self, part: str) -> int | None:
        """The pid of a part (postgres, kafka, ferretdb, smtp) from infra's pid file, if it is running."""
        try:
            pid = int((self.var / "run" / f"{part}.pid").read_text())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def signal(self, part: str, sig: signal.Signals) -> int:
        """Send `sig` to every process of the part; its pid."""
        pid = self.pid(part)
        if pid is None:
            raise RuntimeError(f"{part} is not running")
        os.killpg(pid, sig)
        return pid

    def stopped_for(self, part: str, seconds: float) -> float:
        """Freeze the part for `seconds` (SIGSTOP: its port still accepts, nothing answers), then wake it; the
        moment it woke (time.monotonic)."""
        self.signal(part, signal.SIGSTOP)
        try:
            time.sleep(seconds)
        finally:
            self.signal(part, signal.SIGCONT)
        return time.monotonic()

    def kill(self, *parts: str) -> None:
        """SIGKILL each part and wait until it is gone (infra's `up` then starts it again)."""
        for part in parts:
            pid = self.signal(part, signal.SIGKILL)
            _wait_gone(pid)

    def logs(self) -> Path:
        return self.var / "log"

    def remove(self) -> None:
        """Stop everything (SIGKILL what resists) and delete the var dir."""
        try:
            for part in ("ferretdb", "postgres", "kafka", "smtp"):  # thaw what a test left frozen
                if self.pid(part):
                    os.killpg(self.pid(part), signal.SIGCONT)
            self.down()
        finally:
            for part in ("ferretdb", "postgres", "kafka", "smtp"):
                pid = self.pid(part)
                if pid:
                    try:
                        os.killpg(pid, signal.SIGKILL)
                    except OSError:
                        pass
            shutil.rmtree(self.var, ignore_errors=True)


def _wait_gone(pid: int, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        try:  # a child of ours would stay a zombie; infra's parts are not our children
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        except ChildProcessError:
            pass
        if Path(f"/proc/{pid}/stat").exists() and Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z":
            return
        time.sleep(0.05)
    raise RuntimeError(f"process {pid} still alive {timeout}s after SIGKILL")
