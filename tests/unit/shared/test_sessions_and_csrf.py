"""Server-side sessions and CSRF tokens (shared/web/sessions.py, shared/web/csrf.py) on a small Flask
app, with an in-memory stand-in for the sessions collection."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from flask import Blueprint, Flask, make_response, render_template_string

from shared.auth.tokens import Principal
from shared.web import csrf
from shared.web.sessions import Sessions

PAGE = '<form method="post"><input type="hidden" name="csrf" value="{{ csrf_token() }}"></form>'
JUDGE = Principal(sub="juri-1", role="judge")


class FakeSessions:
    """The few collection calls Sessions makes, over a dict."""

    def __init__(self):
        self.docs: dict = {}
        self.indexes: list = []

    def create_index(self, keys):
        self.indexes.append(keys)

    def insert_one(self, doc):
        self.docs[doc["_id"]] = dict(doc)

    def find_one(self, query):
        doc = self.docs.get(query["_id"])
        return doc if doc and doc["expires_at"] > query["expires_at"]["$gt"] else None

    def delete_one(self, query):
        self.docs.pop(query["_id"], None)

    def delete_many(self, query):
        for key in [k for k, d in self.docs.items() if d["expires_at"] < query["expires_at"]["$lt"]]:
            del self.docs[key]


def build(tls: bool = False, not_after: timedelta = timedelta(hours=1)):
    """An app whose blueprint signs in, signs out and changes a counter; returns (app, store, changes)."""
    store, changes = FakeSessions(), []
    app, pages = Flask(__name__), Blueprint("pages", __name__)
    app.extensions["sessions"] = Sessions(store, "kipp_test", "/", tls)

    def sessions():
        return app.extensions["sessions"]

    @pages.get("/form")
    def form():
        return render_template_string(PAGE)

    @pages.post("/sign-in")
    def sign_in():
        response = make_response("masuk")
        sessions().start(response, JUDGE, datetime.now(timezone.utc) + not_after)
        return response

    @pages.post("/sign-out")
    def sign_out():
        response = make_response("keluar")
        sessions().end(response)
        return response

    @pages.post("/change")
    def change():
        changes.append(1)
        return "diubah"

    @pages.get("/me")
    def me():
        found = sessions().principal()
        return found.sub if found else "-"

    csrf.protect(pages, sessions, lambda: ("Formulir kedaluwarsa", 403))
    app.register_blueprint(pages)
    return app, store, changes


def token_of(response) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def signed_in(browser):
    browser.post("/sign-in", data={"csrf": token_of(browser.get("/form"))})
    return token_of(browser.get("/form"))


def test_the_sign_in_form_is_a_double_submit_cookie_and_a_post_without_it_changes_nothing():
    app, store, _ = build()
    browser = app.test_client()
    form = browser.get("/form")
    assert f"kipp_test_csrf={token_of(form)}" in form.headers["Set-Cookie"]
    assert browser.post("/sign-in").status_code == 403
    assert browser.post("/sign-in", data={"csrf": "tebakan"}).status_code == 403
    assert app.test_client().post("/sign-in", data={"csrf": token_of(form)}).status_code == 403, "no cookie"
    assert store.docs == {}
    assert browser.post("/sign-in", data={"csrf": token_of(form)}).status_code == 200 and len(store.docs) == 1


def test_the_cookie_holds_only_a_random_id_and_the_store_only_its_hash_and_the_claims():
    app, store, _ = build()
    browser = app.test_client()
    response = browser.post("/sign-in", data={"csrf": token_of(browser.get("/form"))})
    cookie = response.headers["Set-Cookie"]
    session_id = re.search(r"kipp_test=([^;]+)", cookie).group(1)
    assert len(session_id) >= 43 and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    (doc,) = store.docs.values()
    assert doc["_id"] != session_id and session_id not in str(doc)
    assert doc["claims"] == {"sub": "juri-1", "role": "judge", "region": None}
    assert browser.get("/me").get_data(as_text=True) == "juri-1"
    assert [("expires_at", 1)] in store.indexes


def test_once_signed_in_posts_need_the_session_token_not_the_cookie_one():
    app, store, changes = build()
    browser = app.test_client()
    before = token_of(browser.get("/form"))
    browser.post("/sign-in", data={"csrf": before})
    session_token = token_of(browser.get("/form"))
    assert session_token != before and session_token == next(iter(store.docs.values()))["csrf"]
    assert browser.post("/change", data={"csrf": before}).status_code == 403 and changes == []
    assert browser.post("/change", data={"csrf": session_token}).status_code == 200 and changes == [1]


def test_sign_out_needs_the_token_and_deletes_the_session():
    app, store, _ = build()
    browser = app.test_client()
    token = signed_in(browser)
    assert browser.post("/sign-out").status_code == 403 and len(store.docs) == 1
    copied = browser.get_cookie("kipp_test").value
    assert browser.post("/sign-out", data={"csrf": token}).status_code == 200 and store.docs == {}
    thief = app.test_client()
    thief.set_cookie("kipp_test", copied)
    assert thief.get("/me").get_data(as_text=True) == "-", "a copied cookie dies with the session"


def test_a_session_ends_with_what_it_was_started_with_and_is_swept_later():
    app, store, _ = build(not_after=timedelta(seconds=-1))
    browser = app.test_client()
    signed_in(browser)
    assert browser.get("/me").get_data(as_text=True) == "-" and len(store.docs) == 1
    signed_in(app.test_client())
    assert len(store.docs) == 1, "the expired session was swept at the next sign-in"


@pytest.mark.parametrize("tls, base_url, secure", [(True, "http://localhost", True), (False, "https://localhost", True),
                                                   (False, "http://localhost", False)])
def test_cookies_are_secure_when_the_platform_is_configured_for_tls_or_the_request_came_by_https(tls, base_url, secure):
    app, _, _ = build(tls=tls)
    browser = app.test_client()
    form = browser.get("/form", base_url=base_url)
    signed = browser.post("/sign-in", data={"csrf": token_of(form)}, base_url=base_url)
    for cookie in (form.headers["Set-Cookie"], signed.headers["Set-Cookie"]):
        assert ("Secure" in cookie) is secure
