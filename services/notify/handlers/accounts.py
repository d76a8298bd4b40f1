"""The sign-in desk: accounts, one-time links by e-mail, desk sessions, signing out everywhere.

docs/architecture.md ("People and sign-in") has the whole journey; shared.web.people is a service's side.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from shared.auth import signin as assertions
from shared.errors import Invalid, NotFound
from shared.events import types
from shared.events.envelope import new_event
from services.notify.ports import Deps
from services.notify.domain import signin
from services.notify.domain.errors import DemoLinksOff, TooManyRequests
from services.notify.domain.messages import SOURCE, new_delivery
from services.notify.domain.recipients import Recipient
from services.notify.handlers.mail import utc_now
from services.notify.handlers.outbound import enqueue


# --- accounts (admins, and review's registry for judges) ----------------------------------
def account_view(account: dict) -> dict:
    return {key: account.get(key) for key in ("email", "role", "region", "judge_id", "name", "language", "active")}


def put_account(deps: Deps, address: str, fields: dict, now: datetime | None = None) -> dict:
    """Create or change an account; its sessions everywhere end (its claims may have changed)."""
    email = signin.normalise(address)
    if not signin.valid_address(email):
        raise Invalid("not an e-mail address", field="email")
    record = signin.account_record(email, fields, now or utc_now())
    deps.accounts.save(record, _changed(record))
    return account_view(record)


def _changed(record: dict) -> dict:
    data = account_view(record)
    return new_event(types.ACCOUNT_CHANGED, record["email"], data, SOURCE)


def get_account(deps: Deps, address: str) -> dict:
    found = deps.accounts.get(signin.normalise(address))
    if found is None:
        raise NotFound(f"no account {address}")
    return account_view(found)


def list_accounts(deps: Deps, role: str | None, limit: int, cursor: str | None) -> dict:
    found = deps.accounts.page(role, limit, cursor)
    items = [account_view(a) for a in found[:limit]]
    return {"items": items, "next_cursor": items[-1]["email"] if len(found) > limit else None}


def judge_registered(deps: Deps, event: dict) -> None:
    """A judge in review's registry gets an account at the registry's address (and one they had at
    another address is closed); replaying it changes nothing."""
    data, now = event["data"], utc_now()
    email = signin.normalise(data["email"])
    for old in deps.accounts.of_judge(data["judge_id"]):
        if old["email"] != email and old.get("active"):
            put_account(deps, old["email"], {**old, "active": False}, now)
    known = deps.accounts.get(email)
    wanted = {"role": "judge", "judge_id": data["judge_id"], "name": data["name"],
              "language": (known or {}).get("language", "id"), "active": True}
    if known is None or any(known.get(k) != v for k, v in wanted.items() if k != "language"):
        put_account(deps, email, wanted, now)


# --- links -----------------------------------------------------------------------------------
def request_link(deps: Deps, address: str, back: tuple[str, str] | None, client: str, now: datetime | None = None,
                 reusable_for: timedelta | None = None) -> str | None:
    """Mail a one-time sign-in link if `address` has an active account. The answer is the same either way
    (nothing returned tells); requests are counted per address and per client before anything is looked up.
    Returns the link's secret when one was made (for the demo's links, made with `reusable_for`, which only a
    desk with NOTIFY_DEMO_LINKS=1 makes)."""
    if reusable_for is not None and not deps.demo_links:
        raise DemoLinksOff("reusable sign-in links are for the local demo only: NOTIFY_DEMO_LINKS=1 is not set")
    now = now or utc_now()
    email = signin.normalise(address)
    if not signin.valid_address(email):
        raise Invalid("Alamat e-mail tidak sah.", field="email")
    window = signin.window(now)
    if reusable_for is None and (deps.accounts.count("address", signin.digest(email), window) > signin.LIMIT_PER_ADDRESS
                                 or deps.accounts.count("client", client, window) > signin.LIMIT_PER_CLIENT):
        raise TooManyRequests("Terlalu banyak permintaan tautan; coba lagi dalam 15 menit.")
    account = deps.accounts.get(email)
    if account is None or not account.get("active"):
        return None
    secret = secrets.token_urlsafe(32)
    lifetime = reusable_for or timedelta(minutes=signin.LINK_MINUTES)
    key = signin.digest(secret)
    deps.accounts.add_link({"_id": key, "email": email, "back": list(back) if back else None, "created_at": now,
                            "expires_at": now + lifetime, "used_at": None, "reusable": reusable_for is not None})
    if reusable_for is None:
        enqueue(deps, [_link_mail(deps, account, key, secret, now)])
    return secret


def _link_mail(deps: Deps, account: dict, key: str, secret: str, now: datetime) -> dict:
    recipient = Recipient(account["email"], account.get("name") or account["email"], account.get("language", "id"))
    context = {"link": link_url(deps, secret), "minutes": signin.LINK_MINUTES, "recipient_name": recipient.name,
               "lang": recipient.language}
    return new_delivery(f"signin:{key[:32]}", "signin", "signin", recipient, context, now, [], [], None,
                        subject=account["email"])


def link_url(deps: Deps, secret: str) -> str:
    return f"{deps.settings.public_urls['notify']}/masuk/tautan/{secret}"


def peek_link(deps: Deps, secret: str, now: datetime | None = None) -> dict | None:
    """The link, while it can still be used (the page that asks to confirm shows its address)."""
    return deps.accounts.peek_link(signin.digest(secret), now or utc_now())


def use_link(deps: Deps, secret: str, now: datetime | None = None) -> tuple[dict, dict] | None:
    """Use the link: (account, link), or None when it is used, expired, unknown or its account closed."""
    now = now or utc_now()
    link = deps.accounts.use_link(signin.digest(secret), now)
    if link is None:
        return None
    account = deps.accounts.get(link["email"])
    if account is None or not account.get("active"):
        return None
    return account, link


# --- assertions for the services ------------------------------------------------------------
def person(account: dict, session: dict) -> assertions.Person:
    """The signed-in person as a service sees them, from the account and the desk session."""
    return assertions.Person(email=account["email"], name=account.get("name") or account["email"],
                             role=account["role"], sub=signin.subject_of(account), region=account.get("region"),
                             language=account.get("language", "id"), desk_session=session["_id"],
                             desk_csrf=session["csrf"], expires_at=int(session["expires_at"].timestamp()))


def assertion_url(deps: Deps, who: assertions.Person, service: str, path: str, state: str,
                  purpose: str = assertions.SIGNED_IN) -> str:
    """Where the browser goes back to, with the desk's word for the service."""
    token = assertions.sign(deps.signin_key, who, service, state, purpose, path)
    step = "selesai" if purpose == assertions.SIGNED_IN else "keluar"
    return f"{deps.settings.public_urls[service]}/sesi/{step}?bukti={token}"


def signed_out(deps: Deps, session: dict, now: datetime | None = None) -> None:
    """Every service ends its sessions of this desk session (`kipp.account.signed_out`)."""
    now = now or utc_now()
    email = session.get("email") or ""
    data = {"email": email, "session": session["_id"], "signed_out_at": now.isoformat().replace("+00:00", "Z")}
    deps.accounts.note_sign_out(email, new_event(types.ACCOUNT_SIGNED_OUT, email, data, SOURCE), now)


def sweep(deps: Deps, now: datetime | None = None) -> None:
    """Forget expired links and the counts of past windows (the scheduler, now and then)."""
    now = now or datetime.now(timezone.utc)
    deps.accounts.forget_links_before(now)
    deps.accounts.forget_counts_except(signin.window(now))
