"""Start, stop and inspect the four services locally, and seed the demo (used by `make up`).

    kipp_platform.py up       keys, topics, services under supervisord, wait for /readyz, seed, print
    kipp_platform.py down     stop the services
    kipp_platform.py status   one line per process and per service

up and down hold a lock (var/run/platform.lock), so running them at any moment, twice or
during the other, waits for the other to finish instead of racing it.
"""
from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.local import seed_demo  # noqa: E402
from deploy.local.supervision import Supervisor  # noqa: E402
from shared import config  # noqa: E402
from shared.auth import tokens  # noqa: E402
from shared.kafka.admin import ensure_topics  # noqa: E402

VAR = Path(os.environ.get("KIPP_VAR_DIR", ROOT / "var"))
LOCK_FILE = VAR / "run" / "platform.lock"
SUPERVISOR = Supervisor(ROOT, VAR)
SERVICES = {"intake": 8001, "review": 8002, "notify": 8003, "reporting": 8004}


def port_of(name: str) -> int:
    return int(os.environ.get(f"{name.upper()}_PORT", SERVICES[name]))


@contextmanager
def locked():
    """One `up` or `down` at a time."""
    LOCK_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def wait_ready(timeout: float = 180) -> None:
    """Wait for every /readyz; exit with each service's log tail when one never gets there."""
    deadline = time.monotonic() + timeout
    pending = dict.fromkeys(SERVICES, "not answering")
    alive = lambda: SUPERVISOR.pid() is not None  # noqa: E731
    while pending and time.monotonic() < deadline and alive():
        for name in list(pending):
            try:
                response = requests.get(f"http://127.0.0.1:{port_of(name)}/readyz", timeout=5)
                if response.status_code == 200:
                    del pending[name]
                else:
                    pending[name] = response.text[:300]
            except requests.RequestException as exc:
                pending[name] = str(exc)[:300]
        if pending:
            time.sleep(0.5)
    if pending:
        if not alive():
            print(f"platform: supervisord stopped; see {VAR / 'log' / 'supervisord.log'}", file=sys.stderr)
        for name, why in pending.items():
            print(f"platform: {name} not ready: {why}", file=sys.stderr)
            for kind in ("web", "worker"):
                path = VAR / "log" / f"{name}-{kind}.log"
                if path.exists():
                    print(f"--- tail of {path}", file=sys.stderr)
                    print("\n".join(path.read_text(errors="replace").splitlines()[-15:]), file=sys.stderr)
        sys.exit(1)


def use_local_stack() -> None:
    """Point the services at the local stack's ports (`infra env`: KIPP_KAFKA_PORT, KIPP_MONGO_PORT,
    KIPP_SMTP_PORT...), unless the environment already names a Kafka, MongoDB or SMTP server."""
    printed = subprocess.run([str(ROOT / "deploy" / "local" / "infra"), "env"], capture_output=True, text=True,
                             check=True).stdout
    for line in printed.splitlines():
        name, _, value = line.partition("=")
        if name and value:
            os.environ.setdefault(name, value)


def up() -> None:
    use_local_stack()
    settings = config.from_env("platform")
    for private, public in ((settings.jwt_private_key_file, settings.jwt_public_key_file),
                            (settings.signin_private_key_file, settings.signin_public_key_file)):
        if not Path(private).exists():
            tokens.generate_keys(private, public)
    created = ensure_topics(settings.kafka_bootstrap_servers, settings.namespace)
    print(f"platform: namespace {settings.namespace}: {len(created)} topic(s) created")
    SUPERVISOR.start()
    print(f"platform: the services run under supervisord (pid {SUPERVISOR.pid()}), logs in {VAR / 'log'}")
    wait_ready()
    urls = {name: f"http://127.0.0.1:{port_of(name)}" for name in SERVICES}
    seed_demo.seed(urls, settings, VAR / "demo-tokens.txt")
    seed_demo.print_welcome(urls, VAR / "demo-tokens.txt")


def down() -> None:
    print("platform: services stopped" if SUPERVISOR.stop() else "platform: services not running")


def status() -> None:
    pid = SUPERVISOR.pid()
    print(f"platform: supervisord {'running, pid ' + str(pid) if pid else 'stopped'}")
    if pid:
        print(SUPERVISOR.ctl("status"))
    for name in SERVICES:
        try:
            code = requests.get(f"http://127.0.0.1:{port_of(name)}/readyz", timeout=3).status_code
        except requests.RequestException:
            code = "down"
        print(f"platform: {name:<10} port {port_of(name)}  readyz {code}")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "status"
    if command == "status":
        status()
    else:
        with locked():
            {"up": up, "down": down}[command]()
