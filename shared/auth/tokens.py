"""Issuing and verifying EdDSA (Ed25519) JWTs with `iss` and `aud` `kipp`."""
from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

ISSUER = AUDIENCE = "kipp"
ROLES = ("region", "judge", "ministry", "admin")
REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")


class InvalidToken(Exception):
    """The token is missing, malformed, expired, for another audience, or signed by another key."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: the verified claims of their token."""

    sub: str
    role: str
    region: str | None = None


def generate_keys(private_path: str, public_path: str) -> None:
    """Write a new Ed25519 key pair as PEM files (the private one readable by its owner only)."""
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public_pem = key.public_key().public_bytes(serialization.Encoding.PEM,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    for path, pem, mode in ((private_path, private_pem, 0o600), (public_path, public_pem, 0o644)):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(pem)
        Path(path).chmod(mode)


def issue(private_pem: bytes, role: str, sub: str, region: str | None = None, ttl_seconds: int = 86400) -> str:
    """A signed token for `role`; a region token must name its province or kabupaten/kota code."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if role == "region" and not (region and REGION_CODE.match(region)):
        raise ValueError("a region token needs --region with a code such as 73 or 73.15")
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": sub, "role": role, "iat": now,
              "exp": now + ttl_seconds, "jti": str(uuid.uuid4())}
    if region:
        claims["region"] = region
    return jwt.encode(claims, private_pem, algorithm="EdDSA")


def verify(token: str, public_pem: bytes) -> Principal:
    """The caller's Principal, or InvalidToken saying why not."""
    try:
        claims = jwt.decode(token, public_pem, algorithms=["EdDSA"], audience=AUDIENCE, issuer=ISSUER,
                            options={"require": ["exp", "sub", "iss", "aud"]})
    except jwt.ExpiredSignatureError as exc:
        raise InvalidToken("token has expired") from exc
    except jwt.InvalidAudienceError as exc:
        raise InvalidToken("token is not for this audience") from exc
    except jwt.InvalidTokenError as exc:
        raise InvalidToken(f"token is invalid: {exc}") from exc
    role = claims.get("role")
    if role not in ROLES:
        raise InvalidToken("token has no valid role")
    region = claims.get("region")
    if role == "region" and not (isinstance(region, str) and REGION_CODE.match(region)):
        raise InvalidToken("region token has no valid region claim")
    return Principal(sub=str(claims["sub"]), role=role, region=region)
