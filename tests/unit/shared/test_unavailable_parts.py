"""A part that is down is named: 503 problems with `part` and Retry-After, /readyz within its bound,
the broker's figures fetched once at a time and cached, the consumer figures in /metrics (fakes only)."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

from kafka.errors import KafkaTimeoutError
from pymongo.errors import OperationFailure, ServerSelectionTimeoutError

from shared.kafka.lag import BrokerFigures
from shared.kafka.status import summary
from shared.mongo.client import StoreWatch, connect, unreachable
from shared.web.app import create_base_app


class FakeConsumers:
    """ConsumerStatus's read side, as the worker would have left it."""

    def __init__(self, docs):
        self.docs = docs

    def topics(self):
        return self.docs


class FakeReadiness:
    def __init__(self, body, consumers=None):
        self.body, self.consumers = body, consumers

    def __call__(self):
        return dict(self.body)


def app_raising(exc: Exception, readiness=None):
    app = create_base_app("test", "test", b"", readiness or FakeReadiness({"ok": True}))

    @app.get("/api/v1/thing")
    def thing():
        raise exc
    return app.test_client()


def test_the_store_down_or_refusing_is_a_503_naming_the_store():
    for exc in (ServerSelectionTimeoutError("127.0.0.1:1: [Errno 111] Connection refused"),
                OperationFailure("connection refused by PostgreSQL")):
        response = app_raising(exc).get("/api/v1/thing")
        body = response.get_json()
        assert response.status_code == 503 and response.content_type == "application/problem+json"
        assert body["part"] == "store" and "Basis data" in body["detail"]
        assert int(response.headers["Retry-After"]) > 0


def test_the_broker_down_is_a_503_naming_the_broker_not_the_database():
    response = app_raising(KafkaTimeoutError("Unable to bootstrap from [127.0.0.1:1]")).get("/api/v1/thing")
    body = response.get_json()
    assert response.status_code == 503 and body["part"] == "broker"
    assert "Basis data" not in body["detail"] and "Kafka" in body["detail"]
    assert response.headers["Retry-After"]


def test_readyz_names_what_is_down_with_retry_after_and_is_200_when_all_answer():
    down = FakeReadiness({"ok": False, "down": ["broker"], "mongo": True, "kafka": False})
    response = app_raising(RuntimeError(), down).get("/readyz")
    assert response.status_code == 503 and response.get_json()["down"] == ["broker"]
    assert response.headers["Retry-After"]
    up = app_raising(RuntimeError(), FakeReadiness({"ok": True, "down": []})).get("/readyz")
    assert up.status_code == 200 and "Retry-After" not in up.headers


def test_a_service_check_that_the_store_refuses_still_gives_a_readyz_naming_the_store():
    def readiness():
        raise ServerSelectionTimeoutError("no servers")
    response = app_raising(RuntimeError(), readiness).get("/readyz")
    assert response.status_code == 503 and response.get_json()["down"] == ["store"]


def test_metrics_show_the_consumer_figures_the_worker_recorded():
    now = datetime.now(timezone.utc)
    docs = [{"_id": "t.entries", "failures": 4, "dead_letters": 1,
             "failing": {"2": {"offset": 9, "event_id": "x", "attempts": 4, "error": "KeyError: 'a'", "at": now}}},
            {"_id": "t.reviews", "dead_letters": 3}]
    text = app_raising(RuntimeError(), FakeReadiness({"ok": True}, FakeConsumers(docs))).get("/metrics").text
    assert 'kipp_consumer_handler_failures_total{service="test",topic="t.entries"} 4.0' in text
    assert 'kipp_consumer_dead_letters_total{service="test",topic="t.reviews"} 3.0' in text
    assert 'kipp_consumer_failing_events{service="test",topic="t.entries"} 1.0' in text
    assert 'kipp_consumer_failing_events{service="test",topic="t.reviews"} 0.0' in text


def test_readyz_shows_the_newest_failing_record_and_forgets_entries_no_loop_renews():
    now = datetime.now(timezone.utc)
    entry = {"offset": 9, "event_id": "x", "attempts": 4, "error": "KeyError: 'a'"}
    docs = [{"_id": "t.entries", "failing": {"0": {**entry, "at": now - timedelta(seconds=5)}, "1": None,
                                             "2": {**entry, "at": now - timedelta(minutes=10)}}},
            {"_id": "t.reviews", "failing": {"3": {**entry, "offset": 11, "at": now - timedelta(seconds=1)}}}]
    shown = summary(docs, now)
    assert shown["failing_events"] == 2
    assert (shown["last_error"]["topic"], shown["last_error"]["partition"], shown["last_error"]["offset"]) == \
        ("t.reviews", 3, 11)
    assert summary([], now) == {"failing_events": 0, "last_error": None}


def test_broker_figures_answer_within_the_wait_while_a_slow_fetch_runs_once():
    release, calls = threading.Event(), []

    def slow_fetch():
        calls.append(1)
        release.wait(5)
        return 7
    figures = BrokerFigures(slow_fetch, cache_seconds=60)
    started = time.monotonic()
    first, second = figures.status(0.1), figures.status(0.1)
    assert time.monotonic() - started < 0.5
    assert first["kafka"] is False and "no answer" in first["kafka_error"] and second["kafka"] is False
    assert len(calls) == 1, "a second fetch started while the first was under way"
    release.set()
    assert figures.status(2.0) == {"kafka": True, "consumer_lag": 7}
    assert figures.status(0) == {"kafka": True, "consumer_lag": 7} and len(calls) == 1


def test_broker_figures_say_why_the_broker_did_not_answer():
    def refused():
        raise KafkaTimeoutError("Unable to bootstrap from [127.0.0.1:1]")
    status = BrokerFigures(refused).status(2.0)
    assert status["kafka"] is False and "KafkaTimeoutError" in status["kafka_error"]


def test_the_store_client_fails_fast_unless_the_uri_says_otherwise():
    fast = connect("mongodb://127.0.0.1:1/")
    slow = connect("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=4000")
    try:
        assert fast.options.server_selection_timeout == 0.5
        assert fast.options.pool_options.connect_timeout == 0.5 and fast.options.heartbeat_frequency == 0.5
        assert not fast.options.retry_reads and not fast.options.retry_writes
        assert slow.options.server_selection_timeout == 4.0
    finally:
        fast.close()
        slow.close()


def test_the_store_is_unreachable_only_while_every_server_fails_its_hello():
    watch = StoreWatch()
    client = SimpleNamespace(options=SimpleNamespace(event_listeners=[watch]))
    assert not unreachable(client), "nothing heard yet is not down"
    watch.failed(SimpleNamespace(connection_id=("db-1", 27017)))
    assert unreachable(client)
    watch.succeeded(SimpleNamespace(connection_id=("db-2", 27017)))
    assert not unreachable(client), "one server answering is enough"
    watch.failed(SimpleNamespace(connection_id=("db-2", 27017)))
    assert unreachable(client)
    assert not unreachable(SimpleNamespace(options=SimpleNamespace(event_listeners=[])))
