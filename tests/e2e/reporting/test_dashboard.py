"""The ministry's dashboard in a real browser (headless Chromium) shows what the summary and rankings APIs say;
the ministry signs in by the e-mailed link; regions and judges are refused."""
from __future__ import annotations

import io

import openpyxl
import pytest
import requests

from shared.kafka.producer import EventPublisher, make_producer
from tests.integration.reporting import dataset
from tests.support import csp
from tests.support.poll import eventually
from tests import factories
from tests.support.axe import serious_violations
from tests.support.signin import account, browser_sign_in
from tests.support.stack import ROOT


@pytest.fixture(scope="module")
def reporting(platform):
    return platform["reporting"]


@pytest.fixture(scope="module")
def people(platform, auth):
    """Accounts at the sign-in desk: a ministry official, a region's Admin Lokal, a judge."""
    found = {role: f"{factories.uid(role + '-')}@contoh.go.id" for role in ("ministry", "region", "judge")}
    account(platform["notify"].url, auth("admin"), found["ministry"], "ministry", name="Deputi Pelayanan Publik")
    account(platform["notify"].url, auth("admin"), found["region"], "region", region="73")
    account(platform["notify"].url, auth("admin"), found["judge"], "judge", judge_id=factories.uid("juri-"))
    return found


@pytest.fixture(scope="module")
def judged(reporting, stack, platform_namespace, auth):
    data = dataset.build()
    publisher = EventPublisher(make_producer(stack.kafka), platform_namespace)
    publisher.publish_all(data.events)
    publisher.close()
    done = sum(len(v) for v in dataset.JUDGING.values())

    def applied():
        summary = requests.get(f"{reporting.url}/api/v1/competitions/{data.cid}/summary", headers=auth("ministry"),
                               timeout=30)
        body = summary.json() if summary.ok else {}
        return body if body.get("total") == 9 and body["judging"][0]["done"] == done and body["notifications"]["failed"] else None
    data.summary = eventually(applied, timeout=60, what="every event in the summary")
    return data


def number(page, selector: str) -> int:
    return int(page.get_attribute(selector, "data-value"))


def values(page, selector: str) -> list[int]:
    return [int(v) for v in page.locator(selector).evaluate_all("els => els.map(e => e.dataset.value)")]


def sign_in(browser, url: str, email: str, mail_dir):
    """Open the dashboard as a person does: sent to the sign-in desk, the e-mailed link, back on the page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.blocked = csp.watch(page)
    browser_sign_in(page, url, email, mail_dir)
    page.wait_for_selector("#total")
    assert page.url == url
    return page


def assert_shows(page, summary: dict, top: list[dict]) -> None:
    """Every number on the page is the summary's, and the top table is the rankings' first page."""
    assert number(page, "#total") == summary["total"] and page.inner_text("#total") == str(summary["total"])
    for status, count in summary["by_status"].items():
        assert number(page, f"[data-status='{status}']") == count
    for province in summary["by_province"]:
        assert number(page, f"[data-province='{province['code']}']") == province["count"]
    assert "Sulawesi Selatan" in page.inner_text("#provinces")
    assert sorted(values(page, "#per-category .value")) == sorted(summary["by_category"].values())
    assert values(page, "#per-day .value") == [d["count"] for d in summary["per_day"]]
    judging = page.locator("[data-judging='evaluasi']")
    assert (int(judging.get_attribute("data-done")), int(judging.get_attribute("data-assigned"))) == \
           (summary["judging"][0]["done"], summary["judging"][0]["assigned"])
    rows = page.locator("#top-evaluasi tbody tr")
    assert [rows.nth(i).get_attribute("data-entry") for i in range(rows.count())] == [r["entry_id"] for r in top]
    assert page.locator("link[rel=stylesheet]").last.get_attribute("href").startswith("/dashboard/static/")


def test_dashboard_numbers_match_the_summary_and_rankings(reporting, judged, browser, auth, people, stack):
    top = requests.get(f"{reporting.url}/api/v1/competitions/{judged.cid}/rankings", params={"limit": 10},
                       headers=auth("ministry"), timeout=30).json()["items"]
    page = sign_in(browser, f"{reporting.url}/dashboard/{judged.cid}", people["ministry"], stack.mail_dir)
    assert_shows(page, judged.summary, top)
    screenshots = ROOT / "var" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    assert serious_violations(page) == []
    with page.expect_download() as download:  # the export link works with the browser's cookie
        page.click("#stage-evaluasi .downloads a:has-text('Excel')")
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True).active
    assert [r[1] for r in list(sheet.iter_rows(values_only=True))[1:11]] == [r["entry_id"] for r in top]
    bar = page.locator("#judging .meter rect").first  # the progress bar is drawn without an inline style
    assert bar.bounding_box()["width"] > 0
    assert page.blocked == [], "the page needs nothing its Content-Security-Policy forbids"
    page.click("header button.link")
    page.wait_for_selector("text=Anda telah keluar")
    page.goto(f"{reporting.url}/dashboard/{judged.cid}")
    page.wait_for_selector("input[name=email]")  # signed out: the desk asks for the address again
    page.close()


def test_the_api_docs_start_under_their_content_security_policy(reporting, browser):
    page = browser.new_page()
    blocked = csp.watch(page)
    page.goto(f"{reporting.url}/docs")
    page.wait_for_selector("#ui .swagger-ui", timeout=30000)  # drawn by the page's one inline script, allowed by hash
    page.wait_for_load_state("networkidle")
    # the document was read: Swagger UI 4 draws no operation of an OpenAPI 3.1 document
    page.wait_for_selector(".opblock-summary-path[data-path='/api/v1/competitions/{cid}/rankings']", timeout=30000)
    assert page.locator(".errors-wrapper").count() == 0
    assert blocked == []
    page.close()


def test_regions_and_judges_are_refused_by_the_dashboard(reporting, judged, browser, people, stack):
    for role in ("region", "judge"):
        page = browser.new_page()
        browser_sign_in(page, f"{reporting.url}/dashboard/{judged.cid}", people[role], stack.mail_dir)
        assert "Bukan untuk peran Anda" in page.content() and str(judged.summary["total"]) not in page.inner_text("main")
        page.close()
