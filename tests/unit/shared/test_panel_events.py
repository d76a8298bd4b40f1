"""The panel's and reminders' events (kipp.judge.appointed / released / reminded) keep their contracts, and every
consumer of <ns>.reviews that has no use for them passes them by without failing (no dead letter, no change)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from shared.events import contracts, types
from shared.events.envelope import InvalidEvent, new_event
from shared.events.dispatch import dispatcher
from services.intake import handlers as intake_handlers
from services.notify import handlers as notify_handlers
from services.reporting.handlers import readmodel as reporting_readmodel
from tests.unit.notify.fakes import fake_deps

PANEL = {"judge_id": "juri-07", "competition_id": "kipp-2026", "stage": "evaluasi", "at": "2026-04-01T00:00:00.000Z"}
REMINDED = {"judge_id": "juri-07", "judge_email": "sri@univ.ac.id", "competition_id": "kipp-2026", "stage": "evaluasi",
            "reminded_at": "2026-04-20T02:00:00.000Z",
            "assignments": [{"assignment_id": "a1", "entry_id": "e1", "due_at": "2026-04-15T16:59:59Z"}]}
EVENTS = [(types.JUDGE_APPOINTED, PANEL), (types.JUDGE_RELEASED, PANEL), (types.JUDGE_REMINDED, REMINDED)]


@pytest.mark.parametrize("kind, data", EVENTS)
def test_they_travel_on_reviews_keyed_by_the_judge_and_keep_their_contract(kind, data):
    event = new_event(kind, data["judge_id"], data, "kipp/review")
    assert contracts.validate(event) is event
    assert types.TOPIC_OF[kind] == "reviews"
    with pytest.raises(InvalidEvent):
        contracts.validate(new_event(kind, "juri-07", {k: v for k, v in data.items() if k != "stage"}, "kipp/review"))


@pytest.mark.parametrize("kind, data", EVENTS)
def test_intake_reporting_and_notify_pass_them_by(kind, data):
    event = contracts.validate(new_event(kind, data["judge_id"], data, "kipp/review"))
    untouchable = SimpleNamespace()  # any use of a store would fail on this
    assert kind not in intake_handlers.EVENTS
    dispatcher(intake_handlers.EVENTS, SimpleNamespace(db=untouchable, store=untouchable))(event)
    assert reporting_readmodel.on_event(untouchable, event) is False
    if kind != types.JUDGE_REMINDED:  # the reminder is notify's to mail (tests/unit/notify/test_reminders.py)
        deps = fake_deps()
        dispatcher(notify_handlers.EVENTS, deps)(event)
        assert deps.deliveries.queued() == []
