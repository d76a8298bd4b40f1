"""`make up`'s demo data without the services: entries that keep the competition's rules, judges who can be
assigned, a judging pace of about half, accounts written only when they differ, and the welcome text."""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from shared import regions
from deploy.local.demo import accounts, catalogue, marks
from deploy.local.demo.competitions import JUDGING_ID, SECTIONS, judging_competition, now_wib
from deploy.local.demo.people import JUDGES, demo_accounts
from deploy.local.demo.welcome import welcome

DEFINITION = judging_competition("2026-10-01T00:00:00+07:00", "2026-12-01T00:00:00+07:00")
URLS = {name: f"http://127.0.0.1:800{n}" for n, name in enumerate(("intake", "review", "notify", "reporting"), 1)}


def test_about_120_entries_from_real_regions_across_the_country_each_title_once():
    planned = catalogue.entries()
    assert 110 <= len(planned) <= 130 and len({p.title for p in planned}) == len(planned)
    codes = [p.body["agency"]["region_code"] for p in planned]
    assert all(regions.region(code) for code in codes)
    assert len({regions.province_of(code) for code in codes}) >= 25
    assert Counter(codes)["73.15"] >= 2  # Kabupaten Pinrang's Admin Lokal has entries to look at
    assert sum(regions.province_of(c) in DEFINITION["priority_regions"] for c in codes) >= 5


def test_every_entry_keeps_the_competitions_rules():
    limits, categories = dict(SECTIONS), {c["key"] for c in DEFINITION["categories"]}
    for entry in catalogue.entries():
        body, code = entry.body, entry.body["agency"]["region_code"]
        assert body["category"] in categories and body["group"] in DEFINITION["groups"]
        assert body["agency"]["cluster"] in (regions.kind(code), "bumd") and entry.region == code
        assert set(body["sections"]) == set(limits)
        assert all(0 < len(text.split()) <= limits[key] for key, text in body["sections"].items())
        assert date.fromisoformat(body["implemented_since"]) <= now_wib().date() - timedelta(days=2 * 366)
        assert body["contact"]["email"].endswith(".go.id") and regions.name(code).split()[-1] in body["agency"]["name"]


def test_the_same_entries_every_run_and_a_few_ineligible_with_their_reasons():
    first, again = catalogue.entries(), catalogue.entries()
    assert [p.body for p in first] == [p.body for p in again]
    reasons = [p.ineligible_reason for p in first if p.ineligible_reason]
    assert 4 <= len(reasons) <= 12 and all(len(r) > 20 for r in reasons)


def test_judges_are_real_regions_people_with_the_competitions_themes():
    categories = {c["key"] for c in DEFINITION["categories"]}
    assert 12 <= len(JUDGES) <= 16 and len({j["id"] for j in JUDGES}) == len(JUDGES)
    for judge in JUDGES:
        assert regions.kind(judge["home_region"]) == "provinsi"
        assert regions.kind(judge["affiliation_region"]) in ("kabupaten", "kota")  # the campus's town
        assert set(judge["expertise"]) <= categories


def test_about_half_of_the_work_is_scored_and_each_judge_at_their_own_pace():
    judges = [j["id"] for j in JUDGES]
    work = [{"id": f"a{n:03d}", "judge_id": judges[n % len(judges)], "entry_id": f"e{n // 3}"} for n in range(336)]
    chosen = marks.to_score(work, judges)
    assert 0.4 <= len(chosen) / len(work) <= 0.6 and chosen == marks.to_score(list(reversed(work)), judges)
    done = Counter(a["judge_id"] for a in chosen)
    assert done[judges[1]] == 24 and done[judges[5]] == 0  # one judge finished, one not started


def test_marks_are_on_the_scale_and_the_same_each_time():
    criteria = ["kebaruan", "signifikansi"]
    given = marks.marks("e1", "judge-ahmad", criteria)
    assert given == marks.marks("e1", "judge-ahmad", criteria) and given["comment"]
    assert set(given["scores"]) == set(criteria) and all(0 <= s <= 100 for s in given["scores"].values())


class FakeApi:
    """notify's accounts as the seed sees them."""

    def __init__(self, held: dict):
        self.held, self.puts = held, []

    def find(self, service, path, who=None):
        return self.held.get(path.rsplit("/", 1)[1])

    def call(self, method, service, path, who=None, body=None, key=None, expect=None):
        self.puts.append((path.rsplit("/", 1)[1], body))
        self.held[path.rsplit("/", 1)[1]] = {**body, "email": path.rsplit("/", 1)[1]}


def test_an_account_is_written_only_when_notify_holds_something_else():
    people = demo_accounts(JUDGING_ID)
    api = FakeApi({"ahmad.fauzi@ui.ac.id": {"role": "judge"}})
    accounts.ensure(api, people)
    assert sorted(email for email, _ in api.puts) == sorted(p.email for p in people if p.role != "judge")
    api.puts.clear()
    api.held["deputi.yanlik@menpan.go.id"]["name"] = "Someone else"
    accounts.ensure(api, people)
    assert [email for email, _ in api.puts] == ["deputi.yanlik@menpan.go.id"]


def test_the_welcome_gives_each_person_a_link_and_calls_the_tokens_file_machines():
    people = demo_accounts(JUDGING_ID)
    links = {p.email: f"{URLS['notify']}/masuk/tautan/rahasia-{n}" for n, p in enumerate(people)}
    text = welcome(URLS, Path("var/demo-tokens.txt"), people, links, {"entries": 120, "ineligible": 8, "scored": 170,
                                                                       "assignments": 336}, "{}")
    assert all(link in text and person.email in text for person, link in zip(people, links.values()))
    assert "Machine clients" in text and "var/demo-tokens.txt" in text and "170 of 336" in text
    without = welcome(URLS, Path("var/demo-tokens.txt"), people, {}, {}, "{}")
    assert "masuk/tautan" not in without and f"{URLS['reporting']}/dashboard/{JUDGING_ID}" in without
