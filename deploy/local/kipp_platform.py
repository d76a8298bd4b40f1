"""Start, stop and inspect the four services locally, and seed the demo (used by `make up`).

    kipp_platform.py up [--demo-links]   keys, topics, services under supervisord, wait for /readyz, seed, print
    kipp_platform.py down     stop the services
    kipp_platform.py status   one line per process and per service

`--demo-links` (what `make up` passes) starts notify with NOTIFY_DEMO_LINKS=1 and prints a sign-in link
per demo account that needs no mailbox; without it notify runs as in production (links work once).

up and down hold a lock (var/run/platform.lock), so running them at any moment, twice or
during the other, waits for the other to finish instead of racing it.
"""
from __future__ import annotations

import argparse
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
DEMO_LINKS = {"NOTIFY_DEMO_LINKS": "1"}  # notify's processes only, and only when `up --demo-links` asks


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


def program_environment(demo_links: bool) -> dict[str, dict[str, str]]:
    """Variables for some programs only (supervision.render): the demo's sign-in links are notify's business."""
    return {name: dict(DEMO_LINKS) for name in ("notify-web", "notify-worker")} if demo_links else {}


def up(demo_links: bool = False) -> None:
    use_local_stack()
    os.environ.pop("NOTIFY_DEMO_LINKS", None)  # never inherited by every program from whoever ran this
    for name in SERVICES:  # where browsers reach each service follows its port (people's pages, the printed links)
        os.environ.setdefault(f"KIPP_{name.upper()}_URL", f"http://127.0.0.1:{port_of(name)}")
    settings = config.from_env("platform")
    for private, public in ((settings.jwt_private_key_file, settings.jwt_public_key_file),
                            (settings.signin_private_key_file, settings.signin_public_key_file)):
        if not Path(private).exists():
            tokens.generate_keys(private, public)
    created = ensure_topics(settings.kafka_bootstrap_servers, settings.namespace)
    print(f"platform: namespace {settings.namespace}: {len(created)} topic(s) created")
    SUPERVISOR.start(program_environment(demo_links))
    print(f"platform: the services run under supervisord (pid {SUPERVISOR.pid()}), logs in {VAR / 'log'}")
    wait_ready()
    urls = {name: f"http://127.0.0.1:{port_of(name)}" for name in SERVICES}
    started = time.monotonic()
    figures = seed_demo.seed(urls, settings, VAR / "demo-tokens.txt")
    print(f"platform: demo data in place ({time.monotonic() - started:.1f} s)")
    links = seed_demo.sign_in_links(urls, {**os.environ, **DEMO_LINKS}) if demo_links else {}
    seed_demo.print_welcome(urls, VAR / "demo-tokens.txt", links, figures)


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
    parser = argparse.ArgumentParser(description="the local platform: up, down, status")
    parser.add_argument("command", nargs="?", default="status", choices=("up", "down", "status"))
    parser.add_argument("--demo-links", action="store_true", help="up: reusable sign-in links for the demo accounts")
    args = parser.parse_args()
    if args.command == "status":
        status()
    elif args.command == "up":
        with locked():
            up(args.demo_links)
    else:
        with locked():
            down()
