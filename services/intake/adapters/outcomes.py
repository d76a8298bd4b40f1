"""review's outcomes as intake keeps them (services/intake/domain/outcomes.py): collections `outcomes`
(one document per entry and stage or award) and `publications` (one per published shortlist).

An outcome is written by one conditional upsert that matches only an older `order`: a newer event
replaces it, an older or repeated one meets the unique `_id` and changes nothing. A publication keeps
the earliest event time of its stage with `$min`. Every read is an equality on a declared index:
an entry's outcomes `{entry_id}`, a region's `{competition_id, area_region | area_province}`, a
stage's shortlist `{competition_id, stage, kind}`, a competition's publications `{competition_id}`.
"""
from __future__ import annotations

from pymongo import ASCENDING
from pymongo.database import Database

from shared.mongo.claims import upsert_where
from services.intake.domain.outcomes import ADVANCED, screening


class Outcomes:
    def __init__(self, db: Database):
        self.outcomes = db["outcomes"]
        self.publications = db["publications"]
        self.legacy_screenings = db["screenings"]  # before outcomes: the first screening decision per entry

    def ensure_indexes(self) -> None:
        """One index per shape of read."""
        self.outcomes.create_index([("entry_id", ASCENDING)])
        for scope in ("area_region", "area_province"):
            self.outcomes.create_index([("competition_id", ASCENDING), (scope, ASCENDING)])
        self.outcomes.create_index([("competition_id", ASCENDING), ("stage", ASCENDING), ("kind", ASCENDING)])
        self.publications.create_index([("competition_id", ASCENDING)])

    def record(self, doc: dict) -> bool:
        """Keep `doc` unless its slot holds a newer (or the same) outcome; True when it was written."""
        return upsert_where(self.outcomes, {"_id": doc["_id"], "order": {"$lt": doc["order"]}},
                            {"$set": {k: v for k, v in doc.items() if k != "_id"}}) is not None

    def record_publication(self, publication: dict) -> None:
        """Remember when a stage's shortlist was published: its earliest event."""
        self.publications.update_one(
            {"_id": publication["_id"]},
            {"$min": {"published_at": publication["published_at"]},
             "$setOnInsert": {"competition_id": publication["competition_id"], "stage": publication["stage"]}},
            upsert=True)

    def of_entry(self, entry_id: str) -> list[dict]:
        """Every outcome of an entry."""
        return list(self.outcomes.find({"entry_id": entry_id}))

    def in_area(self, cid: str, scope: dict) -> list[dict]:
        """The outcomes of a competition's entries in a region (`scope`: area_region or area_province)."""
        return list(self.outcomes.find({"competition_id": cid, **scope}))

    def shortlisted(self, cid: str, stage: str) -> list[dict]:
        """The entries a stage's published shortlist holds now (advanced is their newest outcome there)."""
        return list(self.outcomes.find({"competition_id": cid, "stage": stage, "kind": ADVANCED}))

    def publications_of(self, cid: str) -> list[dict]:
        """The published shortlists of a competition."""
        return list(self.publications.find({"competition_id": cid}))

    def screening(self, entry_id: str) -> dict | None:
        """The newest screening decision of an entry (or one kept before outcomes existed), if any."""
        return screening(self.of_entry(entry_id)) or self.legacy_screening(entry_id)

    def legacy_screening(self, entry_id: str) -> dict | None:
        """The screening decision an entry screened before outcomes existed kept (in `screenings`)."""
        return self.legacy_screenings.find_one({"_id": entry_id})
