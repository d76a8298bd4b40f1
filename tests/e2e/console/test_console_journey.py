"""A small competition from definition to awards through the secretariat's console alone, in a real browser
(Chromium via Playwright) against the four services: the admin signs in by the e-mailed link, defines the
competition on intake's pages, regions submit through intake's API, the admin screens in bulk, registers
judges and appoints the panel, assigns, reminds a late judge (notify mails them), the judges score in their
room (signed in by link), the admin closes the stage, shortlists under quotas, publishes, upholds an
objection (filed through review's API by a region), gives awards, and the ministry's dashboard shows the
outcome. axe-core finds no serious or critical violation on any console page; screenshots go to
var/screenshots/console-*.png."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import requests
from playwright.sync_api import expect

from tests import factories
from tests.support import csp
from tests.support.axe import serious_violations
from tests.support.mail import messages
from tests.support.poll import eventually
from tests.support.signin import account, browser_sign_in
from tests.support.stack import ROOT

pytestmark = pytest.mark.e2e
SHOTS = ROOT / "var" / "screenshots"
WIB = timezone(timedelta(hours=7))
# (region, cluster, category, the score every judge gives it)
ENTRIES = [("73.71", "kota", "kesehatan", 90), ("31.71", "kota", "pendidikan", 80), ("11.71", "kota", "kesehatan", 70),
           ("32.01", "kabupaten", "pendidikan", 60), ("35.78", "kota", "kesehatan", 50)]
JUDGE_HOMES = ("51", "52", "61", "73")  # the judge from 73 may not score the Makassar entry


def shot(page, name: str) -> None:
    """A screenshot of the console page as it is, which axe-core must find free of serious and critical violations."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"console-{name}.png"), full_page=True)
    assert serious_violations(page) == [], f"accessibility of {name}"


def wib(moment: datetime) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%dT%H:%M:%S")


def finish_job(page) -> None:
    """On a job's page: the progress bar runs until the job is done, then back to where it started."""
    expect(page).to_have_url(re.compile(r"/konsol/tugas/[0-9a-f]+"))
    expect(page.locator("#job-progress")).to_be_visible()
    expect(page.locator("#job-status")).to_have_text(re.compile("selesai|done"), timeout=60_000)
    expect(page.locator("#job-progress")).to_have_attribute("value", "100")


def test_a_competition_from_definition_to_awards_through_the_console(platform, browser, stack, auth):
    intake, review = platform["intake"].url, platform["review"].url
    notify, reporting = platform["notify"].url, platform["reporting"].url
    admin_email = f"{factories.uid('sekretariat-')}@menpan.go.id"
    account(notify, auth("admin"), admin_email, "admin", name="Sekretariat KIPP")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    blocked = csp.watch(page)
    cid = factories.uid("kipp-konsol-")

    # --- the definition, on intake's pages -------------------------------------------------------------
    browser_sign_in(page, intake + "/konsol/kompetisi/", admin_email, stack.mail_dir)
    expect(page.locator("h1")).to_have_text("Definisi kompetisi")
    expect(page.locator("header nav")).to_contain_text("Konsol Sekretariat")
    shot(page, "01-competitions")
    page.click("#new-competition")
    expect(page.locator("#weight-sum")).to_have_text("100")
    page.fill("#f-id", cid)
    page.fill("#f-name", "KIPP Konsol (uji)")
    now = datetime.now(timezone.utc)
    page.fill("#f-opens_at", wib(now + timedelta(days=2)))
    page.fill("#f-closes_at", wib(now - timedelta(days=1)))  # before it opens: refused at its field
    page.fill("input[name='criteria.1.weight']", "20")
    expect(page.locator("#weight-sum")).to_have_text("105")  # the sum follows as weights are typed
    page.fill("input[name='criteria.1.weight']", "15")
    expect(page.locator("#weight-sum")).to_have_text("100")
    stages = {"stages.1.judges_per_entry": "2", "stages.1.shortlist": "2",
              "stages.1.due_at": wib(now - timedelta(hours=1)),  # already due: whoever has not scored is late
              "stages.2.key": "", "stages.2.judges_per_entry": "", "stages.2.shortlist": ""}  # two stages only
    for name, value in stages.items():
        page.fill(f"input[name='{name}']", value)
    page.select_option("#f-normalization", "none")  # every judge gives each entry its score: ranks stay plain
    page.fill("#f-quotas-max_per_province", "2")
    page.fill("#f-quotas-min_priority_regions", "1")
    page.fill("#f-priority_regions", "94")  # Papua Tengah sends nothing: a quota that cannot be met
    page.click("#save")
    expect(page.locator("#form-errors")).to_contain_text("Harus setelah waktu dibuka.")
    expect(page.locator("#f-closes_at")).to_have_attribute("aria-invalid", "true")
    shot(page, "02-definition-refused")
    page.fill("#f-opens_at", wib(now - timedelta(days=1)))
    page.fill("#f-closes_at", wib(now + timedelta(days=30)))
    page.click("#save")
    expect(page.locator(".flash.ok")).to_have_text("Definisi tersimpan dan diumumkan ke layanan lain.")
    shot(page, "03-definition-saved")

    # --- entries, from the regions through intake's API ------------------------------------------------
    ids = {}
    for code, cluster, category, score in ENTRIES:
        region = auth("region", code.split(".")[0])
        body = factories.agency_entry(code, cluster, category=category, title=f"Inovasi {code} {factories.uid()}")
        draft = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", json=body, headers=region, timeout=15)
        assert draft.status_code == 201, draft.text
        assert requests.post(f"{intake}/api/v1/entries/{draft.json()['id']}/submit", headers=region,
                             timeout=15).status_code == 200
        ids[code] = draft.json()["id"]

    # --- the console on review: home, screening ---------------------------------------------------------
    admin = auth("admin")
    eventually(lambda: len(requests.get(f"{review}/api/v1/competitions/{cid}/entries", headers=admin,
                                        timeout=10).json().get("items", [])) == len(ENTRIES), timeout=60,
               what="every entry in review")
    page.goto(review + "/konsol/")  # signed in at the desk already: no second mail
    expect(page.locator(f"#kompetisi-{cid} [data-stage=administrasi] .figure")).to_have_text("0 dari 5 disaring")
    shot(page, "04-home")
    page.locator(f"#kompetisi-{cid} [data-stage=administrasi] a", has_text="Penyaringan").click()
    expect(page.locator("#proposal")).to_be_visible()
    page.goto(review + f"/konsol/{cid}/penyaringan/administrasi?lihat={ids['35.78']}")
    expect(page.locator("#proposal-title")).to_contain_text("Inovasi 35.78")
    shot(page, "05-screening-queue")
    page.check("#one-ineligible")
    page.select_option("#one-reason-choice", "Belum diterapkan minimal 2 tahun")
    page.click("#save-next")
    expect(page.locator(".flash.ok")).to_contain_text("tersimpan")
    expect(page.locator("#screening-progress")).to_contain_text("1 dari 5 disaring")
    page.locator("#queue tbody input[type=checkbox]").first.focus()
    page.keyboard.press("x")  # keyboard: x selects the row, j moves down
    expect(page.locator("#selected-count")).to_have_text("1")
    page.keyboard.press("j")
    page.keyboard.press("x")
    expect(page.locator("#selected-count")).to_have_text("2")
    page.check("#select-page")
    expect(page.locator("#selected-count")).to_have_text("4")
    page.check("#bulk-eligible")
    page.click("#apply-bulk")
    finish_job(page)
    expect(page.locator("#job-result")).to_contain_text("4")
    shot(page, "06-bulk-job")
    page.click("#job-back")
    page.goto(review + f"/konsol/{cid}/penyaringan/administrasi?tampil=all")
    expect(page.locator("#screening-progress")).to_contain_text("5 dari 5 disaring")

    # --- judges: registered in the console, four of them appointed to the panel --------------------------
    judges = []
    page.goto(review + "/konsol/juri")
    for home in JUDGE_HOMES + ("62",):
        judge = {"id": factories.uid("juri-"), "email": f"{factories.uid('juri-')}@univ.ac.id", "home": home}
        page.fill("#judge-id", judge["id"])
        page.fill("#judge-name", f"Dr. Juri {home}")
        page.fill("#judge-email", judge["email"])
        page.fill("#judge-home_region", home)
        page.fill("#judge-expertise", "kesehatan, pendidikan")
        page.click("#register button[type=submit]")
        expect(page.locator(".flash.ok")).to_contain_text(judge["id"])
        judges.append(judge)
    shot(page, "07-registry")
    outsider = judges.pop()  # registered, never appointed
    page.goto(review + f"/konsol/{cid}/panel/evaluasi")
    for judge in judges:
        page.check(f"#others tr[data-judge='{judge['id']}'] input[type=checkbox]")
    page.click("#appoint-button")
    expect(page.locator(".flash.ok")).to_have_text("4 juri diangkat ke panel.")
    expect(page.locator("#members tbody tr")).to_have_count(4)
    shot(page, "08-panel")

    # --- assignment as a job; loads, conflicts avoided, a late judge reminded -----------------------------
    page.goto(review + f"/konsol/{cid}/penugasan/evaluasi")
    page.click("#run-button")
    finish_job(page)
    page.click("#job-back")
    expect(page.locator("#assignment-progress")).to_contain_text("0 dari 8 dinilai")
    for judge in judges:
        expect(page.locator(f"#loads tr[data-judge='{judge['id']}'] td").nth(1)).to_have_text("2")
    expect(page.locator(f"#loads tr[data-judge='{outsider['id']}']")).to_have_count(0)
    makassar = page.locator(f"#entry-judges tr[data-entry='{ids['73.71']}']")
    expect(makassar.locator(f".avoided[data-judge='{judges[3]['id']}']")).to_contain_text("provinsi asal sama")
    shot(page, "09-assignment")
    late = judges[0]
    page.locator(f"#loads tr[data-judge='{late['id']}'] button.remind").click()
    expect(page.locator(".flash.ok")).to_contain_text("diingatkan (2 penugasan terlambat)")
    reminder = eventually(lambda: [m for m in messages(stack.mail_dir, late["email"])
                                   if m.get("X-KIPP-Template") == "reminder"], timeout=30, what="the reminder mail")
    assert "melewati batas waktu" in str(reminder[0]["Subject"])

    # --- the judges score in their room, each signed in by the e-mailed link ------------------------------
    score_of = {ids[code]: score for code, _, _, score in ENTRIES}
    for judge in judges:
        eventually(lambda: requests.get(f"{notify}/api/v1/accounts/{judge['email']}", headers=admin,
                                        timeout=10).status_code == 200, what="the judge's sign-in account")
        room = browser.new_page(viewport={"width": 1280, "height": 900})
        browser_sign_in(room, review + "/judge/assignments", judge["email"], stack.mail_dir)
        links = [a.get_attribute("href") for a in room.locator(".assignments a").all()]
        assert len(links) == 2
        for href in links:
            room.goto(review + href)
            action = room.locator("#score-form").get_attribute("action")  # /judge/assignments/<aid>/score
            assignment = requests.get(f"{review}/api/v1/assignments/{action.split('/')[3]}", headers=admin,
                                      timeout=10).json()["assignment"]
            for field in room.locator("#score-form input[type=number]").all():
                field.fill(str(score_of[assignment["entry_id"]]))
            room.click("#score-form button[type=submit]")
            expect(room.locator(".flash.ok")).to_contain_text("Nilai tersimpan")
        room.close()

    # --- close the stage, shortlist under quotas, publish -------------------------------------------------
    page.goto(review + f"/konsol/{cid}/penugasan/evaluasi")
    expect(page.locator("#assignment-progress")).to_contain_text("8 dari 8 dinilai")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#close-button")
    finish_job(page)
    shot(page, "10-stage-closed")
    page.goto(review + f"/konsol/{cid}/daftar-pendek/evaluasi")
    page.click("#propose button")
    expect(page.locator("#picks tbody tr")).to_have_count(2)
    expect(page.locator(f"#picks tr[data-entry='{ids['73.71']}']")).to_contain_text("kuota kategori kesehatan")
    expect(page.locator(f"#picks tr[data-entry='{ids['31.71']}']")).to_contain_text("kuota kategori pendidikan")
    expect(page.locator("#quota-categories tr[data-category='pendidikan']")).to_contain_text("terpenuhi")
    expect(page.locator("#infeasible li")).to_contain_text("Minimal daerah prioritas: hanya ada 0 kandidat, diperlukan 1")
    shot(page, "11-shortlist")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish button")
    finish_job(page)
    page.click("#job-back")
    expect(page.locator("#shortlist-status")).to_have_text("diumumkan")

    # --- an objection, filed by a region through review's API, upheld in the console -----------------------
    filed = requests.post(f"{review}/api/v1/competitions/{cid}/stages/evaluasi/objections", timeout=15,
                          headers=auth("region", "32"), json={"entry_id": ids["31.71"], "reason": "Belum berjalan penuh"})
    assert filed.status_code == 201, filed.text
    page.goto(review + f"/konsol/{cid}/sanggahan/evaluasi")
    card = page.locator(f"#objection-{filed.json()['id']}")
    card.locator("input[value=upheld]").check()
    card.locator("textarea").fill("Terbukti belum berjalan sesuai klaim")
    shot(page, "12-objection")
    card.locator("button[type=submit]").click()
    expect(page.locator(".flash.ok")).to_contain_text("naik menggantikan")
    expect(page.locator(f"#objection-{filed.json()['id']} .promoted")).to_contain_text("Inovasi 32.01")

    # --- awards, the audit trail and its CSV ------------------------------------------------------------
    page.goto(review + f"/konsol/{cid}/penghargaan")
    for code in ("73.71", "32.01"):
        page.check(f"#finalists tr[data-entry='{ids[code]}'] input[type=checkbox]")
    page.fill("#award", "top45")
    page.click("#give button[type=submit]")
    expect(page.locator(".flash.ok")).to_have_text("2 penghargaan tercatat.")
    expect(page.locator(f"#finalists tr[data-entry='{ids['73.71']}'] .awarded")).to_contain_text("top45")
    shot(page, "13-awards")
    page.goto(review + f"/konsol/{cid}/audit")
    page.select_option("#jenis", "panel.appointed")
    page.click("#filters button[type=submit]")
    expect(page.locator("#trail tbody tr")).to_have_count(4)
    shot(page, "14-audit")
    with page.expect_download() as download:
        page.click("#export")
    exported = download.value.path().read_bytes()
    assert exported.startswith(b"\xef\xbb\xbf") and "juri diangkat ke panel".encode() in exported
    page.goto(review + "/konsol/?lang=en")
    expect(page.locator("main h1").first).to_have_text("Secretariat console")
    page.goto(review + "/konsol/?lang=id")

    # --- the ministry's dashboard shows the outcome --------------------------------------------------------
    def awarded_on_the_dashboard():
        page.goto(f"{reporting}/dashboard/{cid}")
        found = page.locator("[data-status=awarded]")
        return found.count() and found.get_attribute("data-value") == "2"
    eventually(awarded_on_the_dashboard, timeout=60, interval=1, what="the awards on the dashboard")
    expect(page.locator("[data-status=eliminated]")).to_have_attribute("data-value", "2")
    shot(page, "15-dashboard")
    assert blocked == [], "the console needs nothing its Content-Security-Policy forbids"
    page.close()
