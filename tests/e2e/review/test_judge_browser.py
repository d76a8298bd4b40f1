"""A judge in a real browser (headless Chromium via Playwright) against the platform's real processes:
sign in by the e-mailed link, open an assignment, an invalid score refused (in the browser and by the
server), a valid score saved and revised, recusal, a narrow screen, sign out; the kipp.review.scored
events on the topic."""
from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.review import kit
from tests.support import csp
from tests.support.poll import eventually
from tests.support.axe import serious_violations
from tests.support.signin import browser_sign_in
from tests.support.stack import ROOT
from tests.support.topics import TopicReader

SHOTS = ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def review(platform):
    return platform["review"]


@pytest.fixture(scope="module")
def stage_with_work(review, platform, stack, platform_namespace, auth):
    """A competition whose three entries came through Kafka, screened, and assigned 2 judges each of 3
    (so every judge has exactly two)."""
    admin = {**auth("admin", sub="sekretariat-kipp")}
    definition = factories.competition()
    cid = definition["id"]
    entries = [kit.submitted(cid, factories.entry("73.71", title="Puskesmas Keliling Terapung")),
               kit.submitted(cid, factories.entry("31.71", title="Sekolah Inklusi Digital", category="pendidikan")),
               kit.submitted(cid, factories.entry("11.71", title="Pasar Rakyat Daring", category="ekonomi"))]
    publisher = EventPublisher(make_producer(stack.kafka), platform_namespace)
    publisher.publish_all([kit.published(definition)] + entries)
    publisher.close()
    url = review.url + "/api/v1"
    eventually(lambda: (lambda r: r.status_code == 200 and len(r.json()["items"]) == 3)(
        requests.get(f"{url}/competitions/{cid}/entries", headers=admin, timeout=5)), what="entries in review")
    decisions = [{"entry_id": e["subject"], "decision": "eligible"} for e in entries]
    assert requests.post(f"{url}/competitions/{cid}/stages/administrasi/screenings", json={"decisions": decisions},
                         headers=admin, timeout=10).status_code == 200
    judges = [kit.judge_body(cid, home, name=f"Dr. Juri {home}") for home in ("32", "35", "51")]
    for body in judges:
        assert requests.post(f"{url}/judges", json=body, headers=admin, timeout=5).status_code == 201
        assert requests.put(f"{url}/competitions/{cid}/stages/evaluasi/panel/{body['id']}", headers=admin,
                            timeout=5).status_code == 201
    assigned = requests.post(f"{url}/competitions/{cid}/stages/evaluasi/assignments", json={"judges_per_entry": 2},
                             headers=admin, timeout=30)
    assert assigned.status_code == 201, assigned.text
    notify = platform["notify"].url  # the registry's address becomes a sign-in account (kipp.judge.registered)
    eventually(lambda: requests.get(f"{notify}/api/v1/accounts/{judges[0]['email']}", headers=admin,
                                    timeout=5).status_code == 200, what="the judge's account at the sign-in desk")
    return cid, judges[0]["id"], judges[0]["email"]


def shot(page, name: str) -> None:
    """A screenshot of the page as it is, which axe-core must find free of serious and critical violations."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"review-{name}.png"), full_page=True)
    assert serious_violations(page) == [], f"accessibility of {name}"


def test_a_judge_signs_in_scores_revises_and_recuses_in_the_browser(review, platform, browser, stage_with_work, stack,
                                                                     platform_namespace):
    cid, judge_id, email = stage_with_work
    namespace = platform_namespace
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked = csp.watch(page)
    page.goto(review.url + "/judge/")
    expect(page).to_have_url(re.compile(re.escape(platform["notify"].url) + r"/masuk/\?.*layanan=review"))
    shot(page, "1-sign-in")
    browser_sign_in(page, review.url + "/judge/assignments", email, stack.mail_dir)  # the registry's address
    expect(page.locator("h1")).to_have_text("Penugasan saya")
    expect(page.locator(".progress")).to_contain_text("sudah dinilai")
    shot(page, "2-assignments")

    page.locator(".assignments a").first.click()
    expect(page.locator(".rubric h2").first).to_have_text("Rubrik penilaian")
    aid = page.url.rsplit("/", 1)[-1]
    shot(page, "3-assignment")

    # refused in the browser: nothing is sent
    for key, value in kit.GOOD.items():
        page.fill(f"#score-{key}", str(value))
    page.fill("#score-kebaruan", "150")
    page.fill("#score-signifikansi", "")
    page.click("#score-form button[type=submit]")
    errors = page.locator("#client-errors")
    expect(errors).to_contain_text("tidak boleh lebih dari 100")
    expect(errors).to_contain_text("wajib diisi")
    expect(page).to_have_url(review.url + f"/judge/assignments/{aid}")
    shot(page, "4-refused-in-browser")

    # refused by the server too (as from a browser without the page's script)
    page.evaluate("""() => { const f = document.getElementById('score-form');
                             const c = f.cloneNode(true); f.replaceWith(c); c.noValidate = true; }""")
    page.fill("#score-signifikansi", "60")
    page.click("#score-form button[type=submit]")
    expect(page.locator("#server-errors")).to_contain_text("Kebaruan: tidak boleh lebih dari 100")
    expect(page.locator("tr.invalid input")).to_have_attribute("aria-invalid", "true")
    shot(page, "5-refused-by-server")

    page.fill("#score-kebaruan", "70")
    expect(page.locator("#total-preview")).to_have_text("70.00")
    page.click("#score-form button[type=submit]")
    expect(page.locator(".flash.ok")).to_have_text("Nilai tersimpan (revisi 1).")
    shot(page, "6-saved")

    page.fill("#score-signifikansi", "90")
    page.click("#score-form button[type=submit]")
    expect(page.locator(".flash.ok")).to_have_text("Nilai tersimpan (revisi 2).")
    expect(page.locator(".revision")).to_have_text("2")
    page.locator("details.history summary").click()
    expect(page.locator("details.history li")).to_have_count(2)
    shot(page, "7-revised")

    reviews = TopicReader(stack.kafka, f"{namespace}.reviews")
    scored = kit.wait_distinct(reviews, 2, type="kipp.review.scored", assignment_id=aid)
    reviews.close()
    assert [(e["data"]["revision"], e["data"]["total"]) for e in scored] == [(1, 70.0), (2, 79.0)]
    assert all(e["data"]["judge_id"] == judge_id and e["data"]["competition_id"] == cid for e in scored)

    narrow = browser.new_page(viewport={"width": 375, "height": 812}, is_mobile=True)
    narrow.context.add_cookies(page.context.cookies())
    narrow.goto(review.url + f"/judge/assignments/{aid}?lang=en")
    expect(narrow.locator(".rubric h2").first).to_have_text("Scoring rubric")
    entry_box, rubric_box = narrow.locator("article.entry").bounding_box(), narrow.locator("aside.rubric").bounding_box()
    assert rubric_box["y"] > entry_box["y"] + entry_box["height"] - 1, "on a phone the rubric comes below the entry"
    assert rubric_box["width"] <= 375 and narrow.evaluate("document.documentElement.scrollWidth") <= 375
    shot(narrow, "8-narrow-english")
    narrow.close()

    page.goto(review.url + "/judge/assignments?lang=id")
    expect(page.locator(".progress")).to_contain_text("1 dari 2 sudah dinilai")
    page.locator(".assignments li.status-pending a").click()
    page.locator("details.recuse summary").click()
    page.fill("#reason", "Saya pernah menjadi narasumber instansi ini")
    shot(page, "9-recusal-form")
    page.click("details.recuse button[type=submit]")
    expect(page.locator(".flash.ok")).to_contain_text("Anda telah mengundurkan diri")
    expect(page.locator(".assignments li.status-recused")).to_have_count(1)
    expect(page.locator(".progress")).to_contain_text("1 dari 1 sudah dinilai")
    shot(page, "10-recused")
    page.click("header button.link")
    expect(page).to_have_url(platform["notify"].url + "/masuk/keluar?lang=id")
    expect(page.locator("h1")).to_have_text("Anda telah keluar")
    page.goto(review.url + "/judge/assignments")
    expect(page.locator("input[name=email]")).to_be_visible()  # the session is gone: the desk asks again
    assert blocked == [], "the judges' room needs nothing its Content-Security-Policy forbids"
    page.close()
