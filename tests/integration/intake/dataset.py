"""A competition's worth of intake data loaded in bulk, as intake's store holds it after the regions
created and submitted it: for query plans and benchmarks that need realistic numbers of entries and
claims in the store without submitting each one through the API."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

from pymongo.database import Database

from shared import regions
from shared.auth.tokens import Principal
from shared.events.envelope import utc_now_iso
from services.intake.adapters.claims import Claims, agency_id, claim_held_by, title_key
from services.intake.adapters.store import Store, stored_entry
from services.intake.domain import entries
from tests.integration.store.plans import insert
from tests import factories

PER_AGENCY = 5  # ~3,000 entries a year from ~600 agencies


def towns() -> list[tuple[str, str]]:
    """Every kabupaten and kota code with its cluster."""
    return [(r.code, r.type) for p in regions.provinces() for r in regions.regencies(p.code)]


def status_of(n: int) -> str:
    """Most entries submitted, 1 in 10 still a draft, 1 in 20 withdrawn."""
    return "withdrawn" if n % 20 == 0 else "draft" if n % 10 == 5 else "submitted"


def entry_documents(cid: str, count: int) -> list[dict]:
    """`count` entries of competition `cid` from every kabupaten/kota, PER_AGENCY per agency, with their
    events long published."""
    places, now = towns(), utc_now_iso()
    docs = []
    for n in range(count):
        code, cluster = places[(n // PER_AGENCY) % len(places)]
        agency = {"name": f"Dinas Inovasi {n // PER_AGENCY}", "cluster": cluster, "region_code": code}
        entry = entries.new_draft(cid, factories.entry(code, cluster, agency=agency),
                                  Principal(sub=f"admin-{code}", role="region", region=code))
        if status_of(n) != "draft":
            entry.update(entries.submission_changes(entry, now))
        if status_of(n) == "withdrawn":
            entry.update(entries.withdrawal_changes(entry, "ditarik"))
        docs.append({**stored_entry(entry), "outbox": [], "outbox_pending": False})
    return docs


def claim_documents(docs: list[dict]) -> tuple[list[dict], list[dict]]:
    """The title claims and agency slots that the submitted ones among `docs` hold."""
    submitted, at = [d for d in docs if d["status"] == "submitted"], datetime.now(timezone.utc)
    by_agency: dict[str, list[str]] = defaultdict(list)
    for doc in submitted:
        by_agency[agency_id(doc)].append(doc["_id"])
    return ([claim_held_by(title_key(d), [d["_id"]], at) for d in submitted],
            [claim_held_by(key, ids, at) for key, ids in by_agency.items()])


def load(db: Database, cid: str, count: int) -> list[dict]:
    """Store `count` entries of competition `cid` with their claims into intake's database `db`."""
    store = Store(db)
    claims = Claims(db, store)
    docs = entry_documents(cid, count)
    titles, agencies = claim_documents(docs)
    insert(store.entries, docs)
    insert(claims.titles, titles)
    insert(claims.agencies, agencies)
    return docs
