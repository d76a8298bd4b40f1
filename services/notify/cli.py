"""`python -m services.notify.cli digest [--date YYYY-MM-DD]`: queue daily digests now (operators, tests).

The worker closes yesterday's digests by itself after NOTIFY_DIGEST_HOUR (WIB); this command
(like POST /api/v1/digests/{day}/close) does it at once for any day, e.g. after an outage.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta

from services.notify import config
from services.notify.handlers import mail
from services.notify.bootstrap import bootstrap
from services.notify.domain.labels import WIB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kipp-notify", description="KIPP notify operator commands")
    commands = parser.add_subparsers(dest="command", required=True)
    digest = commands.add_parser("digest", help="queue one digest per daily contact for changes up to a day")
    digest.add_argument("--date", type=date.fromisoformat, help="YYYY-MM-DD (default: yesterday, WIB)")
    args = parser.parse_args(argv)
    day = args.date or mail.utc_now().astimezone(WIB).date() - timedelta(days=1)
    result = mail.close_digests_through(bootstrap(config.load()), day)
    print(f"digests up to {result['day']}: {result['queued']} queued")
    return 0


if __name__ == "__main__":
    sys.exit(main())
