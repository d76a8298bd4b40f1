"""The sign-in desk's assertions: how a person signed in at notify's desk becomes signed in at a service.

People sign in once, at the desk (notify's `/masuk/`, where accounts live), by a one-time link sent to
their address. A service whose page needs a person sends the browser to the desk with a `state` it
also keeps in a cookie; the desk sends the browser back with an *assertion*: a JWT (EdDSA) signed with
the desk's own key, for that one service (`aud`), valid for a minute, carrying the state, the
account's claims (the same `sub`, `role`, `region` an API token carries) and the desk session it came
from. The service checks signature, audience, expiry and state, then opens a session of its own.

The desk's key pair is not the API tokens' pair: the services hold only public keys, and only notify
holds the desk's private key, so no service can mint an API token and an assertion is no API token
(its issuer and audience differ).
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import jwt

from shared.auth.tokens import REGION_CODE, ROLES, Principal

ISSUER = "kipp-masuk"
LIFETIME_SECONDS = 60
SIGNED_IN, SIGNED_OUT = "masuk", "keluar"


class InvalidAssertion(Exception):
    """Forged, expired, for another service or another browser, or malformed."""


@dataclass(frozen=True)
class Person:
    """A signed-in person: the account's claims, and the desk session they hold."""

    email: str
    name: str
    role: str
    sub: str
    region: str | None
    language: str
    desk_session: str  # the desk session's public id: ending it signs the person out everywhere
    desk_csrf: str     # the desk's CSRF token, for the sign-out form every page carries
    expires_at: int    # when the desk session ends (seconds since the epoch)

    @property
    def principal(self) -> Principal:
        return Principal(sub=self.sub, role=self.role, region=self.region)


def audience(service: str) -> str:
    return f"{ISSUER}:{service}"


def sign(private_pem: bytes, person: Person, service: str, state: str, purpose: str = SIGNED_IN,
         back_to: str = "/") -> str:
    """An assertion for `service` that `person` signed in (or out), answering the browser's `state`."""
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": audience(service), "iat": now, "exp": now + LIFETIME_SECONDS,
              "jti": uuid.uuid4().hex, "purpose": purpose, "state": state, "back_to": back_to,
              "sub": person.sub, "role": person.role, "region": person.region, "email": person.email,
              "name": person.name, "lang": person.language, "sid": person.desk_session,
              "csrf": person.desk_csrf, "session_exp": person.expires_at}
    return jwt.encode(claims, private_pem, algorithm="EdDSA")


def verify(token: str, public_pem: bytes, service: str, state: str, purpose: str = SIGNED_IN) -> tuple[Person, str]:
    """The person an assertion names and the local path to go back to; InvalidAssertion otherwise."""
    try:
        claims = jwt.decode(token, public_pem, algorithms=["EdDSA"], audience=audience(service), issuer=ISSUER,
                            options={"require": ["exp", "iat", "sub", "aud", "iss"]})
    except jwt.InvalidTokenError as exc:
        raise InvalidAssertion(str(exc)) from exc
    if not state or claims.get("state") != state or claims.get("purpose") != purpose:
        raise InvalidAssertion("the assertion answers another browser or request")
    role, region = claims.get("role"), claims.get("region")
    if role not in ROLES or (role == "region" and not (isinstance(region, str) and REGION_CODE.match(region))):
        raise InvalidAssertion("the assertion names no valid role")
    person = Person(email=str(claims.get("email", "")), name=str(claims.get("name", "")), role=role,
                    sub=str(claims["sub"]), region=region, language=str(claims.get("lang", "id")),
                    desk_session=str(claims.get("sid", "")), desk_csrf=str(claims.get("csrf", "")),
                    expires_at=int(claims.get("session_exp", 0)))
    return person, str(claims.get("back_to") or "/")
