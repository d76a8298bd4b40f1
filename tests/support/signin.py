"""People signing in the way a browser does: the sign-in desk's form, the e-mailed link, the confirm button.

`SignIn` drives a requests.Session (which keeps cookies per host, across the services' ports, as a browser
does); `link_in_mail` finds the one-time link in the sink. Browser tests use `link_in_mail` too.
"""
from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import requests

from shared.auth import signin as assertions
from shared.auth.signin import Person
from tests.support.mail import messages
from tests.support.poll import eventually

LINK = re.compile(r"https?://[^\s\"<>]+/masuk/tautan/[A-Za-z0-9_-]+")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def account(notify_url: str, admin: dict, email: str, role: str, **fields) -> dict:
    """Create (or change) an account through notify's API, as the Secretariat does."""
    reply = requests.put(f"{notify_url}/api/v1/accounts/{email}", json={"role": role, **fields}, headers=admin,
                         timeout=10)
    assert reply.status_code == 200, reply.text
    return reply.json()


def links_in_mail(mail_dir, address: str) -> list[str]:
    """Every sign-in link mailed to `address`, oldest first."""
    found = []
    for message in messages(mail_dir, address):
        if message.get("X-KIPP-Template") == "signin":
            found += LINK.findall(message.get_body(("plain",)).get_content())
    return found


def link_in_mail(mail_dir, address: str, after: int = 0, timeout: float = 30) -> str:
    """The next sign-in link mailed to `address` (after the first `after` ones)."""
    return eventually(lambda: (links_in_mail(mail_dir, address)[after:] or [None])[0], timeout=timeout,
                      what=f"a sign-in link mailed to {address}")


def csrf_of(page: requests.Response) -> str:
    found = CSRF.search(page.text)
    assert found, f"no CSRF field on {page.url}: {page.text[:300]}"
    return found.group(1)


class SignIn:
    """One browser's cookies, signing in through the desk."""

    def __init__(self, mail_dir):
        self.http = requests.Session()
        self.mail_dir = mail_dir

    def open(self, url: str) -> requests.Response:
        """GET a page, following the redirects through the desk as a browser would."""
        return self.http.get(url, timeout=15)

    def ask_for_link(self, desk_page: requests.Response, email: str) -> requests.Response:
        """Fill in the desk's form (the page the browser was sent to) and send it."""
        assert urlsplit(desk_page.url).path == "/masuk/", desk_page.url
        hidden = dict(re.findall(r'<input type="hidden" name="(layanan|lanjut)" value="([^"]*)"', desk_page.text))
        return self.http.post(desk_page.url.split("?")[0], data={"email": email, "csrf": csrf_of(desk_page), **hidden},
                              timeout=15)

    def follow_link(self, link: str) -> requests.Response:
        """Open the e-mailed link and press its button; the page the browser lands on."""
        confirm = self.http.get(link, timeout=15)
        if confirm.status_code != 200:
            return confirm
        return self.http.post(link, data={"csrf": csrf_of(confirm)}, timeout=15)

    def sign_in(self, page_url: str, email: str) -> requests.Response:
        """The whole journey: the page, the desk, the mail, the link, back on the page."""
        sent_before = len(links_in_mail(self.mail_dir, email))
        desk = self.open(page_url)
        assert self.ask_for_link(desk, email).status_code == 200
        return self.follow_link(link_in_mail(self.mail_dir, email, after=sent_before))


def as_desk(get, keys_dir, service: str, *, sub: str, role: str, email: str | None = None, region: str | None = None,
            name: str = "", language: str = "id", desk_session: str = "desk-session-uji", back: str = "/"):
    """Sign a person in to one service as the desk's answer does, without the desk (tests of one service):
    `get(path)` is the browser's GET on that service (a Flask test client's, or a requests session's with the
    service's address and no redirects followed). Returns the answer of /sesi/selesai."""
    started = get(f"/sesi/mulai?lanjut={back}")
    assert started.status_code == 302, started.status_code
    state = parse_qs(urlsplit(started.headers["Location"]).query)["state"][0]
    person = Person(email=email or f"{sub}@contoh.go.id", name=name or sub, role=role, sub=sub, region=region,
                    language=language, desk_session=desk_session, desk_csrf="desk-csrf-uji",
                    expires_at=int(time.time()) + 3600)
    token = assertions.sign((keys_dir / "signin-private.pem").read_bytes(), person, service, state, back_to=back)
    return get(f"/sesi/selesai?bukti={token}")


def assert_only_for_its_role(client, keys_dir, service: str, path: str):
    """A page of one role, on an in-process app: a browser with no session is sent to sign in, a judge is told
    the page is not for them (403). Returns the judge's client, signed in."""
    stranger = client.application.test_client()
    away = stranger.get(path)
    assert away.status_code == 302 and away.headers["Location"].startswith("/sesi/mulai?lanjut=")
    judge = client.application.test_client()
    as_desk(judge.get, keys_dir, service, sub="juri-1", role="judge", back=path)
    refused = judge.get(path)
    assert refused.status_code == 403 and "Bukan untuk peran Anda" in refused.get_data(as_text=True)
    return judge


def browser_sign_in(page, url: str, email: str, mail_dir) -> None:
    """In a real browser: open `url`, get sent to the desk, ask for a link, follow the e-mailed link, press
    the button, and land back on `url` (Playwright's page)."""
    sent_before = len(links_in_mail(mail_dir, email))
    page.goto(url)
    page.wait_for_selector("input[name=email]")
    page.fill("input[name=email]", email)
    page.click("main button[type=submit]")
    page.wait_for_selector("[role=status]")
    page.goto(link_in_mail(mail_dir, email, after=sent_before))
    page.click("main button[type=submit]")
    page.wait_for_url(url.split("?")[0] + "*")
