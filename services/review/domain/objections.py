"""Objections to a published shortlist (DESIGN §5, §6): the window, who may file, resolution. No I/O.

Usage:

    window = objection_window(shortlist["published_at"], definition.get("objection_days"))
    objection = file_objection(window, now, competition_id=cid, stage=stage, entry_id=eid,
                               region=principal.region, reason=body["reason"], filed_by=principal.sub,
                               shortlisted=published_entry_ids, existing=objections_of_this_stage)
    store.insert({"_id": objection.id, **objection.as_dict()})   # unique _id: the race-proof duplicate check
    resolved = resolve(objection_doc, body["decision"], body.get("reason"), principal.sub, now)
    if removes_entry(resolved, published_entry_ids): ...shortlist.promote(...)

Decisions:
- The window opens at publication and closes exactly `objection_days` × 24 h later
  (closing instant excluded); `objection_days` null or missing means 5, 0 means no window.
- A region (the exact code in the caller's token: a province and each of its kabupaten/kota
  are separate regions) files at most one objection per entry per stage, whatever became of
  it; `objection_id` is derived from those four values so a unique `_id` enforces this even
  under concurrent requests.
- Filing checks, in order: published, window open, entry on the list, not a duplicate,
  a reason given. Resolution: open → upheld | rejected ("uphold"/"reject" accepted too),
  with a reason; a resolved objection never changes again.
- Times come in as aware datetimes or ISO 8601 strings (naive means UTC) and go out as
  RFC 3339 UTC strings with milliseconds and "Z", like event times.
"""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Collection, Iterable, Mapping

from shared.errors import Invalid
from services.review.domain.errors import (AlreadyResolved, DuplicateObjection, InvalidDecision, NotShortlisted,
                                           ObjectionWindowClosed, ReasonRequired, ShortlistNotPublished)

DEFAULT_OBJECTION_DAYS = 5
OPEN, UPHELD, REJECTED = "open", "upheld", "rejected"
DECISIONS = {"upheld": UPHELD, "uphold": UPHELD, "rejected": REJECTED, "reject": REJECTED}
_ID_NAMESPACE = uuid.UUID("6f1d3a52-5b0e-4c55-9a3e-0b8f4c2d7e11")


@dataclass(frozen=True)
class ObjectionWindow:
    """When regions may object to a published shortlist: opens_at ≤ now < closes_at."""

    opens_at: datetime
    closes_at: datetime

    def is_open(self, now: datetime | str) -> bool:
        """True while objections may be filed."""
        return self.opens_at <= instant(now) < self.closes_at

    def as_dict(self) -> dict:
        return {"opens_at": iso(self.opens_at), "closes_at": iso(self.closes_at)}


@dataclass(frozen=True)
class Objection:
    """One region's objection to one shortlisted entry, and how it was resolved."""

    id: str
    competition_id: str
    stage: str
    entry_id: str
    region: str
    reason: str
    filed_by: str
    filed_at: str
    status: str = OPEN
    resolution_reason: str | None = None
    resolved_by: str | None = None
    resolved_at: str | None = None

    @classmethod
    def from_dict(cls, doc: Mapping) -> Objection:
        """An objection from its stored document (`_id` or `id`)."""
        fields = {name: doc.get(name) for name in cls.__dataclass_fields__ if name in doc}
        return cls(**{**fields, "id": doc.get("id") or doc.get("_id"), "status": doc.get("status") or OPEN})

    def as_dict(self) -> dict:
        return asdict(self)


def instant(value: datetime | str) -> datetime:
    """An aware UTC datetime from a datetime or an ISO 8601 string (naive means UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def iso(moment: datetime | str) -> str:
    """RFC 3339 UTC with milliseconds and a Z suffix, the format event times use."""
    moment = instant(moment)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def objection_window(published_at: datetime | str | None, objection_days: int | None) -> ObjectionWindow:
    """The window opened by publishing at `published_at`; ShortlistNotPublished if not yet published."""
    if published_at is None:
        raise ShortlistNotPublished("daftar pendek tahap ini belum diumumkan; sanggahan belum dapat diajukan")
    days = DEFAULT_OBJECTION_DAYS if objection_days is None else objection_days
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise Invalid("objection_days must be a whole number of at least 0", field="objection_days")
    opens = instant(published_at)
    return ObjectionWindow(opens, opens + timedelta(days=days))


def objection_id(competition_id: str, stage: str, entry_id: str, region: str) -> str:
    """The one id an objection by `region` against `entry_id` in this stage can have."""
    return str(uuid.uuid5(_ID_NAMESPACE, "\x1f".join((competition_id, stage, entry_id, region))))


def file_objection(window: ObjectionWindow, now: datetime | str, *, competition_id: str, stage: str,
                   entry_id: str, region: str, reason: str | None, filed_by: str,
                   shortlisted: Collection[str], existing: Iterable[Mapping] = ()) -> Objection:
    """A new open objection, or the first rule it breaks (see the module note for the order)."""
    if not window.is_open(now):
        raise ObjectionWindowClosed(
            f"masa sanggah hanya {iso(window.opens_at)} sampai {iso(window.closes_at)}", **window.as_dict())
    if entry_id not in shortlisted:
        raise NotShortlisted(f"entri {entry_id} tidak ada dalam daftar pendek yang diumumkan", field="entry_id")
    oid = objection_id(competition_id, stage, entry_id, region)
    if any(_same_filer(doc, oid) for doc in existing):
        raise DuplicateObjection(f"wilayah {region} sudah mengajukan sanggahan untuk entri {entry_id}",
                                 objection_id=oid)
    return Objection(oid, competition_id, stage, entry_id, region, _reason(reason), filed_by, iso(now))


def resolve(objection: Objection | Mapping, decision: str | None, reason: str | None, resolved_by: str,
            now: datetime | str) -> Objection:
    """The objection upheld or rejected with its reason; AlreadyResolved if it was decided before."""
    current = objection if isinstance(objection, Objection) else Objection.from_dict(objection)
    if current.status != OPEN:
        raise AlreadyResolved(f"sanggahan {current.id} sudah diputuskan: {current.status}",
                              objection_status=current.status)
    outcome = DECISIONS.get(decision) if isinstance(decision, str) else None
    if outcome is None:
        raise InvalidDecision("decision harus 'upheld' atau 'rejected'", field="decision")
    return replace(current, status=outcome, resolution_reason=_reason(reason), resolved_by=resolved_by,
                   resolved_at=iso(now))


def removes_entry(objection: Objection, shortlisted: Collection[str]) -> bool:
    """True when this resolution takes its entry off the list (upheld, and still on it)."""
    return objection.status == UPHELD and objection.entry_id in shortlisted


def _same_filer(doc: Mapping, oid: str) -> bool:
    fields = (str(doc.get(name) or "") for name in ("competition_id", "stage", "entry_id", "region"))
    return oid in ((doc.get("_id") or doc.get("id")), objection_id(*fields))


def _reason(reason: str | None) -> str:
    if not isinstance(reason, str) or not reason.strip():
        raise ReasonRequired("alasan wajib diisi", field="reason")
    return reason.strip()
