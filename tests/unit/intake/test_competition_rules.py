"""The whole-definition rules of a competition (DESIGN §5), without I/O."""
from __future__ import annotations

import pytest
from marshmallow import ValidationError

from shared.web.problem import flatten_errors
from services.intake.domain.competitions import check, instant
from services.intake.entrypoints.schemas import Competition
from tests import factories


def errors_of(**overrides) -> dict:
    try:
        Competition().load(factories.competition(**overrides))
    except ValidationError as exc:
        return flatten_errors(exc.messages)
    return {}


def test_the_design_example_is_valid():
    assert errors_of() == {}
    assert check(Competition().load(factories.competition())) == {}


@pytest.mark.parametrize("overrides,field", [
    ({"criteria": [{"key": "a", "weight": 0}]}, "criteria.0.weight"),
    ({"criteria": [{"key": "a", "weight": -3}]}, "criteria.0.weight"),
    ({"criteria": [{"key": "a", "weight": 1}, {"key": "a", "weight": 2}]}, "criteria.1.key"),
    ({"categories": [{"key": "x", "label": "X"}, {"key": "x", "label": "Y"}]}, "categories.1.key"),
    ({"sections": [{"key": "s", "max_words": 10}, {"key": "s", "max_words": 20}]}, "sections.1.key"),
    ({"stages": [{"key": "a", "kind": "scored", "judges_per_entry": 3}, {"key": "a", "kind": "scored",
                                                                         "judges_per_entry": 3}]}, "stages.1.key"),
    ({"stages": [{"key": "a", "kind": "scored"}]}, "stages.0.judges_per_entry"),
    ({"stages": [{"key": "a", "kind": "scored", "judges_per_entry": 3}, {"key": "b", "kind": "screening"}]},
     "stages.1.kind"),
    ({"stages": [{"key": "a", "kind": "screening"}]}, "stages"),
    ({"stages": [{"key": "a", "kind": "screening", "judges_per_entry": 2},
                 {"key": "b", "kind": "scored", "judges_per_entry": 3}]}, "stages.0.judges_per_entry"),
    ({"stages": [{"key": "a", "kind": "scored", "judges_per_entry": 3, "shortlist": 10},
                 {"key": "b", "kind": "scored", "judges_per_entry": 3, "shortlist": 45}]}, "stages.1.shortlist"),
    ({"stages": [{"key": "a", "kind": "screening", "due_at": "2026-04-15T23:59:59+07:00"},
                 {"key": "b", "kind": "scored", "judges_per_entry": 3}]}, "stages.0.due_at"),
    ({"stages": [{"key": "b", "kind": "scored", "judges_per_entry": 3, "due_at": "15 April"}]}, "stages.0.due_at"),
    ({"opens_at": "2026-03-10T00:00:00"}, "opens_at"),
    ({"closes_at": "10 Maret 2026"}, "closes_at"),
    ({"opens_at": "2026-03-10T00:00:00+07:00", "closes_at": "2026-03-10T00:00:00+07:00"}, "closes_at"),
    ({"quotas": {"max_per_province": 0}}, "quotas.max_per_province"),
    ({"quotas": {"max_per_province": 3, "min_per_category": -1}}, "quotas.min_per_category"),
    ({"quotas": {"max_per_province": 2.5}}, "quotas.max_per_province"),
    ({"score_scale": {"min": 100, "max": 0}}, "score_scale"),
    ({"groups": []}, "groups"),
    ({"groups": ["umum", "umum"]}, "groups.1"),
    ({"clusters": ["kota", "desa"]}, "clusters.1"),
    ({"clusters": ["kota", "kota"]}, "clusters.1"),
    ({"eligibility": {"max_entries_per_agency": {"lain": 3}}}, "eligibility.max_entries_per_agency.lain"),
    ({"eligibility": {"min_age_months": -1}}, "eligibility.min_age_months"),
    ({"priority_regions": ["73.99"]}, "priority_regions.0"),
    ({"objection_days": 10**30}, "objection_days"),
    ({"id": "a|b"}, "id"),
])
def test_each_broken_rule_names_its_field(overrides, field):
    assert field in errors_of(**overrides)


def test_all_bad_fields_are_named_together():
    errors = errors_of(groups=[], score_scale={"min": 5, "max": 1}, objection_days="lima", hidden=1)
    assert {"groups", "score_scale", "objection_days", "hidden"} <= set(errors)


def test_instants_must_carry_a_timezone():
    assert instant("2026-03-10T23:59:59+07:00") is not None
    assert instant("2026-03-10T16:59:59Z") is not None
    assert instant("2026-03-10T23:59:59") is None and instant("besok") is None and instant(None) is None
