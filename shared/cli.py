"""The `kipp` command: keys, tokens and topics for operators (DESIGN §8)."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from shared import config
from shared.auth import tokens

DURATION = re.compile(r"^(\d+)([smhd]?)$")
SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_ttl(text: str) -> int:
    """'3600', '90m', '12h' or '30d' as seconds."""
    match = DURATION.match(text.strip())
    if not match:
        raise argparse.ArgumentTypeError("use a number with an optional unit s, m, h or d, e.g. 12h")
    return int(match.group(1)) * SECONDS[match.group(2)]


def keys_init(args, settings) -> int:
    private, public = Path(settings.jwt_private_key_file), Path(settings.jwt_public_key_file)
    if private.exists() and not args.force:
        print(f"keys already exist: {private} (use --force to replace them)")
        return 0
    tokens.generate_keys(str(private), str(public))
    print(f"wrote {private} and {public}")
    return 0


def token_issue(args, settings) -> int:
    private = Path(settings.jwt_private_key_file)
    if not private.exists():
        print(f"no private key at {private}; run 'kipp keys init' first", file=sys.stderr)
        return 2
    sub = args.sub or (f"region-{args.region}" if args.region else args.role)
    try:
        token = tokens.issue(private.read_bytes(), args.role, sub, args.region, args.ttl)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"role={args.role} sub={sub}" + (f" region={args.region}" if args.region else ""), file=sys.stderr)
    print(token)
    return 0


def topics_create(args, settings) -> int:
    from shared.kafka.admin import ensure_topics
    created = ensure_topics(settings.kafka_bootstrap_servers, settings.namespace)
    print(f"namespace {settings.namespace}: created {len(created)} topic(s)" + (": " + ", ".join(created) if created else ""))
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kipp", description="KIPP operator commands")
    groups = root.add_subparsers(dest="group", required=True)
    keys = groups.add_parser("keys").add_subparsers(dest="action", required=True)
    init = keys.add_parser("init", help="create the Ed25519 key pair for tokens")
    init.add_argument("--force", action="store_true")
    init.set_defaults(run=keys_init)
    token = groups.add_parser("token").add_subparsers(dest="action", required=True)
    issue = token.add_parser("issue", help="sign a token; printed alone on the last line")
    issue.add_argument("--role", required=True, choices=tokens.ROLES)
    issue.add_argument("--region")
    issue.add_argument("--sub")
    issue.add_argument("--ttl", type=parse_ttl, default=parse_ttl("12h"))
    issue.set_defaults(run=token_issue)
    topics = groups.add_parser("topics").add_subparsers(dest="action", required=True)
    create = topics.add_parser("create", help="create the namespace's topics")
    create.set_defaults(run=topics_create)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args, config.from_env("cli"))


if __name__ == "__main__":
    sys.exit(main())
