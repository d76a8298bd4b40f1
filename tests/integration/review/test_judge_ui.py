"""The judges' web pages, server side: sign-in, session cookie, CSRF, language, server-side checks."""
from __future__ import annotations

import re

import pytest

from tests import factories
from tests.integration.review import kit


def csrf(page: bytes) -> str:
    return re.search(rb'name="csrf" value="([^"]+)"', page).group(1).decode()


@pytest.fixture
def judge_with_work(competition, client, admin, make_token):
    """A registered judge with one assignment: (judge id, token, assignment id, fresh browser-like client)."""
    definition, _ = competition([factories.entry("73.71")], stages=[{"key": "evaluasi", "kind": "scored",
                                                                     "judges_per_entry": 1}])
    body = kit.judge_body(definition["id"], "32")
    assert client.post("/api/v1/judges", json=body, headers=admin).status_code == 201
    assert client.post(f"/api/v1/competitions/{definition['id']}/stages/evaluasi/assignments", headers=admin).status_code == 201
    aid = client.get(f"/api/v1/assignments?competition_id={definition['id']}", headers=admin).json["items"][0]["id"]
    browser = client.application.test_client()
    return body["id"], make_token("judge", sub=body["id"]), aid, browser


def sign_in(browser, token: str):
    form = browser.get("/judge/sign-in")
    return browser.post("/judge/sign-in", data={"token": token, "csrf": csrf(form.data)})


def test_sign_in_sets_a_protected_session_cookie(judge_with_work, make_token):
    judge_id, token, aid, browser = judge_with_work
    assert browser.get("/judge/assignments").status_code == 302
    page = browser.get("/judge/sign-in")
    assert page.status_code == 200 and "Token juri".encode() in page.data and b'lang="id"' in page.data
    refused = browser.post("/judge/sign-in", data={"token": make_token("admin", sub="a"), "csrf": csrf(page.data)})
    assert refused.status_code == 401 and "bukan token juri".encode() in refused.data
    unknown = browser.post("/judge/sign-in", data={"token": make_token("judge", sub="juri-tak-dikenal"),
                                                   "csrf": csrf(page.data)})
    assert unknown.status_code == 401 and "belum terdaftar".encode() in unknown.data
    assert browser.post("/judge/sign-in", data={"token": token}).status_code == 400, "no CSRF token, no session"
    signed = sign_in(browser, token)
    assert signed.status_code == 302 and signed.headers["Location"].endswith("/judge/assignments")
    cookie = signed.headers["Set-Cookie"]
    assert "kipp_judge=" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/judge" in cookie
    listing = browser.get("/judge/assignments")
    assert listing.status_code == 200 and aid.encode() in listing.data and b"0</strong> dari 1" in listing.data


def test_score_form_posts_need_the_session_csrf_token_and_are_checked_server_side(judge_with_work):
    judge_id, token, aid, browser = judge_with_work
    sign_in(browser, token)
    page = browser.get(f"/judge/assignments/{aid}")
    assert page.status_code == 200 and b"Rubrik penilaian" in page.data and b'id="score-form"' in page.data
    form = {f"score-{k}": str(v) for k, v in kit.GOOD.items()}
    forged = browser.post(f"/judge/assignments/{aid}/score", data=form)
    assert forged.status_code == 400 and b"Formulir kedaluwarsa" in forged.data
    bad = browser.post(f"/judge/assignments/{aid}/score",
                       data={**form, "score-kebaruan": "150", "score-signifikansi": "", "csrf": csrf(page.data)})
    assert bad.status_code == 422
    assert "tidak boleh lebih dari 100".encode() in bad.data and "wajib diisi".encode() in bad.data
    saved = browser.post(f"/judge/assignments/{aid}/score", data={**form, "score-kebaruan": "70,0",
                                                                 "csrf": csrf(page.data)}, follow_redirects=True)
    assert saved.status_code == 200 and "Nilai tersimpan (revisi 1)".encode() in saved.data


def test_english_on_request_and_a_stranger_sees_not_found(judge_with_work, competition, client, admin, make_token):
    judge_id, token, aid, browser = judge_with_work
    sign_in(browser, token)
    english = browser.get(f"/judge/assignments/{aid}?lang=en")
    assert b"Scoring rubric" in english.data and b'lang="en"' in english.data
    assert b"Scoring rubric" in browser.get(f"/judge/assignments/{aid}").data, "the choice is remembered"
    back = browser.get(f"/judge/assignments/{aid}?lang=id")
    assert b"Rubrik penilaian" in back.data
    other = kit.judge_body("kipp-x", "35")
    assert client.post("/api/v1/judges", json=other, headers=admin).status_code == 201
    stranger = client.application.test_client()
    sign_in(stranger, make_token("judge", sub=other["id"]))
    assert stranger.get(f"/judge/assignments/{aid}").status_code == 404
