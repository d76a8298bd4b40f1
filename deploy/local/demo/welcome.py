"""What `make up` prints at the end: who to be, where to look, and how a machine client calls the APIs."""
from __future__ import annotations

from pathlib import Path

from deploy.local.demo.competitions import JUDGING_ID, OPEN_ID
from deploy.local.demo.people import DemoAccount


def welcome(urls: dict, tokens_path: Path, accounts: list[DemoAccount], links: dict[str, str], figures: dict,
            sample_entry: str) -> str:
    """The whole text."""
    return "\n".join([_services(urls, figures), _people(urls, accounts, links), _machines(urls, tokens_path,
                                                                                          sample_entry)])


def _services(urls: dict, figures: dict) -> str:
    rows = [("intake", f"{urls['intake']}/portal/", "the Admin Lokal's portal", f"{urls['intake']}/docs"),
            ("review", f"{urls['review']}/judge/", "the judges' pages", f"{urls['review']}/docs"),
            ("notify", f"{urls['notify']}/masuk/", "the sign-in desk", f"{urls['notify']}/docs"),
            ("reporting", f"{urls['reporting']}/dashboard/", "the ministry's dashboard", f"{urls['reporting']}/docs"),
            ("e-mail", "var/mail/", "every message sent, as .eml files", "")]
    wide = max(len(row[1]) for row in rows)
    table = "\n".join(f"  {name:<10} {page:<{wide}}  {what:<34} {api and 'API ' + api}".rstrip()
                      for name, page, what, api in rows)
    judging = (f": {figures['entries']} entries, {figures['ineligible']} ineligible, {figures['scored']} of "
               f"{figures['assignments']} assignments scored") if figures else ""
    return f"""
KIPP is running (namespace from KIPP_NAMESPACE, default kipp).

{table}

Competitions: {OPEN_ID} (window open) and {JUDGING_ID} (window closed, judging under way{judging})."""


def _people(urls: dict, accounts: list[DemoAccount], links: dict[str, str]) -> str:
    lines = ["", "People sign in with their e-mail address at the sign-in desk; the link arrives in var/mail/."]
    if links:
        lines.append("Demo shortcut (this machine only, 12 hours, NOTIFY_DEMO_LINKS=1): open a link to be that person.")
    for account in accounts:
        service, path = account.page
        lines.append(f"  {account.label:<46} {account.email}")
        lines.append(f"      {links[account.email]}" if account.email in links else f"      {urls[service]}{path}")
    return "\n".join(lines)


def _machines(urls: dict, tokens_path: Path, entry: str) -> str:
    return f"""
Machine clients (a province's own system, scripts) call the APIs with bearer tokens: {tokens_path}
holds tokens for an admin, the ministry, two regions and two judges. A region of Kota Makassar submits:
  REGION=$(sed -n 8p {tokens_path}); MINISTRY=$(sed -n 4p {tokens_path})
  ID=$(curl -s -X POST {urls['intake']}/api/v1/competitions/{OPEN_ID}/entries \\
        -H "Authorization: Bearer $REGION" -H 'Content-Type: application/json' \\
        -d '{entry}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  curl -s -X POST {urls['intake']}/api/v1/entries/$ID/submit -H "Authorization: Bearer $REGION"
  curl -s {urls['reporting']}/api/v1/competitions/{JUDGING_ID}/rankings -H "Authorization: Bearer $MINISTRY"
"""
