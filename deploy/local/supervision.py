"""The services under supervisord (supervisor from PyPI): each Procfile line is one program,
restarted as soon as it dies while the others keep serving.

supervisord runs as a daemon with its socket and pid file under var/run; `supervisorctl`
talks to it. Starting twice starts only what is stopped; stopping twice is a no-op.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROGRAM = """
[program:{name}]
command=/bin/bash {script}
directory={root}
autostart=true
autorestart=true
startsecs=2
startretries=100
stopasgroup=true
killasgroup=true
stopwaitsecs=20
{environment}"""
HEADER = """[supervisord]
logfile={var}/log/supervisord.log
pidfile={var}/run/platform.pid
childlogdir={var}/log
[unix_http_server]
file={var}/run/supervisor.sock
[supervisorctl]
serverurl=unix://{var}/run/supervisor.sock
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
"""


def programs(procfile: Path) -> dict[str, str]:
    """Procfile lines `name: command`, in order."""
    lines = (line.partition(":") for line in procfile.read_text().splitlines() if line.strip() and not line.startswith("#"))
    return {name.strip(): command.strip() for name, _, command in lines}


def render(procfile: Path, root: Path, var: Path, environment: dict[str, dict[str, str]] | None = None) -> str:
    """supervisord's configuration for every program of the Procfile; each command goes into a script
    of its own under var/run/programs, since supervisord's configuration would read `#`, `;` and `%`
    in a command line as comments and substitutions. `environment` adds variables to some programs only
    (by program name), on top of what every program inherits from supervisord."""
    scripts = var / "run" / "programs"
    scripts.mkdir(parents=True, exist_ok=True)
    sections = []
    for name, command in programs(procfile).items():
        (scripts / f"{name}.sh").write_text(command + "\n")
        extra = (environment or {}).get(name)
        sections.append(PROGRAM.format(name=name, script=scripts / f"{name}.sh", root=root,
                                       environment=f"environment={environment_line(extra)}\n" if extra else ""))
    return HEADER.format(var=var) + "".join(sections)


def environment_line(variables: dict[str, str]) -> str:
    """supervisord's `environment=` value: KEY="value" pairs with `%` doubled (its expansions); values hold no `"`."""
    return ",".join(f'{key}="{str(value).replace("%", "%%")}"' for key, value in sorted(variables.items()))


class Supervisor:
    def __init__(self, root: Path, var: Path):
        self.root, self.var = root, var
        self.config = var / "run" / "supervisord.conf"
        self.pid_file = var / "run" / "platform.pid"
        self.bin = Path(sys.executable).parent

    def pid(self) -> int | None:
        """supervisord's pid while it runs."""
        try:
            pid = int(self.pid_file.read_text())
            os.kill(pid, 0)
            return pid
        except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
            return None

    def start(self, environment: dict[str, dict[str, str]] | None = None) -> None:
        """Start supervisord with every program, or start the programs that are stopped; `environment` as in
        `render` (a program whose variables changed is restarted with them)."""
        (self.var / "log").mkdir(parents=True, exist_ok=True)
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.config.write_text(render(self.root / "Procfile", self.root, self.var, environment))
        if self.pid():
            self.ctl("update")  # programs added to or changed in the Procfile, or given other variables
            self.ctl("start", "all")
            return
        subprocess.run([str(self.bin / "supervisord"), "-c", str(self.config)], cwd=self.root, check=True)
        deadline = time.monotonic() + 10
        while not self.pid() and time.monotonic() < deadline:
            time.sleep(0.1)

    def stop(self, timeout: float = 60) -> bool:
        """Stop every program and supervisord; False when it was not running."""
        pid = self.pid()
        if not pid:
            return False
        self.ctl("shutdown")
        deadline = time.monotonic() + timeout
        while self.pid() and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.pid():
            os.killpg(os.getpgid(pid), 9)
        return True

    def ctl(self, *args: str) -> str:
        """supervisorctl's answer (it exits non-zero when a program is not running, which is an answer too)."""
        done = subprocess.run([str(self.bin / "supervisorctl"), "-c", str(self.config), *args], capture_output=True,
                              text=True, cwd=self.root)
        return done.stdout.strip()
