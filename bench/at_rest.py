"""§9 at rest: the whole local stack, idle after `make up`, uses < 5 % of one core.

    make up && .venv/bin/python bench/at_rest.py [--seconds 30]

Finds every process of the stack from its pid files under var/run (Kafka, PostgreSQL,
FerretDB, the SMTP sink, and the platform's supervisor with the four services' web and
worker processes under it), measures the CPU time they and their children use over the
window, and prints it per part and in all as a share of one core.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
TARGET_PERCENT = 5.0


def tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def parts(run_dir: Path) -> dict[str, list[psutil.Process]]:
    """Each pid file's process with its descendants (the platform's: every service process)."""
    found = {}
    for pid_file in sorted(run_dir.glob("*.pid")):
        try:
            processes = tree(int(pid_file.read_text().strip()))
        except ValueError:
            continue
        if processes:
            found[pid_file.stem] = processes
    return found


def cpu_seconds(processes: list[psutil.Process]) -> dict[int, float]:
    seconds = {}
    for process in processes:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return seconds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--run-dir", default=str(ROOT / "var" / "run"))
    args = ap.parse_args()
    found = parts(Path(args.run_dir))
    if "platform" not in found:
        print("at rest: the platform is not running; start it with `make up`", file=sys.stderr)
        return 1
    before = {name: cpu_seconds(processes) for name, processes in found.items()}
    time.sleep(args.seconds)
    total = 0.0
    print(f"at rest over {args.seconds:.0f} s (share of one core):")
    for name, processes in found.items():
        after = cpu_seconds(processes)
        used = sum(after[pid] - before[name].get(pid, after[pid]) for pid in after)
        share = 100 * used / args.seconds
        total += share
        print(f"  {name:<10} {share:6.2f} %  ({len(processes)} processes)")
    verdict = "meets" if total < TARGET_PERCENT else "misses"
    print(f"  {'all':<10} {total:6.2f} %  target < {TARGET_PERCENT:.0f} %: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
