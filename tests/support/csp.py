"""Watching a Playwright page for what its Content-Security-Policy blocked."""
from __future__ import annotations


def watch(page) -> list[str]:
    """A list that fills with every CSP violation the browser reports on `page` (an inline script or style,
    a foreign source): a page that works only because nothing checked it shows up here."""
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text)
            if "Content Security Policy" in message.text else None)
    return blocked
