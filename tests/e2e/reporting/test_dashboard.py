"""The ministry's dashboard in a real browser shows what the summary API says."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from shared.kafka.producer import EventPublisher, make_producer
from tests import factories
from tests.integration.reporting import events as ev
from tests.support.poll import eventually
from tests.support.procs import Service
from tests.support.stack import ROOT


@pytest.fixture(scope="module")
def reporting(stack, namespace, keys_dir, tmp_path_factory):
    service = Service("reporting", stack, namespace, keys_dir, tmp_path_factory.mktemp("reporting-e2e"))
    yield service
    service.stop()


def test_dashboard_numbers_match_the_summary(reporting, stack, namespace, browser, make_token, auth):
    definition = factories.competition()
    cid = definition["id"]
    places = [("73.71", "kesehatan"), ("73.15", "pendidikan"), ("33.74", "kesehatan"), ("51.71", "ekonomi")]
    sent = [ev.published(definition)] + [ev.submitted(cid, factories.uid("e-"), region, category, f"2026-03-0{i + 1}T09:00:00Z")
                                         for i, (region, category) in enumerate(places)]
    publisher = EventPublisher(make_producer(stack.kafka), namespace)
    publisher.publish_all(sent)
    publisher.close()
    summary = eventually(lambda: (lambda s: s if s.get("total") == 4 else None)(requests.get(
        f"{reporting.url}/api/v1/competitions/{cid}/summary", headers=auth("ministry"), timeout=30).json()),
        timeout=60, what="four entries in the summary")

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{reporting.url}/dashboard/{cid}")
    assert "Masuk ke dasbor" in page.content()  # not signed in: the sign-in page
    page.fill("#token", make_token("ministry", None, "deputi-yanlik"))
    page.click("button[type=submit]")
    page.wait_for_selector("#total")
    assert page.inner_text("#total") == str(summary["total"])
    for province in summary["by_province"]:
        assert page.inner_text(f"[data-province='{province['code']}']") == str(province["count"])
    for status, count in summary["by_status"].items():
        assert page.inner_text(f"[data-status='{status}']") == str(count)
    bars = page.locator("#per-category .value")
    assert sorted(int(v) for v in bars.all_text_contents()) == sorted(summary["by_category"].values())
    assert page.locator("#top tbody tr").count() == 4
    screenshots = ROOT / "var" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "dashboard.png"), full_page=True)
    page.close()

    region_page = browser.new_page()
    region_page.goto(f"{reporting.url}/dashboard/")
    region_page.fill("#token", make_token("region", "73", "region-73"))
    region_page.click("button[type=submit]")
    assert "hanya untuk Kementerian" in region_page.content()
    region_page.close()
