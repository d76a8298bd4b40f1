"""Start, stop and inspect the four services locally, and seed the demo (used by `make up`).

    kipp_platform.py up       keys, topics, services under honcho, wait for /readyz, seed, print
    kipp_platform.py down     stop the services
    kipp_platform.py status   one line per service
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from deploy.local import seed_demo  # noqa: E402
from shared import config  # noqa: E402
from shared.auth import tokens  # noqa: E402
from shared.kafka.admin import ensure_topics  # noqa: E402

VAR = Path(os.environ.get("KIPP_VAR_DIR", ROOT / "var"))
PID_FILE = VAR / "run" / "platform.pid"
SERVICES = {"intake": 8001, "review": 8002, "notify": 8003, "reporting": 8004}


def port_of(name: str) -> int:
    return int(os.environ.get(f"{name.upper()}_PORT", SERVICES[name]))


def running_pid() -> int | None:
    try:
        pid = int(PID_FILE.read_text())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None


def start_services(settings) -> subprocess.Popen | None:
    """Start honcho with the Procfile unless it runs already; returns the new process."""
    if running_pid():
        print("platform: services already running")
        return None
    (VAR / "log").mkdir(parents=True, exist_ok=True)
    PID_FILE.parent.mkdir(parents=True, exist_ok=True)
    log = open(VAR / "log" / "platform.log", "ab")
    honcho = Path(sys.executable).parent / "honcho"
    process = subprocess.Popen([str(honcho), "start", "-f", str(ROOT / "Procfile")], cwd=ROOT, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True, env=os.environ.copy())
    PID_FILE.write_text(str(process.pid))
    print(f"platform: started the services under honcho (pid {process.pid}), logs in {VAR / 'log'}")
    return process


def wait_ready(honcho: subprocess.Popen | None, timeout: float = 180) -> None:
    """Wait for every /readyz; exit with each service's log tail when one never gets there."""
    deadline = time.monotonic() + timeout
    pending = dict.fromkeys(SERVICES, "not answering")
    alive = (lambda: honcho.poll() is None) if honcho else (lambda: running_pid() is not None)
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
            print(f"platform: the services stopped; see {VAR / 'log' / 'platform.log'}", file=sys.stderr)
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
    if not Path(settings.jwt_private_key_file).exists():
        tokens.generate_keys(settings.jwt_private_key_file, settings.jwt_public_key_file)
    created = ensure_topics(settings.kafka_bootstrap_servers, settings.namespace)
    print(f"platform: namespace {settings.namespace}: {len(created)} topic(s) created")
    wait_ready(start_services(settings))
    urls = {name: f"http://127.0.0.1:{port_of(name)}" for name in SERVICES}
    seed_demo.seed(urls, settings, VAR / "demo-tokens.txt")
    seed_demo.print_welcome(urls, VAR / "demo-tokens.txt")


def down() -> None:
    pid = running_pid()
    if not pid:
        print("platform: services not running")
        return
    os.killpg(pid, signal.SIGTERM)
    for _ in range(60):
        if not running_pid():
            break
        time.sleep(0.5)
    else:
        os.killpg(pid, signal.SIGKILL)
    PID_FILE.unlink(missing_ok=True)
    print("platform: services stopped")


def status() -> None:
    print(f"platform: honcho {'running, pid ' + str(running_pid()) if running_pid() else 'stopped'}")
    for name in SERVICES:
        try:
            code = requests.get(f"http://127.0.0.1:{port_of(name)}/readyz", timeout=3).status_code
        except requests.RequestException:
            code = "down"
        print(f"platform: {name:<10} port {port_of(name)}  readyz {code}")


if __name__ == "__main__":
    {"up": up, "down": down, "status": status}[sys.argv[1] if len(sys.argv) > 1 else "status"]()
