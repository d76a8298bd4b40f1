"""The local platform's supervisor: a process that dies is back within 5 s, the others untouched;
starting and stopping are safe to repeat."""
from __future__ import annotations

import os
import shutil
import signal
import tempfile
import time
from pathlib import Path

import pytest

from deploy.local.supervision import Supervisor, programs, render
from tests.support.poll import eventually


@pytest.fixture
def supervisor():
    # a short folder: a unix socket's path must stay under 108 bytes, pytest's tmp_path does not
    tmp_path = Path(tempfile.mkdtemp(prefix="sv-"))
    (tmp_path / "Procfile").write_text("one: exec sleep 600\ntwo: exec sleep 600 # 50% of a line with 'quotes'\n")
    found = Supervisor(tmp_path, tmp_path / "var")
    yield found
    found.stop()
    shutil.rmtree(tmp_path, ignore_errors=True)


def pids(supervisor: Supervisor) -> dict[str, int]:
    return {name: int(supervisor.ctl("pid", name) or 0) for name in ("one", "two")}


def test_each_procfile_line_is_a_program(tmp_path):
    (tmp_path / "Procfile").write_text("web: exec a 'b' >> log 2>&1\n\n# comment\nworker: exec c\n")
    assert programs(tmp_path / "Procfile") == {"web": "exec a 'b' >> log 2>&1", "worker": "exec c"}
    assert f"command=/bin/bash {tmp_path}/run/programs/web.sh" in render(tmp_path / "Procfile", tmp_path, tmp_path)
    assert (tmp_path / "run" / "programs" / "web.sh").read_text() == "exec a 'b' >> log 2>&1\n"


def test_a_killed_process_is_restarted_and_the_others_keep_running(supervisor):
    supervisor.start()
    before = eventually(lambda: (lambda p: p if all(p.values()) else None)(pids(supervisor)), timeout=10,
                        what="both programs running")
    os.kill(before["one"], signal.SIGKILL)
    killed_at = time.monotonic()
    after = eventually(lambda: (lambda p: p if p["one"] not in (0, before["one"]) else None)(pids(supervisor)),
                       timeout=5, interval=0.1, what="the killed program back")
    assert time.monotonic() - killed_at < 5
    assert after["two"] == before["two"]


def test_starting_twice_and_stopping_twice_are_safe(supervisor):
    supervisor.start()
    first = eventually(lambda: (lambda p: p if all(p.values()) else None)(pids(supervisor)), timeout=10,
                       what="both programs running")
    supervisor.start()
    assert pids(supervisor) == first
    assert supervisor.stop() is True
    assert supervisor.pid() is None
    assert supervisor.stop() is False
    for pid in first.values():
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def environment_of(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(pair.decode().partition("=")[::2] for pair in pairs if pair)


def test_a_programs_own_variables_reach_it_alone_and_leave_with_the_next_start(supervisor):
    supervisor.start({"one": {"NOTIFY_DEMO_LINKS": "1"}})
    first = eventually(lambda: (lambda p: p if all(p.values()) else None)(pids(supervisor)), timeout=10,
                       what="both programs running")
    assert environment_of(first["one"]).get("NOTIFY_DEMO_LINKS") == "1"
    assert "NOTIFY_DEMO_LINKS" not in environment_of(first["two"])
    supervisor.start()  # as `kipp_platform.py up` without --demo-links: the program is started again without it
    again = eventually(lambda: (lambda p: p if p["one"] not in (0, first["one"]) else None)(pids(supervisor)),
                       timeout=10, what="program one started again")
    assert "NOTIFY_DEMO_LINKS" not in environment_of(again["one"]) and pids(supervisor)["two"] == first["two"]
