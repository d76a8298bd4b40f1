"""`make up`'s demo data, seeded into the four real services (a namespace and an SMTP sink of their own,
notify with NOTIFY_DEMO_LINKS=1 as `make up` starts it).

The judging competition is as the ministry and the judges find it: ~120 entries closed in, screened,
assigned, about half scored, ranked in reporting. A second run finds everything in place: it fails
nothing, writes nothing and publishes no event. The printed links sign each person in to their page.
"""
from __future__ import annotations

import time
from collections import Counter
from datetime import datetime

import pytest
from kafka import KafkaConsumer, TopicPartition

from shared.config import Settings
from deploy.local import seed_demo
from deploy.local.demo.client import Api
from deploy.local.demo.competitions import JUDGING_ID, OPEN_ID, SCORED, SCREENING, now_wib
from deploy.local.demo.people import JUDGES, demo_accounts
from tests.support.mail import Sink
from tests.support.poll import eventually
from tests.support.procs import start_platform
from tests.support.signin import SignIn
from tests.support.topics import drop_namespace, new_namespace

pytestmark = pytest.mark.e2e
SERVICES = ("intake", "review", "notify", "reporting")
TOPICS = ("competitions", "entries", "reviews", "accounts")
SEED_SECONDS = 60


@pytest.fixture(scope="module")
def demo(stack, mongo, keys_dir, tmp_path_factory):
    """The platform as `make up` runs it, on a namespace of its own, mailing into a sink of its own."""
    namespace = new_namespace(stack.kafka, "demo")
    sink = Sink(tmp_path_factory.mktemp("demo-sink"))
    started = start_platform(stack, namespace, keys_dir, tmp_path_factory.mktemp("demo-logs"), SMTP_PORT=sink.port,
                             NOTIFY_DEMO_LINKS="1")
    try:
        yield {"namespace": namespace, "services": started, "urls": {n: s.url for n, s in started.items()},
               "settings": Settings(service="platform", namespace=namespace,
                                    jwt_private_key_file=str(keys_dir / "jwt-private.pem")),
               "api": Api({n: s.url for n, s in started.items()}, (keys_dir / "jwt-private.pem").read_bytes())}
    finally:
        for service in started.values():
            service.stop()
        sink.close()
        drop_namespace(stack, mongo, namespace, SERVICES)


def run_seed(demo, tmp_path_factory) -> tuple[dict, float]:
    started = time.monotonic()
    figures = seed_demo.seed(demo["urls"], demo["settings"], tmp_path_factory.mktemp("tokens") / "demo-tokens.txt")
    return figures, time.monotonic() - started


@pytest.fixture(scope="module")
def seeded(demo, tmp_path_factory):
    figures, seconds = run_seed(demo, tmp_path_factory)
    print(f"\nseed of an empty platform: {seconds:.1f} s, {figures}")
    return {"figures": figures, "seconds": seconds}


def test_the_seed_is_quick(seeded):
    assert seeded["seconds"] < SEED_SECONDS


def test_the_judging_competitions_window_closed_around_its_entries(demo, seeded):
    api = demo["api"]
    definition = api.json("GET", "intake", f"/api/v1/competitions/{JUDGING_ID}")
    closes = datetime.fromisoformat(definition["closes_at"])
    assert closes < now_wib()
    entries = api.every("intake", f"/api/v1/competitions/{JUDGING_ID}/entries?status=submitted")
    assert len(entries) == seeded["figures"]["entries"] and 110 <= len(entries) <= 130
    assert all(datetime.fromisoformat(e["submitted_at"].replace("Z", "+00:00")) <= closes for e in entries)
    assert len({e["agency"]["region_code"].split(".")[0] for e in entries}) >= 25
    open_one = api.json("GET", "intake", f"/api/v1/competitions/{OPEN_ID}")
    assert datetime.fromisoformat(open_one["closes_at"]) > now_wib()


def test_review_screened_assigned_and_half_scored_them(demo, seeded):
    api = demo["api"]
    copies = api.every("review", f"/api/v1/competitions/{JUDGING_ID}/entries")
    decisions = [c["screenings"][SCREENING] for c in copies]
    ineligible = [d for d in decisions if d["decision"] == "ineligible"]
    assert len(copies) == seeded["figures"]["entries"] and 4 <= len(ineligible) <= 12
    assert all(d["reason"] for d in ineligible) and {d["decision"] for d in decisions} == {"eligible", "ineligible"}
    work = api.every("review", f"/api/v1/assignments?competition_id={JUDGING_ID}&stage={SCORED}")
    assert len(work) == 3 * (len(copies) - len(ineligible))
    loads = Counter(a["judge_id"] for a in work)
    assert set(loads) == {j["id"] for j in JUDGES} and max(loads.values()) - min(loads.values()) <= 1
    scored = [a for a in work if a["status"] == "scored"]
    assert 0.4 <= len(scored) / len(work) <= 0.6 and len(scored) == seeded["figures"]["scored"]


def test_reporting_ranks_the_scored_entries(demo, seeded):
    api = demo["api"]
    ranking = api.json("GET", "reporting", f"/api/v1/competitions/{JUDGING_ID}/rankings?stage={SCORED}&limit=500")
    ranked = [row for row in ranking["items"] if row["score"] is not None]
    assert ranking["stage"] == SCORED and len(ranked) >= 60
    assert [row["rank"] for row in ranked] == sorted(row["rank"] for row in ranked)
    summary = api.json("GET", "reporting", f"/api/v1/competitions/{JUDGING_ID}/summary")
    assert summary["total"] == seeded["figures"]["entries"]


def state(api: Api) -> dict:
    """What a person could see of everything the seed makes."""
    found = {name: api.json("GET", "intake", f"/api/v1/competitions/{name}") for name in (OPEN_ID, JUDGING_ID)}
    found["intake"] = api.every("intake", f"/api/v1/competitions/{JUDGING_ID}/entries")
    found["review"] = api.every("review", f"/api/v1/competitions/{JUDGING_ID}/entries")
    found["work"] = api.every("review", f"/api/v1/assignments?competition_id={JUDGING_ID}")
    found["judges"] = api.every("review", "/api/v1/judges")
    found["accounts"] = api.every("notify", "/api/v1/accounts")
    found["contacts"] = [api.json("GET", "notify", f"/api/v1/regions/{code}/contacts") for code in seed_demo.CONTACTS]
    found["ranking"] = api.json("GET", "reporting", f"/api/v1/competitions/{JUDGING_ID}/rankings?limit=500")["items"]
    return found


def published(stack, mongo, namespace: str) -> dict:
    """Every event the seed's changes caused, once every outbox is empty: end offsets of the topics."""
    def drained():
        return all(mongo[f"{namespace}_{service}"][name].count_documents({"outbox_pending": True}) == 0
                   for service in SERVICES for name in mongo[f"{namespace}_{service}"].list_collection_names())
    eventually(drained, timeout=60, interval=0.5, what="every outbox published")
    consumer = KafkaConsumer(bootstrap_servers=stack.kafka.split(","))
    try:
        partitions = [TopicPartition(f"{namespace}.{topic}", p) for topic in TOPICS
                      for p in consumer.partitions_for_topic(f"{namespace}.{topic}")]
        return {f"{tp.topic}/{tp.partition}": offset for tp, offset in consumer.end_offsets(partitions).items()}
    finally:
        consumer.close()


def test_a_second_run_changes_nothing(demo, seeded, stack, mongo, tmp_path_factory):
    api = demo["api"]
    people = len(JUDGES) + sum(1 for p in demo_accounts(JUDGING_ID) if p.role != "judge")
    eventually(lambda: len(api.every("notify", "/api/v1/accounts")) == people, timeout=30,
               what="notify to hold every judge's account too")
    before, events_before = state(api), published(stack, mongo, demo["namespace"])
    figures, seconds = run_seed(demo, tmp_path_factory)
    print(f"\nseed of a seeded platform: {seconds:.1f} s")
    assert figures == seeded["figures"]
    assert published(stack, mongo, demo["namespace"]) == events_before
    assert state(api) == before


def test_the_printed_links_sign_each_person_in_to_their_page(demo, seeded):
    links = seed_demo.sign_in_links(demo["urls"], demo["services"]["notify"].env)
    for person in demo_accounts(JUDGING_ID):
        service, path = person.page
        for _ in range(2):  # a link works again, in another browser
            landed = SignIn(None).follow_link(links[person.email])
            assert landed.url.startswith(demo["urls"][service] + path), (person.email, landed.url)
            if service != "intake":  # the region's portal is not part of this test's subject
                assert landed.status_code == 200 and person.name in landed.text, (person.email, landed.text[:300])
