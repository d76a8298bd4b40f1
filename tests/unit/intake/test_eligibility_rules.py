"""Eligibility rules of DESIGN §6 as plain functions."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from services.intake.domain import eligibility
from services.intake.domain.errors import WindowClosed
from tests import factories


def entry(**overrides) -> dict:
    body = factories.entry(**overrides)
    body["implemented_since"] = str(body["implemented_since"])
    return body


def rules(body: dict, definition: dict | None = None, caller: str = "73") -> list[str]:
    return [v.rule for v in eligibility.violations(body, definition or factories.competition(), caller)]


@pytest.mark.parametrize("a,b", [("Layanan Antar Jemput, e-KTP!", "layanan  antar jemput E-ktp"),
                                 ("SI-CANTIK online", "Si-Cantik   Online."), ("Ａｐｌｉｋａｓｉ", "aplikasi")])
def test_titles_that_differ_only_in_case_punctuation_or_spacing_are_the_same(a, b):
    assert eligibility.normalise_title(a) == eligibility.normalise_title(b)


def test_different_words_stay_different():
    assert eligibility.normalise_title("Sistem Antrian") != eligibility.normalise_title("Sistem Antrean")


@pytest.mark.parametrize("day,months,expected", [(date(2024, 1, 31), 1, date(2024, 2, 29)),
                                                 (date(2023, 3, 15), 24, date(2025, 3, 15)),
                                                 (date(2023, 11, 30), 3, date(2024, 2, 29))])
def test_months_are_added_calendar_wise(day, months, expected):
    assert eligibility.add_months(day, months) == expected


def test_a_complete_entry_breaks_no_rule():
    assert rules(entry()) == []


@pytest.mark.parametrize("overrides,rule", [
    ({"group": "x"}, "unknown-group"), ({"category": "x"}, "unknown-category"),
    ({"implemented_since": date.today().isoformat()}, "too-young"),
    ({"sections": {}}, "section-missing"), ({"sections": {"ringkasan": "kata " * 201}}, "section-too-long"),
])
def test_each_rule_refuses(overrides, rule):
    assert rule in rules(entry(**overrides))


@pytest.mark.parametrize("code,cluster,caller,expected", [
    ("73", "provinsi", "73", []), ("73.71", "kota", "73", []), ("73.15", "kabupaten", "73.15", []),
    ("73.71", "kabupaten", "73", ["region-level"]), ("73.15", "kota", "73", ["region-level"]),
    ("73", "kota", "73", ["region-level"]), ("73.99", "kota", "73", ["region-unknown"]),
    ("99", "provinsi", "73", ["region-unknown"]), ("31.71", "kota", "73", ["region-outside"]),
    ("73", "provinsi", "73.71", ["region-outside"]), ("73.15", "kementerian", "73", []),
    ("73", "bumn", "73", []), ("73.71", "bumd", "73.71", []), ("73.71", "desa", "73", ["unknown-cluster"]),
])
def test_region_code_level_and_scope(code, cluster, caller, expected):
    assert rules(entry(region_code=code, cluster=cluster), caller=caller) == expected


def test_past_winners_are_matched_after_normalising():
    definition = factories.competition(eligibility={"excluded_titles": ["Si-Cantik Online!"], "min_age_months": 0})
    assert rules(entry(title="SI-CANTIK online"), definition) == ["past-winner"]


def test_the_window_is_checked_to_the_second():
    closes = datetime(2026, 3, 10, 23, 59, 59, tzinfo=timezone(timedelta(hours=7)))
    definition = factories.competition(opens_at="2026-01-16T00:00:00+07:00", closes_at=closes.isoformat())
    eligibility.require_window(definition, closes)
    with pytest.raises(WindowClosed):
        eligibility.require_window(definition, closes + timedelta(seconds=1))


def field_rules(body: dict, caller: str = "73") -> list[str]:
    return [v.rule for v in eligibility.field_violations(body, factories.competition(), caller)]


def test_a_draft_may_be_incomplete_but_submit_needs_every_section():
    partial = entry(sections={"ringkasan": "Ringkasan saja."})
    assert field_rules(partial) == []
    assert set(rules(partial)) == {"section-missing"}


@pytest.mark.parametrize("overrides,caller,rule", [
    ({"region_code": "73.71"}, "32", "region-outside"),  # the probe's region-32 token drafting for 73.71
    ({"region_code": "00", "cluster": "provinsi"}, "73", "region-unknown"),
    ({"region_code": "73.99"}, "73", "region-unknown"),
    ({"region_code": "73", "cluster": "kota"}, "73", "region-level"),
    ({"group": "x"}, "73", "unknown-group"), ({"category": "x"}, "73", "unknown-category"),
    ({"cluster": "desa"}, "73", "unknown-cluster"),
    ({"implemented_since": date.today().isoformat()}, "73", "too-young"),
    ({"sections": {"ringkasan": "kata " * 201}}, "73", "section-too-long"),
    ({"sections": {"lainnya": "teks"}}, "73", "section-unknown"),
])
def test_the_field_rules_are_the_submit_rules(overrides, caller, rule):
    body = entry(**overrides)
    assert rule in field_rules(body, caller)
    assert rule in rules(body, caller=caller)


def test_past_winners_are_a_field_rule_too():
    definition = factories.competition(eligibility={"excluded_titles": ["Si-Cantik Online!"], "min_age_months": 0})
    found = eligibility.field_violations(entry(title="SI-CANTIK  online"), definition, "73")
    assert [(v.rule, v.field) for v in found] == [("past-winner", "title")]


def test_a_patch_hears_only_of_the_fields_it_changes():
    found = eligibility.field_violations(entry(group="x", region_code="00", sections={"ringkasan": "kata " * 201,
                                                                                       "lainnya": "teks"}),
                                         factories.competition(), "73")
    fields = lambda changes: {v.field for v in eligibility.about_changes(found, changes)}  # noqa: E731
    assert fields({"title": "Judul baru"}) == set()
    assert fields({"agency": {}}) == {"agency.region_code"}
    assert fields({"group": "x", "title": "t"}) == {"group"}
    assert fields({"sections": {"ringkasan": "..."}}) == {"sections.ringkasan"}
    assert fields({"sections": {"lainnya": "teks", "kebaruan": "k"}}) == {"sections.lainnya"}
