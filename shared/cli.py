"""The `kipp` command: keys, tokens, people's accounts and topics for operators (DESIGN §8)."""
from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
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
    """The API tokens' key pair and the sign-in desk's (notify's assertions); each made when missing."""
    pairs = ((settings.jwt_private_key_file, settings.jwt_public_key_file),
             (settings.signin_private_key_file, settings.signin_public_key_file))
    for private, public in pairs:
        if Path(private).exists() and not args.force:
            print(f"keys already exist: {private} (use --force to replace them)")
            continue
        tokens.generate_keys(private, public)
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


def _notify(settings, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
    """Call notify's API as an admin (a token of a minute, signed with the private key)."""
    private = Path(settings.jwt_private_key_file)
    if not private.exists():
        raise SystemExit(f"no private key at {private}; run 'kipp keys init' first")
    token = tokens.issue(private.read_bytes(), "admin", "kipp-cli", None, 60)
    request = urllib.request.Request(settings.public_urls["notify"] + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as reply:
            return reply.status, json.loads(reply.read() or b"{}")
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")
    except urllib.error.URLError as exc:
        raise SystemExit(f"notify is not reachable at {settings.public_urls['notify']} (KIPP_NOTIFY_URL): {exc.reason}")


def _say(status: int, body: dict) -> int:
    if status >= 400:
        print(f"{status} {body.get('detail', '')} {json.dumps(body.get('errors') or {}, ensure_ascii=False)}",
              file=sys.stderr)
        return 2
    print(json.dumps(body, ensure_ascii=False))
    return 0


def accounts_add(args, settings) -> int:
    """Create or change a person's account (a region's code, a judge's registry id)."""
    fields = {"role": args.role, "region": args.region, "judge_id": args.judge_id, "language": args.lang,
              "active": True, **({"name": args.name} if args.name else {})}
    return _say(*_notify(settings, "PUT", f"/api/v1/accounts/{urllib.parse.quote(args.email)}", fields))


def accounts_disable(args, settings) -> int:
    """Close an account; its sessions everywhere end."""
    status, found = _notify(settings, "GET", f"/api/v1/accounts/{urllib.parse.quote(args.email)}")
    if status >= 400:
        return _say(status, found)
    fields = {k: found.get(k) for k in ("role", "region", "judge_id", "name", "language")}
    return _say(*_notify(settings, "PUT", f"/api/v1/accounts/{urllib.parse.quote(args.email)}",
                         {**fields, "active": False}))


def accounts_list(args, settings) -> int:
    """Every account (of one role), one per line."""
    cursor = None
    while True:
        query = urllib.parse.urlencode({"limit": 500, **({"role": args.role} if args.role else {}),
                                        **({"cursor": cursor} if cursor else {})})
        status, page = _notify(settings, "GET", f"/api/v1/accounts?{query}")
        if status >= 400:
            return _say(status, page)
        for account in page["items"]:
            state = "active" if account["active"] else "closed"
            print(f"{account['email']}\t{account['role']}\t{account.get('region') or account.get('judge_id') or '-'}"
                  f"\t{account['language']}\t{state}")
        cursor = page.get("next_cursor")
        if not cursor:
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
    init = keys.add_parser("init", help="create the Ed25519 key pairs of the API tokens and the sign-in desk")
    init.add_argument("--force", action="store_true")
    init.set_defaults(run=keys_init)
    token = groups.add_parser("token").add_subparsers(dest="action", required=True)
    issue = token.add_parser("issue", help="sign a token; printed alone on the last line")
    issue.add_argument("--role", required=True, choices=tokens.ROLES)
    issue.add_argument("--region")
    issue.add_argument("--sub")
    issue.add_argument("--ttl", type=parse_ttl, default=parse_ttl("12h"))
    issue.set_defaults(run=token_issue)
    accounts = groups.add_parser("accounts", help="people's sign-in accounts (notify's API)").add_subparsers(
        dest="action", required=True)
    add = accounts.add_parser("add", help="create or change an account")
    add.add_argument("email")
    add.add_argument("--role", required=True, choices=tokens.ROLES)
    add.add_argument("--region", help="a region account's province or kabupaten/kota code, e.g. 73 or 73.15")
    add.add_argument("--judge-id", help="a judge account's id in review's registry")
    add.add_argument("--name")
    add.add_argument("--lang", choices=("id", "en"), default="id", help="the language of the account's e-mails")
    add.set_defaults(run=accounts_add)
    disable = accounts.add_parser("disable", help="close an account (its sessions end everywhere)")
    disable.add_argument("email")
    disable.set_defaults(run=accounts_disable)
    listing = accounts.add_parser("list", help="every account, one per line")
    listing.add_argument("--role", choices=tokens.ROLES)
    listing.set_defaults(run=accounts_list)
    topics = groups.add_parser("topics").add_subparsers(dest="action", required=True)
    create = topics.add_parser("create", help="create the namespace's topics")
    create.set_defaults(run=topics_create)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args, config.from_env("cli"))


if __name__ == "__main__":
    sys.exit(main())
