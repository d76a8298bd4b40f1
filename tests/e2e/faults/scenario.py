"""One fault scenario: a contest, a stream of traffic, the fault injected mid-stream, then the reckoning."""
from __future__ import annotations

import time
from typing import Callable

from tests.e2e.faults.platform import Platform
from tests.e2e.faults.traffic import Contest, Traffic
from tests.support.poll import eventually

REPORTED: list[str] = []  # every scenario's figures, repeated in pytest's terminal summary (conftest.py)


def report(line: str) -> None:
    print(line, flush=True)
    REPORTED.append(line)


def run(platform: Platform, name: str, inject: Callable[[Contest], float], *, target: str, before: int = 6, after: int = 3,
        timeout: float = 90) -> float:
    """Stream, call `inject(contest)` once `before` submissions were accepted (it returns the monotonic time the fault
    healed), stream on until `after` more were accepted, wait until caught up; assert, print, return the
    recovery time (healed → caught up)."""
    contest = platform.contest(name)
    allowed, repeats = platform.repeats()
    with Traffic(platform, contest) as traffic:
        traffic.wait_accepted(before)
        fault_at = time.monotonic()
        healed_at = inject(contest)
        traffic.wait_accepted(after, since=healed_at, timeout=120)
    caught_up_at = platform.wait_caught_up(contest, timeout)
    recovery = caught_up_at - healed_at
    during = [at for at in traffic.accepted_at if fault_at <= at <= healed_at]
    report(f"recovery: {name} {recovery:.1f} s")
    report(f"  {name}: fault {healed_at - fault_at:.1f} s; {len(contest.accepted)} accepted "
           f"({len(during)} while it lasted), {len(contest.scores)} assignments scored, "
           f"{len(contest.unconfirmed)} unconfirmed; target {target}")
    report(f"  {name}: clients from the fault on: {traffic.calls.summary(since=fault_at)}")
    restarts = platform.supervisor.since(fault_at)
    if restarts:
        report(f"  {name}: the supervisor had to restart: {restarts}")
    assert not traffic.unexpected, f"{name}: answers no client should get: {traffic.unexpected[:10]}"
    assert not contest.unconfirmed, f"{name}: submits never answered: {sorted(contest.unconfirmed)}"
    allowed_now, repeats_now = platform.repeats()
    new_allowed = {mid: n for mid, n in allowed_now.items() if mid not in allowed}
    if new_allowed:
        report(f"  {name}: accepted by the sink just before the kill, sent again with the same Message-ID "
               f"(DESIGN §7): {new_allowed}")
    new_repeats = {mid: n for mid, n in repeats_now.items() if n > repeats.get(mid, 1)}
    assert not new_repeats, f"{name}: mail sent more than once: {new_repeats}"
    assert_dead_letters(platform, name)
    return recovery


def assert_dead_letters(platform: Platform, name: str) -> None:
    """The DLQs hold one dead letter per poison record and consumer group, and nothing else."""
    last = {}

    def complete():
        last["missing"], last["extra"] = platform.dead_letter_difference()
        return not last["missing"]
    try:
        eventually(complete, timeout=30, interval=0.5, what=f"{name}: a dead letter for every poison record")
    except AssertionError:
        raise AssertionError(f"{name}: dead letters missing: {list(last['missing'].elements())[:10]}") from None
    extra = last["extra"]
    assert not extra, f"{name}: the DLQs hold records that are not poison: {list(extra.elements())[:10]}"
