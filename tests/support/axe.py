"""Accessibility: axe-core (shipped in the axe-playwright-python package) run on a Playwright page."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")
_AXE = Axe()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each (rule, impact,
    what it asks, the first elements it found)."""
    found = _AXE.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v.get("impact") in BLOCKING]
