"""The demo's people at the sign-in desk: their accounts, and (local demo only) links that sign them in.

An account is written only when it differs from what notify holds: every write ends the account's
sessions everywhere, and a second `make up` should sign no one out. A judge's account is review's
registry's to make (kipp.judge.registered); the seed only waits until notify has it.
"""
from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from deploy.local.demo.client import Api, SeedFailed, wait_for
from deploy.local.demo.people import DemoAccount

ROOT = Path(__file__).resolve().parents[3]
COMPARED = ("role", "name", "language", "active", "region", "judge_id")
LINK_HOURS = 12


def ensure(api: Api, accounts: list[DemoAccount]) -> None:
    """Every demo account as it should be; the judges' once notify has them from the registry."""
    for account in accounts:
        if account.role == "judge":
            continue
        held = api.find("notify", f"/api/v1/accounts/{account.email}")
        wanted = account.fields()
        if held is None or any(held.get(key) != wanted.get(key) for key in COMPARED):
            api.call("PUT", "notify", f"/api/v1/accounts/{account.email}", body=wanted)
    for account in accounts:
        if account.role == "judge":
            wait_for(lambda: api.find("notify", f"/api/v1/accounts/{account.email}"),
                     f"notify to make {account.email}'s account from review's registry", 60)


def sign_in_links(accounts: list[DemoAccount], urls: dict, env: dict) -> dict[str, str]:
    """A reusable sign-in link per account (notify's `demo-link`, which needs NOTIFY_DEMO_LINKS=1 in `env`)
    to the page its role works in, by address."""
    def link(account: DemoAccount) -> tuple[str, str]:
        service, path = account.page
        done = subprocess.run([sys.executable, "-m", "services.notify.entrypoints.cli", "demo-link", account.email,
                               "--to", urls[service] + path, "--hours", str(LINK_HOURS)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise SeedFailed(f"no sign-in link for {account.email}: {done.stderr.strip() or done.stdout.strip()}")
        return account.email, done.stdout.strip().splitlines()[-1]
    with ThreadPoolExecutor(len(accounts)) as pool:
        return dict(pool.map(link, accounts))
