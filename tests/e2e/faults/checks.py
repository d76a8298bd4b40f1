"""What the pipeline owes a contest, and what it shows: reporting's rankings, the sink's mail, the DLQs.

`audit` compares the two and sorts every difference into *behind* (not there yet: the pipeline may
still catch up) or *broken* (no amount of waiting mends it: an entry ranked twice, a review counted
twice, two different messages for one receipt, a mail repeated beyond what DESIGN §7 allows, a
receipt for a draft nobody submitted). A scenario waits, with a deadline, until nothing is behind,
and fails at once when something is broken.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

import requests
from kafka import KafkaConsumer, TopicPartition

from shared.regions import province_of
from tests.e2e.faults.traffic import Contest
from tests.support.mail import MailBox, envelope_recipient, stored_at

TITLE = re.compile(r"Layanan [0-9a-f]{10}")  # tests.factories.entry's titles
CONSUMERS = {"competitions": ("review", "notify", "reporting"), "entries": ("review", "notify", "reporting"),
             "reviews": ("intake", "notify", "reporting"), "notifications": ("reporting",)}


@dataclass(frozen=True)
class Mail:
    message_id: str
    template: str
    recipient: str
    title: str | None
    stored_at: datetime  # when the sink accepted it, before its 250


def mails(box: MailBox) -> list[Mail]:
    """What the audit needs of every message in the sink."""
    found = []
    for path, message in box.files():
        title = TITLE.search(str(message.get("Subject", "")))
        found.append(Mail(str(message.get("Message-ID", "")).strip(), str(message.get("X-KIPP-Template", "")),
                          envelope_recipient(message), title.group(0) if title else None, stored_at(path)))
    return found


def split_repeats(mails: list[Mail], crashes: list[tuple[datetime, datetime]], in_flight: int,
                  ) -> tuple[dict[str, int], dict[str, int]]:
    """The repeated Message-IDs as (allowed, not allowed) by DESIGN §7: "only a crash between the SMTP server
    accepting a message and its delivery being recorded can repeat it". A repeat is allowed when there are
    two copies, the first accepted before a crash of notify's worker ended (`crashes`: the wall-clock span
    in which each SIGKILL landed) and the second after it began; and at most `in_flight` of them per crash
    (each sender thread has one message on its way)."""
    copies = defaultdict(list)
    for mail in mails:
        copies[mail.message_id].append(mail.stored_at)
    allowed, not_allowed = {}, {}
    room = {crash: in_flight for crash in crashes}
    for mid, times in sorted(copies.items()):
        if len(times) < 2:
            continue
        first, second = sorted(times)[:2]
        crash = next((c for c in crashes if room[c] and first <= c[1] and second >= c[0]), None)
        if crash is not None and len(times) == 2:
            room[crash] -= 1
            allowed[mid] = len(times)
        else:
            not_allowed[mid] = len(times)
    return allowed, not_allowed


def rankings(base: str, headers: dict, cid: str) -> list[dict] | None:
    """Every row of the competition's default ranking, or None while reporting does not answer 200."""
    rows, cursor = [], None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        try:
            reply = requests.get(f"{base}/competitions/{cid}/rankings", params=params, headers=headers, timeout=10)
        except requests.RequestException:
            return None
        if reply.status_code != 200:
            return None
        page = reply.json()
        rows += page["items"]
        cursor = page.get("next_cursor")
        if not cursor:
            return rows


def recipients(body: dict, contacts: dict) -> set[str]:
    """Who gets an entry's mail: its region's and its province's contacts, and its contact person."""
    code = body["agency"]["region_code"]
    return {contacts[code], contacts[province_of(code)], body["contact"]["email"].lower()}


def audit(contest: Contest, rows: list[dict], mails: list[Mail], contacts: dict) -> tuple[list[str], list[str]]:
    """(behind, broken) for one contest; see the module docstring."""
    with contest.lock:
        bodies, accepted = dict(contest.bodies), set(contest.accepted)
        unconfirmed, screened = set(contest.unconfirmed), set(contest.screened)
        scores, unsure = dict(contest.scores), set(contest.unsure_scores)
        assignments = list(contest.assignments)
    behind, broken = [], []
    ranked = Counter(row["entry_id"] for row in rows)
    broken += [f"{e} ranked {n} times" for e, n in ranked.items() if n > 1]
    broken += [f"{e} ranked but never created" for e in ranked if e not in bodies]
    broken += [f"{e} ranked but never submitted" for e in ranked if e in bodies and e not in accepted | unconfirmed]
    behind += [f"{e} not ranked" for e in accepted if e not in ranked]
    _audit_reviews(assignments, scores, unsure, {r["entry_id"]: r for r in rows}, behind, broken)
    _audit_mail(bodies, accepted, unconfirmed, screened, mails, contacts, behind, broken)
    return behind, broken


def _audit_reviews(assignments, scores, unsure, by_entry, behind, broken) -> None:
    """Each entry's completed reviews and raw score: one review per scored assignment, its latest revision."""
    per_entry = defaultdict(list)
    for a in assignments:
        per_entry[a["entry_id"]].append(a["id"])
    for entry_id, ids in per_entry.items():
        totals = [scores[a] for a in ids if a in scores]
        row = by_entry.get(entry_id)
        if row is None:
            behind.append(f"{entry_id} (scored) not ranked")
            continue
        done, maybe = row["reviews"]["done"], sum(1 for a in ids if a in unsure and a not in scores)
        if done > len(totals) + maybe or done > len(ids):
            broken.append(f"{entry_id}: {done} reviews counted for {len(totals)} scored assignments")
        elif done < len(totals):
            behind.append(f"{entry_id}: {done} of {len(totals)} reviews")
        elif totals and not maybe and abs((row["raw_score"] or 0) - sum(totals) / len(totals)) > 1e-3:
            behind.append(f"{entry_id}: raw score {row['raw_score']}, expected {sum(totals) / len(totals):.4f}")


def _audit_mail(bodies, accepted, unconfirmed, screened, mails, contacts, behind, broken) -> None:
    """Every receipt (and screening notice) owed: to each recipient, one message, in one file."""
    titles = {body["title"]: entry_id for entry_id, body in bodies.items()}
    found = defaultdict(list)
    for mail in mails:
        if mail.title in titles and mail.template in ("receipt", "screened"):
            found[(titles[mail.title], mail.template, mail.recipient)].append(mail)
    owed = {(e, "receipt", r) for e in accepted for r in recipients(bodies[e], contacts)}
    owed |= {(e, "screened", r) for e in screened for r in recipients(bodies[e], contacts)}
    for (entry_id, template, recipient), copies in found.items():
        if len({m.message_id for m in copies}) > 1:
            broken.append(f"{template} of {entry_id} to {recipient}: {len(copies)} different messages")
        elif (entry_id, template, recipient) not in owed and not (
                entry_id in unconfirmed and recipient in recipients(bodies[entry_id], contacts)):
            broken.append(f"{template} of {entry_id} to {recipient}, which nobody owed")
    behind += [f"{t} of {e} to {r} not in the sink" for e, t, r in sorted(owed - set(found))]


def dead_letters(bootstrap: str, namespace: str, timeout_ms: int = 15000) -> Counter:
    """Every record of the namespace's four DLQs, read to their end, as
    Counter((dlq topic, original topic, partition, offset, consumer group, value))."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), enable_auto_commit=False)
    try:
        partitions = [TopicPartition(f"{namespace}.{topic}.dlq", 0) for topic in CONSUMERS]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        found = Counter()
        for _ in range(timeout_ms // 200):
            if all(consumer.position(p) >= ends[p] for p in partitions):
                return found
            for batch in consumer.poll(timeout_ms=200).values():
                for record in batch:
                    headers = {k: v.decode() for k, v in record.headers}
                    found[(record.topic, headers.get("original-topic"), int(headers.get("original-partition", -1)),
                           int(headers.get("original-offset", -1)), headers.get("consumer-group"), record.value)] += 1
        raise AssertionError(f"could not read the DLQs to their end within {timeout_ms} ms")
    finally:
        consumer.close()


def owed_dead_letters(namespace: str, poison: list[dict]) -> Counter:
    """One dead letter per poison record and consumer group reading its topic, nothing else."""
    return Counter((f"{p['topic']}.dlq", p["topic"], p["partition"], p["offset"], f"{namespace}.{group}", p["value"])
                   for p in poison for group in CONSUMERS[p["topic"].rsplit(".", 1)[1]])
