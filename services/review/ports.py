"""What review's handlers need from the world outside, as protocols; `bootstrap` wires the adapters that
keep them (adapters/), tests may wire others. Handlers import these, never an adapter."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from pymongo.collection import Collection
from pymongo.database import Database

from shared.config import Settings


class Assignments(Protocol):
    """Assignments and their score revisions."""

    def add_revision(self, doc: dict, event: dict) -> bool:
        """Store a revision with its event in its outbox; False when that number is taken."""

    def cancel_leftovers(self, cid: str, stage: str, run: int, keep: set[str]) -> int:
        """Pending assignments of an unfinished run that the resumed run no longer plans."""

    def counts(self, query: dict) -> dict:
        """How many assignments match `query`, by status."""

    def entries_with_live_work(self, cid: str, entry_ids: list[str]) -> set[str]:
        """Of the competition's `entry_ids`, those with a pending or scored assignment in any stage."""

    def get(self, aid: str) -> dict | None: ...

    def history(self, aid: str) -> list[dict]: ...

    def insert_new(self, docs: list[dict], stored: dict[str, str], progress=None) -> int:
        """Insert the documents not among `stored` (id → status; ids are deterministic, and one written
        meanwhile is skipped) and revive planned ones a crashed run had cancelled; returns how many
        were new."""

    def latest(self, aid: str) -> dict | None: ...

    def latest_of_stage(self, cid: str, stage: str) -> list[dict]:
        """The latest revision of every scored assignment of a stage."""

    def mark_scored(self, assignment: dict, summary: dict) -> None:
        """Keep the assignment's summary (status, revision, total) at its latest revision."""

    def of_judge(self, judge_id: str, within: dict) -> list[dict]:
        """A judge's assignments (within a competition or stage, if `within` names them), as lists show them."""

    def of_stage(self, cid: str, stage: str) -> list[dict]:
        """Every assignment of a stage, without scores: what planning and progress need."""

    def page(self, query: dict, limit: int, after: str | None = None) -> list[dict]: ...

    def recuse(self, assignment: dict, recusal: dict) -> bool: ...

    def withdraw_entry(self, entry_id: str) -> int:
        """Take a withdrawn entry out of unfinished work: its pending assignments stop counting."""


class Results(Protocol):
    """Shortlist proposals, published shortlists and objections."""

    def close_objection(self, oid: str, resolved: dict) -> bool:
        """Record the resolution if the objection is still open."""

    def insert_objection(self, doc: dict) -> bool: ...

    def mark(self, cid: str, stage: str, changes: dict, expect: dict) -> bool: ...

    def objection(self, oid: str) -> dict | None: ...

    def objections_of(self, cid: str, stage: str, entry_id: str | None = None) -> list[dict]: ...

    def replace_picks(self, cid: str, stage: str, picks: list[dict], removed: str) -> None:
        """The list after an upheld objection: its picks, and the removed entry barred for good."""

    def save_proposal(self, cid: str, stage: str, proposal: dict) -> bool:
        """Keep a proposal unless the stage's list was already published (False then)."""

    def shortlist(self, cid: str, stage: str) -> dict | None: ...


class Panels(Protocol):
    """Who is appointed to a stage's panel, and the reminders sent."""

    def add_reminder(self, doc: dict, event: dict) -> None: ...

    def appoint(self, fields: dict, event: dict) -> bool:
        """Appoint (a new or a released appointment) with its event; False when already appointed."""

    def of_judge(self, judge_id: str) -> list[dict]: ...

    def of_stage(self, cid: str, stage: str) -> list[dict]:
        """Every appointment of the stage, appointed or released (read by the indexed competition and stage)."""

    def release(self, cid: str, stage: str, judge_id: str, fields: dict, event: dict) -> bool:
        """Release an appointed judge with its event; False when the judge is not on the panel."""

    def reminders_of(self, cid: str, stage: str) -> list[dict]: ...


class Jobs(Protocol):
    """Long work (bulk screening, runs, closing) and its progress."""

    def create(self, doc: dict) -> None: ...

    def get(self, job_id: str) -> dict | None: ...

    def latest(self, cid: str, kind: str, stage: str | None = None) -> dict | None:
        """The competition's most recent job of this kind (of `stage`, when given), read by the indexed
        competition and kind."""

    def update(self, job_id: str, changes: dict) -> None:
        """Record progress or the outcome, and that the job is alive now (its heartbeat)."""


class Store(Protocol):
    """Competitions, entries, judges, stages and the audit trail; the others hang off it."""
    assignments: Assignments
    results: Results
    panels: Panels
    jobs: Jobs
    audit: Collection

    def add_audit(self, *records: dict) -> None: ...

    def all_judges(self, include_inactive: bool = False) -> list[dict]:
        """The registry (a few hundred judges at most), active ones only unless asked, in id order."""

    def begin_run(self, cid: str, stage: str) -> int:
        """The number of this assignment run; an unfinished (crashed) run is resumed, not restarted."""

    def competition_entries(self, cid: str, status: str | None = None, after: str | None = None,
                            fields: dict | None = None) -> list[dict]:
        """The competition's entries in id order, without their sections (or only `fields`)."""

    def entries_by_id(self, cid: str, entry_ids: list[str]) -> dict[str, dict]:
        """The competition's entries among `entry_ids` (read by the indexed competition, then by id)."""

    def finish_run(self, cid: str, stage: str, run: int) -> None: ...

    def get_competition(self, cid: str) -> dict | None: ...

    def get_entry(self, entry_id: str) -> dict | None: ...

    def get_judge(self, judge_id: str) -> dict | None: ...

    def get_stage(self, cid: str, stage: str) -> dict: ...

    def insert_judge(self, judge: dict, events: list[dict]) -> bool:
        """Register a judge with its events (in the document's outbox); False when the id is taken."""

    def list_audit(self, cid: str, limit: int | None, after: str | None = None, **match) -> list[dict]:
        """The competition's trail in time order; `match` narrows it by fields (action, by); no limit: all."""

    def list_competitions(self) -> list[dict]:
        """Every published definition (a handful a year), in id order."""

    def list_judges(self, limit: int, after: str | None = None) -> list[dict]: ...

    def mark_stage(self, cid: str, stage: str, changes: dict, events: list[dict] = (),
                   expect: dict | None = None) -> bool:
        """Set fields on the stage document and queue events, in one update; False if `expect` fails."""

    def mark_withdrawn(self, entry_id: str, competition_id: str, fields: dict) -> None: ...

    def save_competition(self, definition: dict, published_at: str) -> bool:
        """Keep the definition unless a later publication is already stored."""

    def save_submitted(self, entry_id: str, fields: dict) -> bool:
        """Store a submission unless this or a later revision is stored, or the entry was withdrawn."""

    def update_entry(self, entry_id: str, changes: dict, events: list[dict], expect: dict | None = None) -> bool:
        """Apply `changes` and queue `events` in one document update; False if `expect` no longer holds."""


@dataclass
class Deps:
    settings: Settings
    db: Database
    store: Store
    public_key: bytes
    due_days: int
