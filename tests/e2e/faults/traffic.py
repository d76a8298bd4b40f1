"""A stream of real traffic while a fault is injected: regions create and submit entries, judges score.

Each call is made the way a careful client makes it: a draft is created under an Idempotency-Key,
and a 503, a 5xx, a timeout, a refused connection or a 409 saying the key's first request is still in
hand is answered by sending the same request again (repeating a submit is safe, DESIGN §4 and intake's
API docs) until the stream's deadline. An entry
is *accepted* only when intake answered 200 to its submit; a score counts only when review answered
200. Every attempt is recorded, so a scenario can print what the clients saw during the fault.
"""
from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import requests

from tests import factories
from tests.support.poll import eventually

RETRIED = {500, 502, 503, 504}
AGENCY_REGIONS = (("73.71", "kota"), ("73.15", "kabupaten"))  # both inside the token's province 73
CRITERIA = [k for k, _ in factories.CRITERIA]


@dataclass
class Contest:
    """One scenario's competition: what the clients were told, so what the pipeline owes them."""

    name: str
    cid: str
    bodies: dict = field(default_factory=dict)     # entry id → body, every draft created
    accepted: set = field(default_factory=set)     # entries whose submit intake answered 200
    unconfirmed: set = field(default_factory=set)  # drafts whose submit never got an answer: maybe submitted
    screened: set = field(default_factory=set)     # entries screened eligible (a status mail each)
    assignments: list = field(default_factory=list)  # {"id", "entry_id", "judge_id"}
    scores: dict = field(default_factory=dict)     # assignment id → total of its latest accepted revision
    unsure_scores: set = field(default_factory=set)  # assignments whose last PUT got no answer
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class Calls:
    """Every attempt the clients made: (operation, status or error name, seconds, time it ended)."""

    def __init__(self):
        self.attempts: list[tuple] = []
        self.lock = threading.Lock()

    def note(self, operation: str, outcome, seconds: float) -> None:
        with self.lock:
            self.attempts.append((operation, outcome, seconds, time.monotonic()))

    def summary(self, since: float | None = None) -> dict:
        """Counts of outcomes per operation, and the slowest non-2xx answer (the fail-fast figure)."""
        with self.lock:
            found = [a for a in self.attempts if since is None or a[3] >= since]
        outcomes = Counter(f"{op} {outcome}" for op, outcome, _, _ in found)
        refusals = [s for _, outcome, s, _ in found if isinstance(outcome, int) and outcome >= 500]
        return {"outcomes": dict(sorted(outcomes.items())), "slowest_5xx_s": round(max(refusals, default=0.0), 2),
                "slowest_s": round(max((s for _, _, s, _ in found), default=0.0), 2)}


def still_in_hand(reply) -> bool:
    """409 idempotency-key-in-use: a request with the same key has not answered yet (or was cut off by the
    fault and its claim has not lapsed); the answer asks the client to send it again shortly."""
    if reply.status_code != 409 or not reply.headers.get("Content-Type", "").startswith("application/problem+json"):
        return False
    return reply.json().get("rule") == "idempotency-key-in-use"


def persist(calls: Calls, operation: str, method: str, url: str, until: float, **kwargs):
    """Send the request until it gets an answer that is not a transient failure, or until `until`;
    the final response, or None when every attempt failed."""
    while True:
        started = time.monotonic()
        try:
            reply = requests.request(method, url, timeout=10, **kwargs)
            calls.note(operation, reply.status_code, time.monotonic() - started)
            if reply.status_code not in RETRIED and not still_in_hand(reply):
                return reply
        except requests.RequestException as exc:
            calls.note(operation, type(exc).__name__, time.monotonic() - started)
        if time.monotonic() >= until:
            return None
        time.sleep(0.5)  # a client's pause before trying again, not a wait for the system to settle


class Traffic:
    """Submitters and a scorer in threads, from `start()` until `stop()`; a context manager."""

    def __init__(self, platform, contest: Contest, submitters: int = 2, pace: float = 0.6, score_pace: float = 0.25,
                 grace: float = 90.0):
        self.platform, self.contest = platform, contest
        self.calls = Calls()
        self.pace, self.score_pace, self.grace = pace, score_pace, grace
        self.stopping = threading.Event()
        self.until = float("inf")  # in-flight requests keep trying until `grace` after stop()
        self.accepted_at: list[float] = []
        self.unexpected: list[str] = []
        self.threads = [threading.Thread(target=self._submit_loop, args=(n,), daemon=True) for n in range(submitters)]
        self.threads.append(threading.Thread(target=self._score_loop, daemon=True))

    def __enter__(self) -> "Traffic":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        """No new requests; those in flight finish (retrying up to the grace period)."""
        if not self.stopping.is_set():
            self.until = time.monotonic() + self.grace
            self.stopping.set()
        for thread in self.threads:
            thread.join(self.grace + 30)
        assert not any(t.is_alive() for t in self.threads), "a traffic thread did not finish"

    def wait_accepted(self, count: int, since: float | None = None, timeout: float = 90) -> None:
        """Until `count` more entries were accepted (after `since`, if given); bounded."""
        eventually(lambda: sum(1 for at in self.accepted_at if since is None or at >= since) >= count,
                   timeout=timeout, interval=0.05, what=f"{count} accepted submissions")

    # --- regions ---
    def _submit_loop(self, number: int) -> None:
        platform, contest = self.platform, self.contest
        region = platform.auth("region", "73", "region-73")
        code, cluster = AGENCY_REGIONS[number % len(AGENCY_REGIONS)]
        while not self.stopping.is_set():
            started = time.monotonic()
            body = factories.agency_entry(code, cluster)
            created = persist(self.calls, "create", "POST", f"{platform.url('intake')}/competitions/{contest.cid}/entries",
                              self.until, json=body, headers={**region, "Idempotency-Key": uuid.uuid4().hex})
            if created is not None and created.status_code == 201:
                self._submit(created.json()["id"], body, region)
            elif created is not None:
                self.unexpected.append(f"create {created.status_code} {created.text[:200]}")
            self.stopping.wait(max(self.pace - (time.monotonic() - started), 0))  # the region's pace

    def _submit(self, entry_id: str, body: dict, region: dict) -> None:
        contest = self.contest
        with contest.lock:
            contest.bodies[entry_id] = body
        submitted = persist(self.calls, "submit", "POST", f"{self.platform.url('intake')}/entries/{entry_id}/submit",
                            self.until, headers=region)
        with contest.lock:
            if submitted is not None and submitted.status_code == 200 and submitted.json()["status"] == "submitted":
                contest.accepted.add(entry_id)
                self.accepted_at.append(time.monotonic())
            elif submitted is None:
                contest.unconfirmed.add(entry_id)
            else:
                self.unexpected.append(f"submit {submitted.status_code} {submitted.text[:200]}")

    # --- judges ---
    def _score_loop(self) -> None:
        for assignment, total in score_plan(self.contest):
            if self.stopping.is_set():
                return
            self._score(assignment, total)
            self.stopping.wait(self.score_pace)  # the judges' pace

    def _score(self, assignment: dict, total: float) -> None:
        judge = self.platform.auth("judge", sub=assignment["judge_id"])
        reply = persist(self.calls, "score", "PUT", f"{self.platform.url('review')}/assignments/{assignment['id']}/score",
                        self.until, json={"scores": {k: total for k in CRITERIA}}, headers=judge)
        with self.contest.lock:
            if reply is not None and reply.status_code == 200:
                self.contest.scores[assignment["id"]] = float(total)
                self.contest.unsure_scores.discard(assignment["id"])
            elif reply is None:
                self.contest.unsure_scores.add(assignment["id"])
            else:
                self.unexpected.append(f"score {reply.status_code} {reply.text[:200]}")


def score_plan(contest: Contest) -> list[tuple[dict, float]]:
    """Every assignment scored (the second judge of an entry 10 points above the first, so a total counted
    twice moves the mean), then every other one revised by 3 points (a revision must replace, not add)."""
    first, seen = [], {}
    for number, assignment in enumerate(contest.assignments):
        nth = seen.setdefault(assignment["entry_id"], len(seen))
        judges_before = sum(1 for a in contest.assignments[:number] if a["entry_id"] == assignment["entry_id"])
        first.append((assignment, 50.0 + 4 * nth + 10 * judges_before))
    revisions = [(assignment, total + 3) for assignment, total in first[::2]]
    return first + revisions
