"""review against the real parts: its worker as a process, its web app in-process, events through Kafka."""
from __future__ import annotations

import pytest

from shared.config import Settings
from services.review.entrypoints.web import create_app
from tests import factories
from tests.integration.review import kit
from tests.support.signin import as_desk


@pytest.fixture(scope="session")
def review_settings(settings_for) -> Settings:
    return settings_for("review")


@pytest.fixture(scope="session")
def client(review_settings, running):
    """The in-process app on the real store, with review's processes running beside it on this run's namespace
    (the worker's consumer loop and outbox relays take the events the tests publish)."""
    running("review")
    app = create_app(review_settings)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="session")
def admin(auth) -> dict:
    return auth("admin", sub="sekretariat-kipp")


@pytest.fixture
def reviews(topic):
    return topic("reviews")


@pytest.fixture
def competition(publisher, client, admin):
    """make(**overrides, entries=[bodies]) → (definition, entry ids): published and taken in by review."""
    def make(entries: list[dict] = (), **overrides):
        definition = factories.competition(**overrides)
        events = [kit.published(definition)] + [kit.submitted(definition["id"], body) for body in entries]
        publisher.publish_all(events)
        kit.entries_in_review(client, admin, definition["id"], len(entries))
        return definition, [e["subject"] for e in events[1:]]
    return make


@pytest.fixture
def console(client, keys_dir):
    """A browser-like client signed in as the secretariat."""
    browser = client.application.test_client()
    as_desk(browser.get, keys_dir, "review", sub="sekretariat-kipp", role="admin", back="/konsol/")
    return browser


@pytest.fixture
def closed_stage(competition, client, admin, auth):
    """One scored stage (shortlist 4, quotas), its six entries scored as kit.FIELD says, and closed."""
    def make(**overrides):
        bodies = [factories.entry(region, category=category) for region, category, _ in kit.FIELD.values()]
        stages = [{"key": "evaluasi", "kind": "scored", "judges_per_entry": 1, "shortlist": 4}]
        definition, ids = competition(bodies, stages=stages, quotas=kit.FIELD_QUOTAS, normalization="none", **overrides)
        cid = definition["id"]
        label = dict(zip(ids, kit.FIELD))
        kit.register(client, admin, [kit.judge_body(cid, home) for home in ("51", "52", "53")], cid)
        assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/assignments", headers=admin).status_code == 201
        for a in client.get(f"/api/v1/assignments?competition_id={cid}", headers=admin).json["items"]:
            value = kit.FIELD[label[a["entry_id"]]][2]
            reply = client.put(f"/api/v1/assignments/{a['id']}/score", json={"scores": {k: value for k in kit.GOOD}},
                               headers=auth("judge", sub=a["judge_id"]))
            assert reply.status_code == 200
        early = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/shortlist", headers=admin)
        assert early.status_code == 409 and early.json["rule"] == "stage-not-closed"
        assert client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/close", headers=admin).status_code == 200
        return cid, {name: entry_id for entry_id, name in label.items()}
    return make
