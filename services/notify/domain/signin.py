"""The sign-in desk's rules: accounts, one-time links, rate limits, where the desk may send a browser. No I/O.

An account is an e-mail address with the claims its sessions carry: a region user's province or
kabupaten/kota code, a judge's id (judges' accounts come from review's registry), ministry and admin
users. A link is 256 random bits in an e-mail; the store keeps only its SHA-256, so a copy of the
store signs no one in. It works once, within LINK_MINUTES.
"""
from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from shared import regions
from shared.auth.tokens import REGION_CODE, ROLES
from shared.errors import Invalid

LINK_MINUTES = 15
DESK_SESSION = timedelta(hours=12)
ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
LANGS = ("id", "en")
# requests for a link, per window: per address (so no one floods a person's inbox) and per client
# (so no one tries every address); counted whether or not the address has an account
LIMIT_WINDOW = timedelta(minutes=15)
LIMIT_PER_ADDRESS = 5
LIMIT_PER_CLIENT = 30


def normalise(address: str) -> str:
    return address.strip().lower()


def valid_address(address: str) -> bool:
    return len(address) <= 254 and bool(ADDRESS.match(address))


def digest(secret: str) -> str:
    """What the store keeps of a link's secret."""
    return hashlib.sha256(secret.encode()).hexdigest()


def account_record(email: str, fields: dict, now: datetime) -> dict:
    """An account as stored, checked: the role's claims present and real, nothing else."""
    role, region, judge = fields["role"], fields.get("region"), fields.get("judge_id")
    errors = {}
    if role not in ROLES:
        errors["role"] = [f"must be one of {', '.join(ROLES)}"]
    if role == "region" and not (region and REGION_CODE.match(region) and regions.name(region)):
        errors["region"] = ["a region account needs a real province or kabupaten/kota code such as 73 or 73.15"]
    if role != "region" and region:
        errors["region"] = ["only a region account has a region"]
    if role == "judge" and not judge:
        errors["judge_id"] = ["a judge account needs the judge's id in the registry"]
    if role != "judge" and judge:
        errors["judge_id"] = ["only a judge account has a judge id"]
    if errors:
        raise Invalid("the account's claims do not fit its role", errors=errors)
    return {"_id": email, "email": email, "role": role, "region": region if role == "region" else None,
            "judge_id": judge if role == "judge" else None, "name": fields.get("name") or email,
            "language": fields.get("language") if fields.get("language") in LANGS else "id",
            "active": fields.get("active", True), "updated_at": now}


def subject_of(account: dict) -> str:
    """The `sub` of the account's sessions: a judge's registry id, else the address."""
    return account.get("judge_id") or account["email"]


def window(now: datetime) -> str:
    """The rate-limit window `now` falls in."""
    return str(int(now.timestamp() // LIMIT_WINDOW.total_seconds()))


def back_to(service: str | None, path: str | None, urls: dict) -> tuple[str, str] | None:
    """(service, local path) when a browser may be sent back there, else None: only the platform's own pages."""
    if service not in urls or not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    return service, path


def back_from_url(url: str | None, urls: dict) -> tuple[str, str] | None:
    """(service, path) of an absolute URL on one of the platform's services, else None."""
    if not url:
        return None
    parts = urlsplit(url)
    for service, base in urls.items():
        own = urlsplit(base)
        if (parts.scheme, parts.netloc) == (own.scheme, own.netloc):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            return back_to(service, path or "/", urls)
    return None
