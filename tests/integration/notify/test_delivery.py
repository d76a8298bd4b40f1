"""Nothing sent twice, nothing lost: redelivery, worker restarts, a malformed record."""
from __future__ import annotations

import signal
from collections import Counter

import pytest

from shared.kafka.lag import consumer_lag
from tests import factories
from tests.integration.notify import support
from tests.support.poll import eventually
from tests.support.topics import TopicReader

pytestmark = pytest.mark.integration


def consumed_all(stack, ns: str) -> bool:
    return consumer_lag(stack.kafka, f"{ns}.notify", [f"{ns}.entries", f"{ns}.reviews", f"{ns}.competitions"]) == 0


def test_the_same_event_delivered_again_sends_nothing_twice(notify, publisher, sink):
    entry = support.submitted("64.72")  # Kota Samarinda
    person = entry["data"]["contact"]["email"]
    publisher.publish_all([entry, entry])
    sink.wait_for(person)
    publisher.publish_all([entry])  # once more after it was sent, as an outbox relay might
    support.wait_settled(notify)
    assert len(sink.messages(person)) == 1


def test_a_malformed_record_goes_to_the_dead_letter_topic_and_mail_goes_on(stack, notify_ns, notify, publisher, sink):
    dlq = TopicReader(stack.kafka, f"{notify_ns}.entries.dlq")
    garbage = b"{not json at all " + factories.uid().encode()
    publisher.producer.send(f"{notify_ns}.entries", key=b"x", value=garbage).get(timeout=10)
    invalid = support.submitted("64.72", contact={"name": "Tanpa Surel"})  # breaks the contract: no email
    publisher.publish_all([invalid])
    after = support.submitted("64.72")
    publisher.publish_all([after])
    sink.wait_for(after["data"]["contact"]["email"])
    records = eventually(lambda: (lambda r: r if len(r) >= 2 else None)(
        [r for r in dlq.poll() if r.value == garbage or invalid["id"].encode() in r.value]), what="2 dead letters")
    headers = {r.value[:10]: dict(r.headers) for r in records}
    for record in records:
        meta = dict(record.headers)
        assert meta["original-topic"] == f"{notify_ns}.entries".encode() and meta["consumer-group"]
        assert meta["error"]
    assert any(b"not UTF-8 JSON" in h["error"] for h in headers.values())
    assert any(b"contact" in h["error"] for h in headers.values())
    dlq.close()


def test_a_judge_gets_one_notice_per_assignment_run(notify, publisher, sink):
    entries = [support.submitted("33.74") for _ in range(3)]  # Kota Semarang
    judge, other = f"{factories.uid('juri-')}@ugm.ac.id", f"{factories.uid('juri-')}@ui.ac.id"
    publisher.publish_all(entries)
    publisher.publish_all([support.assignment(e, "judge-a", judge) for e in entries]
                          + [support.assignment(entries[0], "judge-b", other)])
    notice = sink.wait_for(judge)[0]
    text, html = support.parts(notice)
    assert notice["Subject"] == "Penugasan penilaian Evaluasi Proposal (Desk Evaluation): 3 proposal"
    assert all(e["data"]["title"] in text and e["data"]["title"] in html for e in entries)
    assert "1 proposal" in sink.wait_for(other)[0]["Subject"]
    support.wait_settled(notify)
    assert len(sink.messages(judge)) == 1


def test_a_worker_restart_mid_batch_sends_the_notice_once(stack, notify_ns, notify, publisher, sink):
    entries = [support.submitted("33.74") for _ in range(3)]
    judge = f"{factories.uid('juri-')}@itb.ac.id"
    publisher.publish_all(entries)
    publisher.publish_all([support.assignment(e, "judge-c", judge) for e in entries])
    eventually(lambda: consumed_all(stack, notify_ns), what="assignments consumed")
    notify.restart_worker()  # inside the quiet period: the run waits in the store, not in memory
    notice = sink.wait_for(judge, timeout=40)[0]
    assert all(e["data"]["title"] in support.parts(notice)[0] for e in entries)
    support.wait_settled(notify)
    assert len(sink.messages(judge)) == 1


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["graceful", "killed"])
def test_a_worker_restart_mid_send_loses_nothing(notify, publisher, sink, sig):
    region = "73.71"
    entries = [support.submitted(region) for _ in range(150)]
    people = {e["data"]["contact"]["email"] for e in entries}
    publisher.publish_all(entries)
    eventually(lambda: sum(sink.recipients()[p] for p in people) >= 10, what="sending under way")
    notify.restart_worker(sig)
    eventually(lambda: all(sink.recipients()[p] for p in people), timeout=60, what="every receipt")
    support.wait_settled(notify, timeout=40)
    counts = Counter(str(m["Message-ID"]) for m in sink.messages() if str(m["X-Sink-Rcpt-To"]).strip("<>") in people)
    assert len(counts) == len(people)  # one distinct Message-ID per receipt
    twice = {mid: n for mid, n in counts.items() if n > 1}
    if sig == signal.SIGTERM:
        assert twice == {}
    else:  # DESIGN §7: only a kill between the server's 250 and its record may repeat (same Message-ID):
        # at most one message per sending thread is in that window
        assert len(twice) <= 4 and set(twice.values()) <= {2}


def test_status_news_that_comes_before_the_entry_waits_for_it(notify, api, publisher, sink):
    entry = support.submitted("82.71")  # Kota Ternate
    person = entry["data"]["contact"]["email"]
    publisher.publish_all([support.screened(entry), support.advanced(entry)])  # review is ahead of intake
    support.wait_settled(notify)
    assert sink.messages(person) == []
    assert requests_ok(api("GET", "/readyz")).json()["parked_events"] >= 2
    publisher.publish_all([entry])
    title = entry["data"]["title"]
    subjects = {m["Subject"] for m in sink.wait_for(person, 3)}
    assert subjects == {f"Tanda terima proposal: {title}", f"Lolos Seleksi Administrasi: {title}",
                        f"Lolos ke tahap Presentasi dan Wawancara: {title}"}
    support.wait_settled(notify)
    assert len(sink.messages(person)) == 3


def requests_ok(response):
    assert response.status_code == 200, response.text
    return response
