"""intake against the real parts: the Flask app in-process on the real store, plus the real
intake processes (gunicorn web and the worker with its outbox relay) on this run's namespace."""
from __future__ import annotations

import pytest

from shared.mongo.indexes import ensure_indexes
from shared.config import Settings
from services.intake.bootstrap import bootstrap
from services.intake.entrypoints.web import create_app
from tests import factories
from tests.support.topics import TopicReader


@pytest.fixture(scope="session")
def intake_settings(settings_for) -> Settings:
    return settings_for("intake")


@pytest.fixture(scope="session")
def intake_service(running):
    """intake's gunicorn web process and its worker (the outbox relay), as `make up` starts them."""
    return running("intake")


@pytest.fixture(scope="session")
def intake_deps(intake_settings, intake_service):
    deps = bootstrap(intake_settings)
    ensure_indexes(deps)
    return deps


@pytest.fixture(scope="session")
def intake_db(mongo, intake_settings):
    return mongo[intake_settings.database_name]


@pytest.fixture(scope="session")
def client(intake_settings, intake_deps):
    """A test client of the in-process app on the real store (the worker runs beside it)."""
    return create_app(intake_settings, intake_deps).test_client()


@pytest.fixture
def open_competition(client, auth):
    """A fresh competition with its window open now."""
    definition = factories.competition()
    response = client.put(f"/api/v1/competitions/{definition['id']}", json=definition, headers=auth("admin"))
    assert response.status_code == 200, response.get_json()
    return definition


@pytest.fixture(scope="session")
def entries_topic(stack, namespace):
    reader = TopicReader(stack.kafka, f"{namespace}.entries")
    yield reader
    reader.close()


@pytest.fixture(scope="session")
def competitions_topic(stack, namespace):
    reader = TopicReader(stack.kafka, f"{namespace}.competitions")
    yield reader
    reader.close()
