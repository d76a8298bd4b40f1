"""The competition form both ways: a definition shown in WIB, the posted form back as the API's body."""
from __future__ import annotations

from werkzeug.datastructures import MultiDict

from services.intake.entrypoints import console_form
from services.intake.entrypoints.schemas_competition import Competition
from tests import factories


def posted_from(definition: dict) -> MultiDict:
    pairs = []
    for key, value in console_form.values(definition).items():
        if key in console_form.ROWS:
            pairs += [(f"{key}.{i}.{c}", text) for i, row in enumerate(value) for c, text in row.items()]
        elif key == "clusters":
            pairs += [("clusters", c) for c in value]
        elif key == "blind_review":
            pairs += [("blind_review", "on")] if value else []
        else:
            pairs.append((key, value))
    return MultiDict(pairs)


def test_a_definition_survives_the_form_unchanged():
    stages = [{"key": "administrasi", "kind": "screening"},
              {"key": "evaluasi", "kind": "scored", "judges_per_entry": 3, "shortlist": 9,
               "due_at": "2026-04-15T23:59:59+07:00"}]
    definition = Competition().load(factories.competition(opens_at="2026-01-15T17:00:00+00:00",
                                                          closes_at="2026-03-10T16:59:59Z", blind_review=True,
                                                          priority_regions=["91", "94.01"], stages=stages))
    shown = console_form.values(definition)
    assert shown["opens_at"] == "2026-01-16T00:00:00" and shown["closes_at"] == "2026-03-10T23:59:59", "WIB"
    assert shown["stages"][1]["due_at"] == "2026-04-15T23:59:59" and shown["stages"][0]["due_at"] == ""
    _, body = console_form.posted(posted_from(definition))
    again = Competition().load(body)
    assert again["opens_at"] == "2026-01-16T00:00:00+07:00"
    assert {k: v for k, v in again.items() if k not in ("opens_at", "closes_at")} == \
        {k: v for k, v in definition.items() if k not in ("opens_at", "closes_at")}


def test_blank_rows_are_dropped_and_the_rest_renumbered():
    form = MultiDict([("categories.0.key", "a"), ("categories.0.label", "A"), ("categories.1.key", ""),
                      ("categories.1.label", ""), ("categories.7.key", "b"), ("categories.7.label", "B"),
                      ("stages.0.kind", "scored")])
    shown, body = console_form.posted(form)
    assert body["categories"] == [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]
    assert shown["stages"] == [] and body["stages"] == [], "a row with only its kind chosen is blank"


def test_numbers_are_numbers_and_anything_else_stays_for_the_schema_to_name():
    form = MultiDict([("criteria.0.key", "a"), ("criteria.0.weight", "12,5"), ("criteria.1.key", "b"),
                      ("criteria.1.weight", "berat"), ("quotas.max_per_province", ""), ("objection_days", "5"),
                      ("eligibility.max_entries_per_agency", "umum = 10\nreplikasi: lima"),
                      ("closes_at", "2026-03-10T23:59"), ("opens_at", "kemarin")])
    shown, body = console_form.posted(form)
    assert body["criteria"] == [{"key": "a", "weight": 12.5}, {"key": "b", "weight": "berat"}]
    assert "max_per_province" not in body["quotas"] and body["objection_days"] == 5
    assert body["eligibility"]["max_entries_per_agency"] == {"umum": 10, "replikasi": "lima"}
    assert body["closes_at"] == "2026-03-10T23:59:00+07:00" and body["opens_at"] == "kemarin"
    assert console_form.weight_sum(shown) is None
    assert console_form.weight_sum({"criteria": [{"weight": "10"}, {"weight": "2,5"}]}) == 12.5
