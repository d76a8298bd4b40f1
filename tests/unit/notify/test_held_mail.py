"""Every mail names its competition: an entry's news that comes before the competition is held, then
mailed once when the competition is known (its event, the look again after holding, or the scheduler)."""
from __future__ import annotations

from datetime import datetime, timezone

from shared.events import types
from shared.events.envelope import new_event
from services.notify.handlers import mail
from tests import factories
from tests.unit.notify.fakes import FakeStore, fake_deps

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)
NAME = "Kompetisi Inovasi Pelayanan Publik 2026"
CONTACTS = {"73.71": {"_id": "73.71", "addresses": ["kota@makassarkota.go.id"], "language": "en"},
            "73": {"_id": "73", "addresses": ["prov@sulselprov.go.id"], "digest": "daily"}}


def submitted(cid: str) -> dict:
    entry_id = factories.uid("entry-")
    data = {"entry_id": entry_id, "competition_id": cid, "revision": 1, "title": "Sehati", "group": "umum",
            "category": "kesehatan", "agency": {"name": "Dinas Kesehatan", "cluster": "kota", "region_code": "73.71"},
            "province_code": "73", "contact": {"name": "Andi", "email": "andi@example.id"},
            "submitted_at": "2026-03-10T08:00:00Z"}
    return new_event(types.ENTRY_SUBMITTED, entry_id, data, "kipp/intake")


def about(entry: dict, kind: str, **data) -> dict:
    base = {"entry_id": entry["data"]["entry_id"], "competition_id": entry["data"]["competition_id"]}
    return new_event(kind, base["entry_id"], {**base, **data}, "kipp/review")


def published(cid: str) -> dict:
    return new_event(types.COMPETITION_PUBLISHED, cid, {"id": cid, "name": NAME, "criteria": [], "stages": []},
                     "kipp/intake")


def deps_with(store: FakeStore | None = None):
    deps = fake_deps()
    deps.store = store or FakeStore(CONTACTS)
    return deps


def apply(deps, *events) -> None:
    for event in events:
        mail.on_event(deps, event, NOW)


def mailed(deps) -> list[tuple[str, str, str]]:
    """(template, recipient, competition name) of every delivery and digest item queued so far."""
    found = [(d["template"], d["recipient"], d["context"]["competition_name"]) for d in deps.deliveries.docs.values()]
    for doc in deps.digests.docs.values():
        found += [(i["template"], doc["recipient"], i["competition_name"]) for i in doc["items"].values()]
    return sorted(found)


def test_an_entry_before_its_competition_is_held_then_mailed_once_naming_it():
    deps = deps_with()
    entry = submitted("kipp-2026")
    screened = about(entry, types.ENTRY_SCREENED, stage="administrasi", decision="eligible", reason=None)
    apply(deps, entry, screened)
    assert mailed(deps) == [] and deps.store.held_count() == {"kipp-2026": 2}
    apply(deps, published("kipp-2026"))
    expected = sorted((template, reader, NAME) for template in ("receipt", "screened")
                      for reader in ("kota@makassarkota.go.id", "andi@example.id", "prov@sulselprov.go.id"))
    assert mailed(deps) == expected and deps.store.held_count() == {}
    apply(deps, entry, screened, published("kipp-2026"))  # every event delivered again
    assert mailed(deps) == expected


def test_news_before_its_entry_before_its_competition_waits_for_both():
    deps = deps_with()
    entry = submitted("kipp-2026")
    apply(deps, about(entry, types.ENTRY_AWARDED, award="top45"), entry)
    assert mailed(deps) == [] and deps.store.waiting == {} and deps.store.held_count() == {"kipp-2026": 2}
    apply(deps, published("kipp-2026"))
    assert [t for t, r, _ in mailed(deps) if r == "andi@example.id"] == ["awarded", "receipt"]


def test_a_judges_assignment_waits_for_the_competition_too():
    deps = deps_with()
    entry = submitted("kipp-2026")
    assignment = about(entry, types.ASSIGNMENT_CREATED, assignment_id="a1", stage="evaluasi", judge_id="j1",
                       judge_email="juri@ugm.ac.id", due_at=None)
    apply(deps, entry, assignment)
    assert deps.batches.docs == {}
    apply(deps, published("kipp-2026"))
    [batch] = deps.batches.docs.values()
    assert [i["competition_name"] for i in batch["items"].values()] == [NAME]


class ArrivesWhileHolding(FakeStore):
    """Another worker saves the competition between this one's look-up and its hold (and, releasing
    before the hold is written, finds nothing held)."""

    def hold(self, event, entry, now):
        self.save_competition(published(entry["competition_id"])["data"])
        super().hold(event, entry, now)


def test_a_competition_that_arrives_while_holding_is_seen_by_the_look_again():
    deps = deps_with(ArrivesWhileHolding(CONTACTS))
    apply(deps, submitted("kipp-2026"))
    assert [t for t, _, name in mailed(deps)] == ["receipt"] * 3 and deps.store.held_count() == {}


def test_the_scheduler_mails_what_is_held_for_a_competition_known_by_now():
    deps = deps_with()
    apply(deps, submitted("kipp-2026"), submitted("kipp-lain"))
    deps.store.save_competition(published("kipp-2026")["data"])  # its worker died before releasing
    assert mail.release_known_competitions(deps, NOW) == 1
    assert len(mailed(deps)) == 3 and deps.store.held_count() == {"kipp-lain": 1}  # still visible, still held
    assert mail.release_known_competitions(deps, NOW) == 0
