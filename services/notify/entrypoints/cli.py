"""notify's operator commands.

    python -m services.notify.entrypoints.cli digest [--date YYYY-MM-DD]
    python -m services.notify.entrypoints.cli demo-link EMAIL --to URL [--hours 12]

`digest` queues daily digests now: the worker closes yesterday's digests by itself after
NOTIFY_DIGEST_HOUR (WIB); this command (like POST /api/v1/digests/{day}/close) does it at once for
any day, e.g. after an outage.

`demo-link` prints a sign-in link for an account that works again and again until it expires, so a
demo can be entered without the mailbox. Development only: it refuses unless NOTIFY_DEMO_LINKS=1, and
only a desk started with that flag honours such links (elsewhere they work once, like any other).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from services.notify import config
from services.notify.handlers import accounts, mail
from services.notify.bootstrap import bootstrap
from services.notify.domain import signin
from services.notify.domain.labels import WIB

REFUSED = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kipp-notify", description="KIPP notify operator commands")
    commands = parser.add_subparsers(dest="command", required=True)
    digest = commands.add_parser("digest", help="queue one digest per daily contact for changes up to a day")
    digest.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD (default: yesterday, WIB)")
    link = commands.add_parser("demo-link", help="print a reusable sign-in link (local demo, NOTIFY_DEMO_LINKS=1)")
    link.add_argument("email", help="the account's address")
    link.add_argument("--to", required=True, help="the page the link opens, e.g. http://127.0.0.1:8002/judge/")
    link.add_argument("--hours", type=float, default=12.0, help="how long the link works (default 12, at most 72)")
    args = parser.parse_args(argv)
    return demo_link(args) if args.command == "demo-link" else close_digests(args)


def close_digests(args: argparse.Namespace) -> int:
    """Queue the digests up to the day asked for."""
    day = args.date or mail.utc_now().astimezone(WIB).date() - timedelta(days=1)
    result = mail.close_digests_through(bootstrap(config.load()), day)
    print(f"digests up to {result['day']}: {result['queued']} queued")
    return 0


def demo_link(args: argparse.Namespace) -> int:
    """Print the link, or say on stderr why there is none (exit 2: refused or asked wrongly, 1: no account)."""
    settings = config.load()
    if not config.demo_links(settings):  # before anything connects: the command is not for production at all
        return _refuse("reusable sign-in links are for the local demo only, and NOTIFY_DEMO_LINKS=1 is not set")
    back = signin.back_from_url(args.to, settings.public_urls)
    if back is None:
        return _refuse(f"--to must be a page of the platform's services ({', '.join(settings.public_urls.values())})")
    if not 0 < args.hours <= 72:
        return _refuse("--hours must be more than 0 and at most 72")
    deps = bootstrap(settings)
    secret = accounts.request_link(deps, args.email, back, "cli:demo-link", reusable_for=timedelta(hours=args.hours))
    if secret is None:
        print(f"demo-link: {args.email} has no active account", file=sys.stderr)
        return 1
    print(accounts.link_url(deps, secret))
    return 0


def _refuse(why: str) -> int:
    print(f"demo-link: refused: {why}", file=sys.stderr)
    return REFUSED


if __name__ == "__main__":
    sys.exit(main())
