"""What intake's handlers need from the world outside, as protocols; `bootstrap` wires the adapters that
keep them (adapters/), tests may wire others. Handlers import these, never an adapter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pymongo.collection import Collection
from pymongo.database import Database

from shared.config import Settings


class Store(Protocol):
    """Competitions and entries: single-document conditional writes, events in the same update."""
    competitions: Collection
    entries: Collection

    def add_areas(self) -> int:
        """Once per database: give entries made before areas existed their area fields (how many changed).
        Reads every entry once, so it is marked done and never repeated."""

    def change_with_event(self, entry: dict, changes: dict, event: dict) -> bool:
        """Apply `changes` and queue `event` in one update (DESIGN §7), only if the entry is still as
        read (status and version); False if it changed meanwhile."""

    def fence_draft(self, entry_id: str) -> bool:
        """Bump a draft's version so that a submit which read it earlier fails; False if it is no draft."""

    def get_competition(self, cid: str) -> dict | None: ...

    def get_entry(self, entry_id: str, fields: dict | None = None) -> dict | None:
        """The entry as the service sees it, or only `fields` of it."""

    def insert_entry(self, entry: dict) -> bool:
        """Insert a new draft; False when an entry with its id exists already."""

    def list_competitions(self, after: str | None, limit: int) -> list[dict]:
        """A page of competitions (a handful a year, so the range and sort over all of them are cheap)."""

    def list_entries(self, cid: str, scope: dict, status: str | None, after: str | None, limit: int) -> list[dict]:
        """Up to `limit` entries in id order after `after`; `scope` narrows them to a region (or not at all)."""

    def save_competition(self, definition: dict, event: dict) -> None:
        """Replace the definition and queue its publication in one document update."""

    def update_draft(self, entry_id: str, update: dict) -> bool:
        """Change the entry if it is still a draft (bumping its version); False when it no longer is."""


class Claims(Protocol):
    """Titles and agencies' slots shared between entries: taken and given back atomically."""

    def release(self, entry: dict) -> None:
        """Give up the entry's title and agency slot (it was withdrawn); repeating it is harmless."""

    def release_title(self, entry: dict, token: str) -> None:
        """Give the title back after a submit that failed later on (only the hold it took)."""

    def take_agency_slot(self, entry: dict, cap: int) -> str:
        """Claim one of the agency's `cap` slots in the entry's group (its hold's token), or raise AgencyCap."""

    def take_title(self, entry: dict) -> str:
        """Claim the entry's normalised title in its competition (its hold's token), or raise DuplicateTitle."""


class Files(Protocol):
    """The bytes of attachments (GridFS in MongoDB)."""

    def delete(self, file_id: str) -> None:
        """Remove the file's bytes (a missing file is fine)."""

    def read(self, file_id: str) -> bytes | None:
        """The stored bytes, or None when there is no such file."""

    def save(self, file_id: str, filename: str, data: bytes, entry_id: str, sha256: str) -> None:
        """Write the bytes; the entry lists the file only after this returned."""


class Outcomes(Protocol):
    """What review decided about entries, as intake keeps it for the regions."""

    def in_area(self, cid: str, scope: dict) -> list[dict]:
        """The outcomes of a competition's entries in a region (`scope`: area_region or area_province)."""

    def legacy_screening(self, entry_id: str) -> dict | None:
        """The screening decision an entry screened before outcomes existed kept (in `screenings`)."""

    def of_entry(self, entry_id: str) -> list[dict]:
        """Every outcome of an entry."""

    def publications_of(self, cid: str) -> list[dict]:
        """The published shortlists of a competition."""

    def record(self, doc: dict) -> bool:
        """Keep `doc` unless its slot holds a newer (or the same) outcome; True when it was written."""

    def record_publication(self, publication: dict) -> None:
        """Remember when a stage's shortlist was published: its earliest event."""

    def screening(self, entry_id: str) -> dict | None:
        """The newest screening decision of an entry (or one kept before outcomes existed), if any."""

    def shortlisted(self, cid: str, stage: str) -> list[dict]:
        """The entries a stage's published shortlist holds now (advanced is their newest outcome there)."""


@dataclass
class Deps:
    settings: Settings
    db: Database
    store: Store
    claims: Claims
    files: Files
    outcomes: Outcomes
    public_key: bytes
