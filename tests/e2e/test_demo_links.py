"""The demo's sign-in links (`python -m services.notify.entrypoints.cli demo-link`), against the four real services.

Without NOTIFY_DEMO_LINKS=1 the command refuses, and a desk does not honour a reusable link at all: it
works once, like a mailed one. A desk started with the flag (as `make up` starts notify) lets the same
kind of link sign in again and again, each time landing on the page it names.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests import factories
from tests.support.procs import ROOT, free_port, start_web, wait_ready
from tests.support.signin import SignIn, account, links_in_mail

pytestmark = pytest.mark.e2e


def demo_link(env: dict, email: str, to: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "services.notify.entrypoints.cli", "demo-link", email, "--to", to, "--hours", "1"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def official(platform, auth) -> str:
    email = f"{factories.uid('deputi-')}@menpan.go.id"
    account(platform["notify"].url, auth("admin"), email, "ministry", name="Deputi Pelayanan Publik")
    return email


def without_flag(platform) -> dict:
    env = dict(platform["notify"].env)
    env.pop("NOTIFY_DEMO_LINKS", None)
    return env


def test_the_command_refuses_without_the_flag_and_nothing_is_sent(platform, stack, official):
    done = demo_link(without_flag(platform), official, f"{platform['reporting'].url}/dashboard/")
    assert done.returncode == 2 and done.stdout == "" and "NOTIFY_DEMO_LINKS=1" in done.stderr
    assert links_in_mail(stack.mail_dir, official) == []


def test_a_desk_without_the_flag_lets_a_reusable_link_work_once(platform, official):
    dashboard = f"{platform['reporting'].url}/dashboard/"
    made = demo_link({**without_flag(platform), "NOTIFY_DEMO_LINKS": "1"}, official, dashboard)  # made elsewhere
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip()
    assert link.startswith(f"{platform['notify'].url}/masuk/tautan/")
    landed = SignIn(None).follow_link(link)
    assert landed.status_code == 200 and landed.url == dashboard and "Deputi Pelayanan Publik" in landed.text
    assert SignIn(None).follow_link(link).status_code == 410


@pytest.fixture(scope="module")
def flagged_desk(platform, tmp_path_factory):
    """A second notify web process on the platform's store, started with NOTIFY_DEMO_LINKS=1."""
    port = free_port()
    env = {**platform["notify"].env, "PORT": str(port), "NOTIFY_DEMO_LINKS": "1"}
    web = start_web("notify", env, tmp_path_factory.mktemp("flagged-desk"))
    try:
        wait_ready(f"http://127.0.0.1:{port}", web)
        yield f"http://127.0.0.1:{port}", env
    finally:
        web.stop()


def test_a_desk_with_the_flag_lets_the_link_sign_in_again_and_again(platform, official, flagged_desk):
    desk, env = flagged_desk
    page = f"{platform['reporting'].url}/dashboard/"
    made = demo_link(env, official, page)
    assert made.returncode == 0, made.stderr
    link = made.stdout.strip().replace(platform["notify"].url, desk)
    for _ in range(2):  # two browsers, one after the other
        landed = SignIn(None).follow_link(link)
        assert landed.status_code == 200 and landed.url == page and "Deputi Pelayanan Publik" in landed.text
