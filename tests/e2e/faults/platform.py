"""The platform the fault scenarios break: the four services on a private stack, and what they owe.

A contest (one competition per scenario) is prepared before its stream: judges registered, a few
entries submitted, screened eligible and assigned to two judges each, and the pipeline seen caught
up, so a fault always lands on a platform in its steady state.
"""
from __future__ import annotations

import signal
import threading
import time
from collections import Counter
from datetime import datetime, timezone

import requests
from kafka import KafkaProducer

from services.notify.config import Tuning as NotifyTuning
from shared.events import types
from shared.events.envelope import CONTENT_TYPE, encode, new_event
from tests import factories
from tests.e2e.faults import checks
from tests.e2e.faults.traffic import AGENCY_REGIONS, Contest
from tests.support.mail import MailBox
from tests.support.poll import eventually
from tests.support.private_stack import PrivateStack
from tests.support.procs import start_platform

STAGES = [{"key": "administrasi", "kind": "screening"},
          {"key": "evaluasi", "kind": "scored", "judges_per_entry": 2, "shortlist": 10}]
PREPARED = 4  # entries per contest screened and assigned before its stream starts
CONTACT_REGIONS = ("73", "73.71", "73.15")


class Supervisor:
    """Starts a worker again when it exits, as the local platform's supervisor does (DESIGN §8): a worker
    that stops itself (a loop died) is part of the platform's design, and the restart is noted."""

    def __init__(self, services: dict, interval: float = 0.5):
        self.services, self.interval = services, interval
        self.lock = threading.RLock()  # a deliberate kill and a restart never overlap
        self.restarts: list[tuple[float, str, int | None]] = []  # (monotonic time, service, exit status)
        self.kills: list[tuple[str, datetime, datetime]] = []  # (service, wall-clock span of its SIGKILL)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stopping.wait(self.interval):
            with self.lock:
                for name, service in self.services.items():
                    if not service.worker.alive():
                        self.restarts.append((time.monotonic(), name, service.worker.popen.returncode))
                        service.restart_worker()

    def kill_worker(self, name: str) -> None:
        """SIGKILL the worker and start it again at once; the span in which the kill landed is noted."""
        with self.lock:
            before = datetime.now(timezone.utc)
            self.services[name].restart_worker(signal.SIGKILL)
            self.kills.append((name, before, datetime.now(timezone.utc)))

    def restart_all(self) -> None:
        """What an operator does when the platform does not recover by itself (`supervisorctl restart`)."""
        with self.lock:
            for service in self.services.values():
                service.restart_worker(signal.SIGTERM)

    def since(self, at: float) -> list[str]:
        return [f"{name} worker exited ({status}), restarted" for when, name, status in self.restarts if when >= at]

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(10)


class Platform:
    def __init__(self, infra: PrivateStack, namespace: str, keys_dir, log_dir, auth, **service_env):
        self.infra, self.namespace, self.auth = infra, namespace, auth
        self.stack = infra.stack
        self.mailbox = MailBox(self.stack.mail_dir)
        self.poison: list[dict] = []
        self.contests: list[Contest] = []
        self.contacts = {code: f"{factories.uid('kontak-')}@{code.replace('.', '-')}.go.id" for code in CONTACT_REGIONS}
        self.services = start_platform(self.stack, namespace, keys_dir, log_dir, **service_env)
        self.supervisor = Supervisor(self.services)
        admin = auth("admin")
        for code, address in self.contacts.items():
            self.call("notify", "PUT", f"/regions/{code}/contacts", admin,
                      json={"addresses": [address], "language": "id", "digest": "immediate"})

    def stop(self) -> None:
        if getattr(self, "supervisor", None):
            self.supervisor.stop()
        for service in self.services.values():
            service.stop()

    def url(self, service: str) -> str:
        return f"{self.services[service].url}/api/v1"

    def call(self, service: str, method: str, path: str, headers: dict, expect: int = 200, **kwargs):
        """One request on a healthy platform (preparation): the answer must be `expect`."""
        reply = requests.request(method, self.url(service) + path, headers=headers, timeout=30, **kwargs)
        assert reply.status_code == expect, f"{method} {service}{path}: {reply.status_code} {reply.text[:500]}"
        return reply.json()

    # --- contests ---
    def contest(self, name: str) -> Contest:
        """A competition with PREPARED entries screened and assigned, and the pipeline caught up on it."""
        admin, region = self.auth("admin", sub="sekretariat-kipp"), self.auth("region", "73", "region-73")
        definition = factories.competition(stages=STAGES)
        contest = Contest(name, definition["id"])
        self.call("intake", "PUT", f"/competitions/{contest.cid}", admin, json=definition)
        judges = [self.call("review", "POST", "/judges", admin, 201, json={
            "id": factories.uid("juri-"), "name": f"Juri {home}", "email": f"{factories.uid('juri-')}@univ.ac.id",
            "home_region": home, "expertise": ["kesehatan"], "competitions": [contest.cid]}) for home in ("51", "52", "53")]
        for number in range(PREPARED):
            body = factories.agency_entry(*AGENCY_REGIONS[number % len(AGENCY_REGIONS)])
            draft = self.call("intake", "POST", f"/competitions/{contest.cid}/entries", region, 201, json=body)
            self.call("intake", "POST", f"/entries/{draft['id']}/submit", region)
            contest.bodies[draft["id"]] = body
            contest.accepted.add(draft["id"])
        eventually(lambda: self._in_review(contest) >= PREPARED, timeout=60, what="the prepared entries in review")
        for judge in judges:  # the stage's panel, which review knows once it knows the competition
            self.call("review", "PUT", f"/competitions/{contest.cid}/stages/evaluasi/panel/{judge['id']}", admin, 201)
        self.call("review", "POST", f"/competitions/{contest.cid}/stages/administrasi/screenings", admin,
                  json={"decisions": [{"entry_id": e, "decision": "eligible"} for e in sorted(contest.accepted)]})
        contest.screened = set(contest.accepted)
        self.call("review", "POST", f"/competitions/{contest.cid}/stages/evaluasi/assignments", admin, 201)
        found = self.call("review", "GET", f"/assignments?competition_id={contest.cid}&stage=evaluasi&limit=500",
                          admin)["items"]
        contest.assignments = [{"id": a["id"], "entry_id": a["entry_id"], "judge_id": a["judge_id"]} for a in found]
        assert len(contest.assignments) == 2 * PREPARED, contest.assignments
        self.contests.append(contest)
        self.wait_caught_up(contest, timeout=60)
        return contest

    def _in_review(self, contest: Contest) -> int:
        reply = requests.get(f"{self.url('review')}/competitions/{contest.cid}/entries", timeout=10,
                             headers=self.auth("admin"))
        return len(reply.json()["items"]) if reply.status_code == 200 else 0

    def wait_caught_up(self, contest: Contest, timeout: float) -> float:
        """Poll until reporting and the sink show everything the contest is owed; the monotonic time it
        was first seen so. Fails at once on anything broken, and at the deadline with what is behind."""
        deadline, behind = time.monotonic() + timeout, ["reporting has not answered"]
        while time.monotonic() < deadline:
            rows = checks.rankings(self.url("reporting"), self.auth("ministry"), contest.cid)
            if rows is not None:
                behind, broken = checks.audit(contest, rows, checks.mails(self.mailbox), self.contacts)
                assert not broken, f"{contest.name}: " + "; ".join(broken[:20])
                if not behind:
                    return time.monotonic()
            time.sleep(0.2)  # the polling interval
        raise AssertionError(f"{contest.name}: not caught up {timeout}s on ({len(behind)} behind): "
                             + "; ".join(behind[:20]))

    def repeated_mail(self) -> dict[str, int]:
        """Message-IDs in more than one file beyond what DESIGN §7 allows (see `repeats`)."""
        return self.repeats()[1]

    def repeats(self) -> tuple[dict[str, int], dict[str, int]]:
        """Message-IDs in more than one file, from one reading of the sink, as (allowed, not allowed): allowed
        is a second copy, with the same Message-ID, of a message the sink accepted just before a SIGKILL of
        notify's worker, before its delivery was recorded (DESIGN §7; checks.split_repeats)."""
        crashes = [(before, after) for name, before, after in self.supervisor.kills if name == "notify"]
        return checks.split_repeats(checks.mails(self.mailbox), crashes, NotifyTuning.send_threads)

    # --- dead letters ---
    def inject_poison(self, contest: Contest) -> list[dict]:
        """On each topic a worker consumes: bytes that are no JSON, and a CloudEvent that breaks its contract,
        keyed by one of the contest's entries (so they sit in its partition, among its events)."""
        entry_id = sorted(contest.accepted)[0]
        broken = {"competitions": (types.COMPETITION_PUBLISHED, {"id": contest.cid}),
                  "entries": (types.ENTRY_SUBMITTED, {"entry_id": entry_id, "competition_id": contest.cid}),
                  "reviews": (types.REVIEW_SCORED, {"entry_id": entry_id, "competition_id": contest.cid,
                                                    "assignment_id": contest.assignments[0]["id"], "total": 100}),
                  "notifications": (types.NOTIFICATION_SENT, {"entry_id": entry_id, "template": "receipt"})}
        producer = KafkaProducer(bootstrap_servers=self.stack.kafka.split(","), acks="all")
        injected = []
        try:
            for topic, (event_type, data) in broken.items():
                event = new_event(event_type, contest.cid if topic == "competitions" else entry_id, data, "kipp/poison")
                for value, headers in ((b"\xff\xfe{not json\x00", []),
                                       (encode(event), [("content-type", CONTENT_TYPE.encode())])):
                    full = f"{self.namespace}.{topic}"
                    # compacted competitions: a key of its own each, so neither shadows a real record
                    key = factories.uid("poison-") if topic == "competitions" else entry_id
                    sent = producer.send(full, key=key.encode(), value=value, headers=headers).get(timeout=10)
                    injected.append({"topic": full, "partition": sent.partition, "offset": sent.offset, "value": value})
        finally:
            producer.close()
        self.poison += injected
        return injected

    def dead_letter_difference(self) -> tuple[Counter, Counter]:
        """(missing, extra): the DLQs against exactly one dead letter per poison record and consumer group."""
        found = checks.dead_letters(self.stack.kafka, self.namespace)
        owed = checks.owed_dead_letters(self.namespace, self.poison)
        return owed - found, found - owed
