"""Fail fast and say what failed: a service whose store or broker is down answers 503 naming the part
within 2 s, with Retry-After, and /readyz within 1 s (intake in-process on the real parts; the store
that is stopped is a private FerretDB, the broker that is missing a closed port)."""
from __future__ import annotations

import time
from dataclasses import replace

import pytest

from services.intake.bootstrap import bootstrap
from services.intake.entrypoints.web import create_app
from tests import factories
from tests.support.procs import free_port

CLOSED = f"127.0.0.1:{free_port()}"  # nothing listens here


@pytest.fixture
def intake_on(settings_for):
    """intake_on(mongo_uri=..., kafka=...) → a test client of intake wired as in production (shared connect())."""
    def make(mongo_uri: str | None = None, kafka: str | None = None):
        settings = settings_for("intake")
        settings = replace(settings, mongo_uri=mongo_uri or settings.mongo_uri,
                           kafka_bootstrap_servers=kafka or settings.kafka_bootstrap_servers)
        return create_app(settings, bootstrap(settings)).test_client()
    return make


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def assert_names(response, part: str) -> None:
    assert response.status_code == 503, response.get_data(as_text=True)
    assert response.content_type == "application/problem+json"
    assert response.get_json()["part"] == part
    assert int(response.headers["Retry-After"]) > 0


def assert_the_store_is_named(client, auth, first_within: float = 2.0) -> None:
    """A read, a create and a submit each answer 503 naming the store within `first_within` seconds; /readyz
    says so within 1 s; and from then on (pymongo's monitor has found the store unreachable) a request
    answers at once, waiting for nothing."""
    requests = [lambda: client.get("/api/v1/competitions", headers=auth("admin")),
                lambda: client.post("/api/v1/competitions/c-x/entries", json=factories.entry(),
                                    headers=auth("region", "73")),
                lambda: client.post("/api/v1/entries/e-x/submit", headers=auth("region", "73"))]
    for n, request in enumerate(requests):
        response, seconds = timed(request)
        assert_names(response, "store")
        assert seconds < first_within, f"request {n}: 503 after {seconds:.2f} s"
    assert_ready_says_down(client, "store")
    for n, request in enumerate(requests):
        response, seconds = timed(request)
        assert_names(response, "store")
        assert seconds < 0.25, f"request {n} once the store is known to be down: 503 after {seconds:.2f} s"


def assert_ready_says_down(client, part: str) -> None:
    for _ in range(3):  # the first check and the cached ones alike
        response, seconds = timed(lambda: client.get("/readyz"))
        assert seconds < 1.0, f"/readyz took {seconds:.2f} s"
        assert response.status_code == 503 and part in response.get_json()["down"]
        assert response.headers["Retry-After"]


def test_an_unreachable_store_is_named_within_2_s(intake_on, auth):
    assert_the_store_is_named(intake_on(mongo_uri=f"mongodb://{CLOSED}/"), auth)


def test_a_store_killed_under_a_running_service_is_named_within_2_s(intake_on, auth, private_store):
    client = intake_on(mongo_uri=private_store.uri)
    assert client.get("/api/v1/competitions", headers=auth("admin")).status_code == 200
    private_store.kill()
    assert_the_store_is_named(client, auth)


def test_a_hung_store_is_named_within_2_s_and_then_at_once(intake_on, auth, private_store):
    # a stopped process still accepts connections and answers nothing: only pymongo's monitor notices
    # (a hello unanswered for half a second, sent every half second), so the request in flight waits for that
    client = intake_on(mongo_uri=private_store.uri)
    assert client.get("/api/v1/competitions", headers=auth("admin")).status_code == 200
    private_store.freeze()
    assert_the_store_is_named(client, auth)


def test_an_unreachable_broker_is_named_by_readyz_and_the_api_keeps_accepting(intake_on, auth):
    client = intake_on(kafka=CLOSED)
    assert_ready_says_down(client, "broker")
    body = client.get("/readyz").get_json()
    assert body["mongo"] is True and body["down"] == ["broker"]
    # the API needs only the store: what it accepts waits in the outbox for the broker (DESIGN §7)
    definition = factories.competition()
    response, seconds = timed(lambda: client.put(f"/api/v1/competitions/{definition['id']}", json=definition,
                                                 headers=auth("admin")))
    assert response.status_code == 200 and seconds < 2.0


def test_the_api_docs_say_repeating_a_submit_is_safe(intake_on):
    spec = intake_on().get("/openapi.json").get_json()
    submit = spec["paths"]["/api/v1/entries/{entry_id}/submit"]["post"]
    assert "Repeating a submit is safe" in submit["description"] and "503" in submit["responses"]
