"""The console at a real year's size: 3,000 submitted entries. The screening queue is paged and answers
quickly on its last page; one decision for every undecided entry runs as a job whose progress the page
reads, and the request that starts it returns at once."""
from __future__ import annotations

import time

from shared.mongo.client import connect, service_database
from services.review.adapters.store import Store
from services.review.domain.entries import submitted_fields
from tests import factories
from tests.integration.review import kit
from tests.support.poll import eventually

ENTRIES = 3_000
STAGES = [{"key": "administrasi", "kind": "screening"},
          {"key": "evaluasi", "kind": "scored", "judges_per_entry": 3, "shortlist": 99}]
REGIONS = ("73.71", "31.71", "11.71", "32.01", "35.78", "51.71")


def seed(store: Store, cid: str) -> None:
    """A year's submissions written straight into review's copy (as its worker would keep them)."""
    docs = []
    for n in range(ENTRIES):
        code = REGIONS[n % len(REGIONS)]
        body = factories.entry(code, title=f"Inovasi {n:04d}")
        data = {**body, "entry_id": f"{cid}-{n:04d}", "competition_id": cid, "revision": 1,
                "province_code": code.split(".")[0], "attachments": [], "submitted_at": "2026-03-10T09:00:00Z"}
        docs.append({"_id": data["entry_id"], **submitted_fields(data)})
    for start in range(0, len(docs), 500):
        store.entries.insert_many(docs[start:start + 500])


def test_three_thousand_entries_are_screened_in_one_go_with_progress(console, competition, review_settings):  # noqa: F811
    definition, _ = competition([], stages=STAGES)
    cid = definition["id"]
    store = Store(service_database(connect(review_settings.mongo_uri), review_settings))
    seed(store, cid)
    started = time.monotonic()
    last = console.get(f"/konsol/{cid}/penyaringan/administrasi?halaman=60")
    took = time.monotonic() - started
    assert last.status_code == 200 and b"0 dari 3000 disaring" in last.data and b"Halaman 60 dari 60" in last.data
    assert last.data.count(b'type="checkbox" name="entry_id"') == 50 and took < 5, f"the last page took {took:.2f} s"
    assert console.get(f"/konsol/{cid}/").status_code == 200
    assert console.get(f"/konsol/{cid}/penugasan/evaluasi?halaman=60").status_code == 200

    bulk = f"/konsol/{cid}/penyaringan/administrasi/massal"
    started = time.monotonic()
    reply = console.post(bulk, data={"csrf": kit.form_csrf(last.data, bulk), "scope": "undecided", "decision": "eligible"})
    assert reply.status_code == 302 and time.monotonic() - started < 5, "the page does not wait for the work"
    job_id = reply.headers["Location"].rsplit("/", 1)[-1]
    seen = []

    def finished():
        found = console.get(f"/api/v1/jobs/{job_id}").json
        seen.append((found["status"], found["done"], found["total"]))
        return found if found["status"] != "running" else None
    job = eventually(finished, timeout=600, interval=1, what="3,000 decisions")
    assert job["status"] == "done" and job["result"]["recorded"] == ENTRIES, job.get("error")
    assert any(status == "running" and 0 < done < ENTRIES for status, done, _ in seen), f"no progress seen: {seen[:5]}"
    assert b"3000 dari 3000 disaring" in console.get(f"/konsol/{cid}/penyaringan/administrasi?tampil=all").data
    assert console.get(f"/konsol/tugas/{job_id}").status_code == 200
