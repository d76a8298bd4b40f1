"""The secretariat's console on review, with a signed-in admin's session (the desk's answer, without the desk):
every page answers, forms are checked as the API checks them and re-shown with the message at the field,
long work runs as a job the page polls, and only the admin gets in."""
from __future__ import annotations

import csv
import io


from tests import factories
from tests.integration.review import kit
from tests.support.poll import eventually
from tests.support.signin import assert_only_for_its_role

STAGES = [{"key": "administrasi", "kind": "screening"},
          {"key": "evaluasi", "kind": "scored", "judges_per_entry": 1, "shortlist": 2}]
QUOTAS = {"min_per_category": 1, "max_per_province": 1, "min_priority_regions": 1}
REGIONS = ("73.71", "31.71", "11.71", "32.01")


def job_of(browser, reply) -> dict:
    """Follow a form's answer to its job page and wait (through the JSON API, with the cookie) for the end."""
    assert reply.status_code == 302 and "/konsol/tugas/" in reply.headers["Location"], reply.data[:500]
    page = reply.headers["Location"]
    job_id = page.rsplit("/", 1)[-1]
    assert browser.get(page).status_code == 200

    def finished():
        found = browser.get(f"/api/v1/jobs/{job_id}").json
        return found if found["status"] != "running" else None
    return eventually(finished, timeout=60, what=f"job {job_id}")


def test_only_the_secretariat_gets_in(client, keys_dir, competition):
    judge = assert_only_for_its_role(client, keys_dir, "review", "/konsol/")
    assert judge.get("/konsol/juri").status_code == 403
    assert judge.get("/api/v1/jobs/apa-saja").status_code == 403


def test_a_stage_from_screening_to_awards_through_the_console(console, competition, client, admin, auth, publisher):
    definition, ids = competition([factories.entry(code, category=cat) for code, cat in
                                   zip(REGIONS, ("kesehatan", "pendidikan", "kesehatan", "ekonomi"))],
                                  stages=STAGES, quotas=QUOTAS, priority_regions=["11"], normalization="none")
    cid = definition["id"]
    home = console.get("/konsol/")
    assert home.status_code == 200 and definition["name"].encode() in home.data
    assert b'data-screened="0" data-total="4"' in home.data
    assert console.get(f"/konsol/{cid}/").status_code == 200

    # screening: one refused at its field, one decided, then the rest in bulk as a job
    queue = console.get(f"/konsol/{cid}/penyaringan/administrasi")
    assert queue.status_code == 200 and b'id="proposal"' in queue.data and b"0 dari 4 disaring" in queue.data
    one = f"/konsol/{cid}/penyaringan/administrasi/keputusan"
    refused = console.post(one, data={"csrf": kit.form_csrf(queue.data, one), "entry_id": ids[3], "decision": "ineligible"})
    assert refused.status_code == 422 and "wajib disertai alasan".encode() in refused.data
    assert console.post(one, data={"entry_id": ids[3], "decision": "eligible"}).status_code == 403, "no CSRF token"
    decided = console.post(one, data={"csrf": kit.form_csrf(queue.data, one), "entry_id": ids[3], "decision": "ineligible",
                                      "reason_choice": "Dokumen atau lampiran tidak lengkap"})
    assert decided.status_code == 302 and "notice=screened" in decided.headers["Location"]
    bulk = f"/konsol/{cid}/penyaringan/administrasi/massal"
    nothing = console.post(bulk, data={"csrf": kit.form_csrf(queue.data, bulk), "scope": "selected", "decision": "eligible"})
    assert nothing.status_code == 422 and "Pilih minimal satu".encode() in nothing.data
    job = job_of(console, console.post(bulk, data={"csrf": kit.form_csrf(queue.data, bulk), "scope": "undecided",
                                                   "decision": "eligible"}))
    assert job["status"] == "done" and job["result"]["recorded"] == 3 and job["percent"] == 100
    assert b"4 dari 4 disaring" in console.get(f"/konsol/{cid}/penyaringan/administrasi?tampil=all").data

    # judges: registered through the form (a bad province refused at its field), appointed to the panel
    registry = console.get("/konsol/juri")
    body = {"csrf": kit.form_csrf(registry.data, "/konsol/juri"), "id": factories.uid("juri-"), "name": "Dr. Konsol",
            "email": f"{factories.uid()}@univ.ac.id", "home_region": "99", "expertise": "kesehatan, pendidikan"}
    bad = console.post("/konsol/juri", data=body)
    assert bad.status_code == 422 and "Provinsi asal".encode() in bad.data and b'aria-invalid="true"' in bad.data
    assert console.post("/konsol/juri", data={**body, "home_region": "51"}).status_code == 302
    others = kit.register(client, admin, [kit.judge_body(cid, home) for home in ("52", "73")])
    panel_page = console.get(f"/konsol/{cid}/panel/evaluasi")
    assert panel_page.status_code == 200 and body["id"].encode() in panel_page.data
    appoint = f"/konsol/{cid}/panel/evaluasi/angkat"
    appointed = console.post(appoint, data={"csrf": kit.form_csrf(panel_page.data, appoint),
                                            "judge_id": [body["id"]] + [j["id"] for j in others]})
    assert appointed.status_code == 302 and "n=3" in appointed.headers["Location"]

    # assignment as a job; the page shows loads and each conflict avoided
    work = console.get(f"/konsol/{cid}/penugasan/evaluasi")
    run = f"/konsol/{cid}/penugasan/evaluasi/jalankan"
    assert console.post(run, data={"csrf": kit.form_csrf(work.data, run), "judges_per_entry": "99"}).status_code == 422
    job = job_of(console, console.post(run, data={"csrf": kit.form_csrf(work.data, run)}))
    assert job["status"] == "done" and job["result"]["planned"] == 3, job
    work = console.get(f"/konsol/{cid}/penugasan/evaluasi")
    assert work.status_code == 200 and b'data-why="home-province"' in work.data
    remind = f"/konsol/{cid}/penugasan/evaluasi/ingatkan/{others[0]['id']}"
    not_late = console.post(remind, data={"csrf": kit.form_csrf(work.data, f"/konsol/{cid}/penugasan/evaluasi/tutup")})
    assert not_late.status_code == 409 and "tidak punya penugasan yang terlambat".encode() in not_late.data
    in_english = console.post(remind + "?lang=en",
                              data={"csrf": kit.form_csrf(work.data, f"/konsol/{cid}/penugasan/evaluasi/tutup")})
    assert in_english.status_code == 409 and b"no late assignment in this stage" in in_english.data
    assert console.get("/konsol/?lang=id").status_code == 200  # ?lang= is kept in a cookie: back to Indonesian
    scores = {3: 90, 1: 80, 2: 70}  # by REGIONS position: Aceh (priority) last but picked for its quota
    for a in client.get(f"/api/v1/assignments?competition_id={cid}", headers=admin).json["items"]:
        value = scores[ids.index(a["entry_id"])] if ids.index(a["entry_id"]) in scores else 60
        assert client.put(f"/api/v1/assignments/{a['id']}/score", json={"scores": {k: value for k in kit.GOOD}},
                          headers=auth("judge", sub=a["judge_id"])).status_code == 200
    close = f"/konsol/{cid}/penugasan/evaluasi/tutup"
    closed = job_of(console, console.post(close, data={"csrf": kit.form_csrf(work.data, close), "reason": "tenggat"}))
    assert closed["status"] == "done" and closed["result"]["status"] == "closed"

    # shortlist: proposal with reasons and the quota table, published as a job
    listed = console.get(f"/konsol/{cid}/daftar-pendek/evaluasi")
    propose = f"/konsol/{cid}/daftar-pendek/evaluasi/usulan"
    assert console.post(propose, data={"csrf": kit.form_csrf(listed.data, propose)}).status_code == 302
    listed = console.get(f"/konsol/{cid}/daftar-pendek/evaluasi")
    assert b'id="quota-table"' in listed.data and b"kuota kategori" in listed.data, listed.data.decode()[-3000:]
    publish = f"/konsol/{cid}/daftar-pendek/evaluasi/umumkan"
    assert job_of(console, console.post(publish, data={"csrf": kit.form_csrf(listed.data, publish)}))["status"] == "done"
    picks = client.get(f"/api/v1/competitions/{cid}/stages/evaluasi/shortlist", headers=admin).json["picks"]

    # an objection filed by a region, upheld in the console: the next candidate moves up
    filed = client.post(f"/api/v1/competitions/{cid}/stages/evaluasi/objections", headers=auth("region", region="32"),
                        json={"entry_id": picks[0]["entry_id"], "reason": "Belum berjalan"})
    assert filed.status_code == 201
    page = console.get(f"/konsol/{cid}/sanggahan/evaluasi")
    resolve = f"/konsol/{cid}/sanggahan/evaluasi/{filed.json['id']}"
    short = console.post(resolve, data={"csrf": kit.form_csrf(page.data, resolve), "decision": "upheld", "reason": "x"})
    assert short.status_code == 422 and "Alasan wajib diisi".encode() in short.data
    upheld = console.post(resolve, data={"csrf": kit.form_csrf(page.data, resolve), "decision": "upheld",
                                         "reason": "Terbukti belum berjalan"})
    assert upheld.status_code == 302 and "notice=upheld" in upheld.headers["Location"]
    after = console.get(upheld.headers["Location"])
    assert "naik menggantikan".encode() in after.data and b'class="promoted"' in after.data

    # awards, then the audit trail and its CSV
    awards = console.get(f"/konsol/{cid}/penghargaan")
    finalists = client.get(f"/api/v1/competitions/{cid}/stages/evaluasi/shortlist", headers=admin).json["picks"]
    give = f"/konsol/{cid}/penghargaan"
    assert console.post(give, data={"csrf": kit.form_csrf(awards.data, give), "entry_id": [finalists[0]["entry_id"]],
                                    "award": "Top 45"}).status_code == 422
    given = console.post(give, data={"csrf": kit.form_csrf(awards.data, give), "entry_id": [finalists[0]["entry_id"]],
                                     "award": "top45", "reason": "=HYPERLINK(\"http://x\")"})
    assert given.status_code == 302 and "n=1" in given.headers["Location"]
    trail = console.get(f"/konsol/{cid}/audit?jenis=award")
    assert trail.status_code == 200 and b'data-action="award"' in trail.data and b'data-action="screening"' not in trail.data
    exported = console.get(f"/konsol/{cid}/audit.csv")
    assert exported.status_code == 200 and exported.mimetype == "text/csv" and exported.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    actions = [r[3] for r in rows[1:]]
    assert rows[0][0] == "Waktu (WIB)" and "juri diangkat ke panel" in actions and "penghargaan" in actions
    assert any(cell == "'=HYPERLINK(\"http://x\")" for r in rows for cell in r), "a formula is neutralised"


def test_missing_things_are_pages_not_errors(console):
    nothing = console.get("/konsol/tidak-ada/")
    assert nothing.status_code == 404 and "Yang diminta tidak ada atau belum diterbitkan".encode() in nothing.data
    assert console.get("/konsol/tidak-ada/penyaringan/administrasi").status_code == 404
    assert console.get("/konsol/tugas/tidak-ada").status_code == 404
    assert console.get("/konsol/tidak-ada/audit.csv").status_code == 404
    english = console.get("/konsol/?lang=en")
    assert english.status_code == 200 and b"Secretariat console" in english.data
