"""How events change an entry's read-model document: idempotent, revision-checked, order-independent."""
from __future__ import annotations

import itertools
import random

from services.reporting.domain.readmodel import merge
from tests.unit.reporting import events as ev


def apply_all(events, doc=None):
    for event in events:
        doc = merge(doc, event) or doc
    return doc


def test_a_submission_makes_a_submitted_entry_with_its_jakarta_day():
    doc = merge(None, ev.submitted("e1", when="2026-03-10T17:30:00Z"))
    assert doc["status"] == "submitted" and doc["competition_id"] == ev.CID and doc["province_code"] == "73"
    assert doc["day"] == "2026-03-11"  # 00:30 WIB the next day
    assert doc["title"] == "Inovasi e1" and doc["cluster"] == "kota"


def test_every_event_applied_twice_changes_nothing_the_second_time():
    events = [ev.submitted("e1"), ev.screened("e1"), ev.assigned("e1", "j1"),
              ev.scored("e1", "j1", {"a": 80, "b": 60}, 70.0), ev.ranked("e1", True), ev.awarded("e1"),
              ev.notified("e1", "d1")]
    doc = None
    for event in events:
        doc = merge(doc, event)
        assert doc is not None, event["type"]
        assert merge(doc, event) is None, event["type"]


def test_the_latest_revision_per_assignment_wins_and_an_older_one_arriving_late_changes_nothing():
    doc = apply_all([ev.submitted("e1"), ev.assigned("e1", "j1"), ev.scored("e1", "j1", {"a": 50}, 50.0, revision=1),
                     ev.scored("e1", "j1", {"a": 90}, 90.0, revision=3)])
    assert merge(doc, ev.scored("e1", "j1", {"a": 10}, 10.0, revision=2)) is None
    review = doc["reviews"]["e1:j1"]
    assert review["total"] == 90.0 and review["revision"] == 3
    assert [h["revision"] for h in review["history"]] == [1, 3]
    assert doc["stages"]["evaluasi"] == {"assigned": 1, "judges": ["j1"], "totals": [90.0], "means": {"a": 90.0}}


def test_the_document_is_the_same_whatever_order_the_topics_deliver_in():
    events = [ev.submitted("e1"), ev.screened("e1"), ev.assigned("e1", "j1"), ev.assigned("e1", "j2"),
              ev.scored("e1", "j1", {"a": 80.1}, 80.1), ev.scored("e1", "j2", {"a": 60.2}, 60.2),
              ev.notified("e1", "d1"), ev.notified("e1", "d1", sent=False), ev.notified("e1", "d2", sent=False)]
    expected = apply_all(events)
    assert len(expected["stages"]["evaluasi"]["totals"]) == 2 and expected["status"] == "eligible"
    assert expected["notified"] == {"sent": 1, "failed": 1}
    for order in random.Random(5).sample(list(itertools.permutations(events)), 200):
        assert apply_all(order) == expected


def test_status_follows_the_entry_through_the_competition():
    doc = apply_all([ev.submitted("e1")])
    steps = [(ev.screened("e1"), "eligible"), (ev.at(ev.ranked("e1", True), "2026-05-01T00:00:00Z"), "advanced"),
             (ev.at(ev.ranked("e1", False, stage="wawancara"), "2026-06-01T00:00:00Z"), "eliminated"),
             (ev.awarded("e1"), "awarded")]
    for event, status in steps:
        doc = merge(doc, event)
        assert doc["status"] == status
    assert merge(apply_all([ev.submitted("e2")]), ev.screened("e2", "ineligible"))["status"] == "ineligible"
    assert merge(apply_all([ev.submitted("e3")]), ev.withdrawn("e3"))["status"] == "withdrawn"


def test_an_advanced_entry_is_in_the_next_stage():
    doc = apply_all([ev.submitted("e1"), ev.assigned("e1", "j1"), ev.ranked("e1", True)])
    assert doc["stage"] == "wawancara"


def test_a_recusal_reassignment_replaces_the_assignment_in_the_counts():
    doc = apply_all([ev.submitted("e1"), ev.assigned("e1", "j1", aid="a1"), ev.assigned("e1", "j2", aid="a2"),
                     ev.assigned("e1", "j3", aid="a3", replaces="a1")])
    assert doc["stages"]["evaluasi"]["assigned"] == 2


def test_reviews_before_the_submission_keep_the_entry_hidden_until_it_arrives():
    doc = apply_all([ev.assigned("e1", "j1"), ev.scored("e1", "j1", {"a": 70}, 70.0)])
    assert doc["status"] is None and doc["stages"]["evaluasi"]["totals"] == [70.0]
    assert merge(doc, ev.submitted("e1"))["status"] == "submitted"


def test_ids_with_dots_and_dollars_make_safe_keys():
    doc = apply_all([ev.submitted("e1"), ev.assigned("e1", "j1", aid="a.b$c"), ev.scored("e1", "j1", {"a": 1}, 1.0,
                                                                                         aid="a.b$c")])
    assert list(doc["reviews"]) == ["a%2Eb%24c"] and doc["reviews"]["a%2Eb%24c"]["assignment_id"] == "a.b$c"
