"""People sign in with their e-mail address at the desk (notify), once for every service's pages.

Against the four real services and the real SMTP sink, as a browser does it (cookies per host, redirects
followed): the link mailed, confirmed, used once; the same answer for an address without an account;
a foreign CSRF token, a reused or expired link and a tampered cookie refused; signing out ends the
sessions of every service.
"""
from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest
from pymongo import MongoClient

from services.notify.domain.signin import digest
from tests import factories
from tests.support.poll import eventually
from tests.support.procs import VENV_BIN
from tests.support.signin import SignIn, account, csrf_of, link_in_mail, links_in_mail

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def people(platform, auth):
    """Accounts of a ministry official and a kabupaten's Admin Lokal, made by the Secretariat."""
    notify, admin = platform["notify"].url, auth("admin")
    found = {"ministry": f"{factories.uid('deputi-')}@menpan.go.id", "region": f"{factories.uid('admin-')}@pinrangkab.go.id"}
    account(notify, admin, found["ministry"], "ministry", name="Deputi Pelayanan Publik")
    account(notify, admin, found["region"], "region", region="73.15", name="Bagian Organisasi Pinrang", language="en")
    return found


def test_the_mailed_link_signs_in_once_and_brings_the_person_back_to_their_page(platform, stack, people):
    reporting = platform["reporting"].url
    browser = SignIn(stack.mail_dir)
    desk = browser.open(f"{reporting}/dashboard/")
    assert urlsplit(desk.url).netloc == urlsplit(platform["notify"].url).netloc and "email" in desk.text
    assert browser.ask_for_link(desk, people["ministry"]).status_code == 200
    link = link_in_mail(stack.mail_dir, people["ministry"])
    landed = browser.follow_link(link)
    assert landed.status_code == 200 and landed.url == f"{reporting}/dashboard/", landed.url
    assert "Deputi Pelayanan Publik" in landed.text  # the person, in the page's frame
    assert browser.follow_link(link).status_code == 410  # used: once only
    assert SignIn(stack.mail_dir).follow_link(link).status_code == 410  # in another browser too


def test_a_second_service_signs_in_without_another_mail(platform, stack, people):
    browser = SignIn(stack.mail_dir)
    browser.sign_in(f"{platform['reporting'].url}/dashboard/", people["ministry"])
    sent = len(links_in_mail(stack.mail_dir, people["ministry"]))
    judges_room = browser.open(f"{platform['review'].url}/judge/")
    # signed in at review through the desk, no mail: and refused there, since a ministry official is no judge
    assert judges_room.status_code == 403 and urlsplit(judges_room.url).path == "/judge/", judges_room.url
    assert "Bukan untuk peran Anda" in judges_room.text
    assert len(links_in_mail(stack.mail_dir, people["ministry"])) == sent


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(platform, stack, people):
    unknown = f"{factories.uid('tidak-ada-')}@example.go.id"
    answers = []
    for email in (people["region"], unknown):
        browser = SignIn(stack.mail_dir)
        reply = browser.ask_for_link(browser.open(f"{platform['reporting'].url}/dashboard/"), email)
        answers.append((reply.status_code, reply.text.replace(email, "ADDRESS")))
    assert answers[0] == answers[1]
    link_in_mail(stack.mail_dir, people["region"])  # the account's mail came; nothing for the unknown address
    assert links_in_mail(stack.mail_dir, unknown) == []


def test_a_request_with_a_foreign_csrf_token_sends_nothing(platform, stack, people):
    browser = SignIn(stack.mail_dir)
    desk = browser.open(f"{platform['reporting'].url}/dashboard/")
    before = len(links_in_mail(stack.mail_dir, people["ministry"]))
    forged = browser.http.post(desk.url.split("?")[0], data={"email": people["ministry"], "csrf": "dari-situs-lain"})
    assert forged.status_code == 403
    stranger = SignIn(stack.mail_dir)  # another site's form: no double-submit cookie at all
    assert stranger.http.post(desk.url.split("?")[0], data={"email": people["ministry"],
                                                            "csrf": csrf_of(desk)}).status_code == 403
    assert len(links_in_mail(stack.mail_dir, people["ministry"])) == before


def test_an_expired_link_is_refused(platform, stack, people, platform_namespace):
    browser = SignIn(stack.mail_dir)
    before = len(links_in_mail(stack.mail_dir, people["ministry"]))
    browser.ask_for_link(browser.open(f"{platform['reporting'].url}/dashboard/"), people["ministry"])
    link = link_in_mail(stack.mail_dir, people["ministry"], after=before)
    with MongoClient(stack.mongo_uri) as client:  # fifteen minutes pass
        client[f"{platform_namespace}_notify"]["signin_links"].update_one(
            {"_id": digest(link.rsplit("/", 1)[1])}, {"$set": {"expires_at": datetime.now(timezone.utc) - timedelta(minutes=1)}})
    assert browser.follow_link(link).status_code == 410


def test_a_tampered_session_cookie_is_as_good_as_none(platform, stack, people):
    browser = SignIn(stack.mail_dir)
    browser.sign_in(f"{platform['reporting'].url}/dashboard/", people["ministry"])
    for name in ("kipp_reporting", "kipp_masuk"):  # the dashboard's session, then the desk's
        cookie = next(c for c in browser.http.cookies if c.name == name)
        assert cookie.has_nonstandard_attr("HttpOnly") and "samesite" in {k.lower() for k in cookie._rest}
        cookie.value = cookie.value[:-4] + ("AAAA" if not cookie.value.endswith("AAAA") else "BBBB")
        browser.http.cookies.set_cookie(cookie)
        first = browser.http.get(f"{platform['reporting'].url}/dashboard/", allow_redirects=False)
        assert first.status_code == 302 and first.headers["Location"].startswith("/sesi/mulai")
    again = browser.open(f"{platform['reporting'].url}/dashboard/")
    assert urlsplit(again.url).path == "/masuk/" and 'name="email"' in again.text  # asked for the address again


def test_signing_out_ends_the_session_of_every_service(platform, stack, people):
    browser = SignIn(stack.mail_dir)
    dashboard = browser.sign_in(f"{platform['reporting'].url}/dashboard/", people["ministry"])
    assert browser.open(f"{platform['intake'].url}/sesi/mulai?lanjut=/docs").status_code == 200  # a session there too
    competitions = f"{platform['intake'].url}/api/v1/competitions"
    assert browser.http.get(competitions).status_code == 200  # the API takes the session (a page's script)
    assert browser.open(f"{platform['review'].url}/judge/").status_code == 403  # and in review (not a judge)
    form = dict(action=f"{platform['notify'].url}/masuk/keluar", csrf=csrf_of(dashboard))
    out = browser.http.post(form["action"], data={"csrf": form["csrf"], "layanan": "reporting"}, timeout=15)
    assert out.status_code == 200 and urlsplit(out.url).path == "/masuk/keluar"
    assert urlsplit(browser.open(f"{platform['reporting'].url}/dashboard/").url).path == "/masuk/"

    eventually(lambda: urlsplit(browser.open(f"{platform['review'].url}/judge/").url).path == "/masuk/"
               and browser.http.get(competitions).status_code == 401,
               what="the other services' sessions ended (kipp.account.signed_out)")


def test_the_secretariat_manages_accounts_with_the_kipp_cli(platform, stack, keys_dir):
    email = f"{factories.uid('biro-')}@sulselprov.go.id"
    env = {**os.environ, "KIPP_NOTIFY_URL": platform["notify"].url,
           "KIPP_JWT_PRIVATE_KEY_FILE": str(keys_dir / "jwt-private.pem"),
           "KIPP_JWT_PUBLIC_KEY_FILE": str(keys_dir / "jwt-public.pem")}

    def kipp(*args) -> subprocess.CompletedProcess:
        return subprocess.run([str(VENV_BIN / "kipp"), "accounts", *args], env=env, capture_output=True, text=True,
                              timeout=60)
    refused = kipp("add", email, "--role", "region", "--region", "99")
    assert refused.returncode == 2 and "region" in refused.stderr  # not a Kemendagri code: nothing made
    assert kipp("add", email, "--role", "region", "--region", "73", "--name", "Biro Organisasi").returncode == 0
    listed = kipp("list", "--role", "region")
    assert f"{email}\tregion\t73\tid\tactive" in listed.stdout.splitlines()
    browser = SignIn(stack.mail_dir)
    browser.sign_in(f"{platform['reporting'].url}/dashboard/", email)  # an account: the link comes
    assert kipp("disable", email).returncode == 0
    assert f"{email}\tregion\t73\tid\tclosed" in kipp("list").stdout.splitlines()
    eventually(lambda: urlsplit(browser.open(f"{platform['reporting'].url}/dashboard/").url).path == "/masuk/",
               what="the closed account's session ended (kipp.account.changed)")
    before = len(links_in_mail(stack.mail_dir, email))
    control = f"{factories.uid('kontrol-')}@menpan.go.id"
    assert kipp("add", control, "--role", "ministry").returncode == 0
    for address in (email, control):  # the closed one first: once the other's link is in, so would be its
        again = SignIn(stack.mail_dir)
        again.ask_for_link(again.open(f"{platform['reporting'].url}/dashboard/"), address)
    link_in_mail(stack.mail_dir, control)
    assert len(links_in_mail(stack.mail_dir, email)) == before, "a closed account gets no link"
