"""The demo's reusable sign-in links are honoured and made only where NOTIFY_DEMO_LINKS=1 says so."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from shared.config import from_env
from services.notify import config
from services.notify.entrypoints import cli
from services.notify.adapters.accounts import usable
from services.notify.handlers import accounts
from services.notify.domain.errors import DemoLinksOff

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
ACCOUNT = {"_id": "deputi@menpan.go.id", "email": "deputi@menpan.go.id", "role": "ministry", "active": True}


@pytest.mark.parametrize("value, on", [("1", True), (" 1 ", True), ("", False), ("0", False), ("true", False),
                                       ("yes", False), (None, False)])
def test_only_exactly_one_turns_demo_links_on(value, on):
    env = {} if value is None else {"NOTIFY_DEMO_LINKS": value}
    assert config.demo_links(config.load(env)) is on


def test_the_flag_of_another_service_is_not_notifys():
    assert config.demo_links(from_env("review", 8002, {"NOTIFY_DEMO_LINKS": "1"})) is False


def test_without_the_flag_a_used_link_is_used_up_even_if_it_was_made_reusable():
    query = usable("abc", NOW, honour_reusable=False)
    assert query == {"_id": "abc", "expires_at": {"$gt": NOW}, "used_at": None}


def test_with_the_flag_a_reusable_link_works_until_it_expires():
    query = usable("abc", NOW, honour_reusable=True)
    assert query["expires_at"] == {"$gt": NOW}
    assert {"reusable": True} in query["$or"] and {"used_at": None} in query["$or"]


class FakeAccounts:
    def __init__(self):
        self.links, self.counted = [], 0

    def get(self, email):
        return ACCOUNT if email == ACCOUNT["email"] else None

    def count(self, *_):
        self.counted += 1
        return 1

    def add_link(self, link):
        self.links.append(link)


def deps(demo_links: bool):
    return SimpleNamespace(demo_links=demo_links, accounts=FakeAccounts(), settings=config.load({}))


def test_a_desk_without_the_flag_refuses_to_make_a_reusable_link():
    wired = deps(demo_links=False)
    with pytest.raises(DemoLinksOff):
        accounts.request_link(wired, ACCOUNT["email"], ("reporting", "/dashboard/"), "cli", NOW,
                              reusable_for=timedelta(hours=12))
    assert wired.accounts.links == []


def test_a_desk_with_the_flag_makes_a_reusable_link_and_mails_nothing():
    wired = deps(demo_links=True)
    secret = accounts.request_link(wired, ACCOUNT["email"], ("reporting", "/dashboard/"), "cli", NOW,
                                   reusable_for=timedelta(hours=12))
    [link] = wired.accounts.links
    assert secret and link["reusable"] is True and link["expires_at"] == NOW + timedelta(hours=12)
    assert link["back"] == ["reporting", "/dashboard/"] and wired.accounts.counted == 0


def test_the_command_refuses_without_the_flag_before_connecting_anywhere(monkeypatch, capsys):
    monkeypatch.delenv("NOTIFY_DEMO_LINKS", raising=False)
    monkeypatch.setattr(cli, "bootstrap", lambda *_: pytest.fail("connected although refused"))
    assert cli.main(["demo-link", ACCOUNT["email"], "--to", "http://127.0.0.1:8004/dashboard/"]) == cli.REFUSED
    out = capsys.readouterr()
    assert out.out == "" and "NOTIFY_DEMO_LINKS=1" in out.err


@pytest.mark.parametrize("args, why", [(["--to", "https://elsewhere.example/"], "--to must be a page"),
                                       (["--to", "http://127.0.0.1:8004/", "--hours", "0"], "--hours"),
                                       (["--to", "http://127.0.0.1:8004/", "--hours", "100"], "--hours")])
def test_the_command_refuses_a_page_off_the_platform_or_a_silly_lifetime(monkeypatch, capsys, args, why):
    monkeypatch.setenv("NOTIFY_DEMO_LINKS", "1")
    monkeypatch.setattr(cli, "bootstrap", lambda *_: pytest.fail("connected although refused"))
    assert cli.main(["demo-link", ACCOUNT["email"], *args]) == cli.REFUSED
    assert why in capsys.readouterr().err
