"""Server-side sessions for the web pages: the browser's cookie holds a random id and nothing else.

A session is one document in a collection of the service's own database: the verified claims
of whoever signed in (never the token or link they signed in with), the session's CSRF token,
and an expiry. Signing out deletes the document, so a copied cookie dies with it.

The id is 256 random bits; the document is keyed by its SHA-256, so reading the collection
(a backup, a support query) gives no one a working cookie. DESIGN §7 rules out TTL indexes
(FerretDB 1.24 has none), so expiry is checked on every read and expired documents are swept,
through the `expires_at` index, whenever someone signs in.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import asdict
from datetime import datetime, timedelta, timezone

import jwt
from flask import g, request
from pymongo import ASCENDING
from pymongo.collection import Collection

from shared.auth.tokens import Principal

ID_BYTES = 32  # 256 bits
LIFETIME = timedelta(hours=12)


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc)


def token_expiry(token: str) -> datetime:
    """When an already verified token expires: a session begun with it must not outlive it."""
    claims = jwt.decode(token, options={"verify_signature": False})
    return datetime.fromtimestamp(int(claims["exp"]), timezone.utc)


class Sessions:
    """One service's sessions: the collection, the cookie's name and path, and whether cookies need HTTPS."""

    def __init__(self, collection: Collection, cookie: str, path: str, tls: bool, lifetime: timedelta = LIFETIME):
        self.collection, self.cookie, self.path, self.tls, self.lifetime = collection, cookie, path, tls, lifetime
        self._indexed = False

    def secure(self) -> bool:
        """Cookies go over HTTPS only when the platform is configured for TLS or this request came by it."""
        return self.tls or request.is_secure

    def set_cookie(self, response, name: str, value: str, max_age: int | None = None) -> None:
        """A cookie scripts cannot read and other sites' forms do not carry."""
        response.set_cookie(name, value, max_age=max_age, path=self.path, httponly=True, samesite="Lax",
                            secure=self.secure())

    def current(self) -> dict | None:
        """This request's live session document, or None (read once per request)."""
        cache = g.setdefault("sessions", {})
        if self.cookie not in cache:
            session_id = request.cookies.get(self.cookie, "")
            cache[self.cookie] = self.collection.find_one(
                {"_id": _key(session_id), "expires_at": {"$gt": _now()}}) if session_id else None
        return cache[self.cookie]

    def principal(self) -> Principal | None:
        """Who this request's session belongs to, or None."""
        found = self.current()
        return Principal(**found["claims"]) if found else None

    def start(self, response, principal: Principal, not_after: datetime, extra: dict | None = None) -> dict:
        """A new session for `principal`, ending at `not_after` at the latest; its id goes into the cookie.
        `extra` is kept beside the claims (who the person is, the desk session it came from)."""
        self._declare_indexes()
        now = _now()
        self.collection.delete_many({"expires_at": {"$lt": now}})
        self._delete_current()  # a sign-in always gets a new id: one planted beforehand is worth nothing
        session_id = secrets.token_urlsafe(ID_BYTES)
        expires = min(not_after, now + self.lifetime)
        document = {**(extra or {}), "_id": _key(session_id), "claims": asdict(principal),
                    "csrf": secrets.token_urlsafe(32), "created_at": now, "expires_at": expires}
        self.collection.insert_one(document)
        self.set_cookie(response, self.cookie, session_id, max_age=int((expires - now).total_seconds()))
        g.setdefault("sessions", {})[self.cookie] = document
        return document

    def end(self, response) -> None:
        """Delete this request's session, if any, and forget the cookie."""
        self._delete_current()
        response.delete_cookie(self.cookie, path=self.path, httponly=True, samesite="Lax", secure=self.secure())

    def _delete_current(self) -> None:
        session_id = request.cookies.get(self.cookie)
        if session_id:
            self.collection.delete_one({"_id": _key(session_id)})
        g.setdefault("sessions", {})[self.cookie] = None

    def _declare_indexes(self) -> None:
        # at the first sign-in, not at start-up: a web process must start while the store is down
        if not self._indexed:
            self.ensure_indexes()
            self._indexed = True

    def ensure_indexes(self) -> None:
        """Expiry sweeps, and the sign-outs that end sessions by desk session or by address."""
        for field in ("expires_at", "desk", "email"):
            self.collection.create_index([(field, ASCENDING)])
