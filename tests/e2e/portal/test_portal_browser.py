"""The region portal in a real browser (headless Chromium via Playwright) against the platform's four real
processes: a kabupaten's Admin Lokal signs in by the e-mailed link, drafts an entry, reloads without losing
anything, uploads a PDF with a progress bar, is refused on submit for a section too long (the message at
that section), fixes it and submits; the receipt reaches the SMTP sink; the province sees the entry and
withdraws another; review screens and publishes a shortlist, the entry page shows every outcome, and
another province objects through review's objection page, a second attempt refused. Every page is
screenshot at 1280 and 375 px (var/screenshots/portal-*.png), checked by axe-core (no serious or
critical violation), never scrolls sideways at 375 px, and needs nothing its Content-Security-Policy
forbids."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
import requests
from playwright.sync_api import expect

from tests import factories
from tests.support import csp
from tests.support.axe import serious_violations
from tests.support.mail import wait_for_mail
from tests.support.poll import eventually
from tests.support.signin import account, browser_sign_in
from tests.support.stack import ROOT

pytestmark = pytest.mark.e2e
SHOTS = ROOT / "var" / "screenshots"
WIDE, NARROW = {"width": 1280, "height": 900}, {"width": 375, "height": 812}
SECTIONS = dict(factories.SECTIONS)
CRITERIA = [k for k, _ in factories.CRITERIA]


def shot(page, name: str) -> None:
    """Screenshots of the page as it is, wide and narrow; axe-core finds no serious or critical violation in
    either, and the narrow one does not scroll sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"portal-{name}-{size['width']}.png"), full_page=True)
        assert serious_violations(page) == [], f"accessibility of {name} at {size['width']} px"
        if size is NARROW:
            assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"{name} scrolls sideways at 375 px"
    page.set_viewport_size(WIDE)


def words(n: int) -> str:
    return " ".join(f"kata{i}" for i in range(n))


@pytest.fixture(scope="module")
def competition(platform, auth) -> dict:
    definition = factories.competition(name="Kompetisi Inovasi Pelayanan Publik 2026 (uji portal)")
    reply = requests.put(f"{platform['intake'].url}/api/v1/competitions/{definition['id']}", json=definition,
                         headers=auth("admin"), timeout=10)
    assert reply.status_code == 200, reply.text
    return definition


@pytest.fixture(scope="module")
def people(platform, auth) -> dict:
    """Accounts at the sign-in desk: Pinrang's Admin Lokal, South Sulawesi's, and Jakarta's."""
    found = {"pinrang": f"{factories.uid('organisasi-')}@pinrangkab.go.id",
             "sulsel": f"{factories.uid('biro-')}@sulselprov.go.id",
             "jakarta": f"{factories.uid('biro-')}@jakarta.go.id"}
    notify, admin = platform["notify"].url, auth("admin")
    account(notify, admin, found["pinrang"], "region", region="73.15", name="Bagian Organisasi Pinrang")
    account(notify, admin, found["sulsel"], "region", region="73", name="Biro Organisasi Sulawesi Selatan")
    account(notify, admin, found["jakarta"], "region", region="31", name="Biro Organisasi DKI Jakarta")
    return found


def test_a_region_drafts_submits_follows_and_objects_in_the_browser(platform, browser, stack, competition, people,
                                                                     auth):
    intake, cid = platform["intake"].url, competition["id"]
    contact = f"{factories.uid('kontak-')}@pinrangkab.go.id"
    pinrang = browser.new_context(viewport=WIDE).new_page()
    blocked = csp.watch(pinrang)

    # sign in by the e-mailed link, straight back to the portal
    browser_sign_in(pinrang, intake + "/portal/", people["pinrang"], stack.mail_dir)
    expect(pinrang.locator("h1")).to_have_text("Portal Wilayah")
    expect(pinrang.locator(".competition").filter(has_text=competition["name"])).to_contain_text("Sisa waktu")
    shot(pinrang, "1-home")

    # a new entry from the competition's definition; a too young innovation is refused at its field
    pinrang.locator(".competition").filter(has_text=competition["name"]).get_by_role("link").click()
    expect(pinrang.locator("h1")).to_have_text("Entri baru")
    expect(pinrang.locator("#f-agency-region_code option:checked")).to_have_text("Kabupaten Pinrang")
    expect(pinrang.locator(".countdown strong")).not_to_be_empty()
    shot(pinrang, "2-new-entry")
    title = "Puskesmas Keliling Terapung " + factories.uid()
    pinrang.fill("#f-title", title)
    pinrang.select_option("#f-group", "umum")
    pinrang.select_option("#f-category", "kesehatan")
    pinrang.select_option("#f-agency-cluster", "kabupaten")
    pinrang.fill("#f-agency-name", "Dinas Kesehatan Kabupaten Pinrang " + factories.uid())
    pinrang.fill("#f-implemented_since", datetime.now(timezone.utc).date().isoformat())
    pinrang.fill("#f-contact-name", "Andi Pratama")
    pinrang.fill("#f-contact-email", contact)
    pinrang.get_by_role("button", name="Buat draf").click()
    expect(pinrang.locator("#f-implemented_since-error")).to_contain_text("paling sedikit 24 bulan")
    expect(pinrang.locator("#f-implemented_since")).to_have_attribute("aria-invalid", "true")
    shot(pinrang, "3-new-entry-refused")
    pinrang.fill("#f-implemented_since", "2021-01-15")
    pinrang.get_by_role("button", name="Buat draf").click()
    expect(pinrang.locator(".flash.ok")).to_contain_text("Draf dibuat")
    editor_url = pinrang.url.split("?")[0]
    entry_id = editor_url.rsplit("/", 1)[1]

    # the draft saves itself as the person types, and a reload loses nothing
    for key in SECTIONS:
        pinrang.fill(f"#f-sections-{key}", f"Uraian {key}: inovasi ini melayani warga di pulau-pulau kecil.")
    pinrang.check("input[name=sdgs][value='3']")
    pinrang.check("input[name=sdgs][value='10']")
    pinrang.fill("#f-videos", "https://video.example.id/puskesmas-terapung")
    expect(pinrang.locator("#f-sections-ringkasan-count .n")).to_have_text("9")
    expect(pinrang.locator("#save-status")).to_contain_text("Tersimpan pukul", timeout=15000)
    shot(pinrang, "4-editor")
    pinrang.fill("#f-sections-kebaruan", "Pertama di Sulawesi Selatan: kapal puskesmas dengan telemedisin.")
    pinrang.reload()  # at once, before the debounce: the keystrokes come back from the browser or the server
    expect(pinrang.locator("#f-sections-kebaruan")).to_have_value(
        "Pertama di Sulawesi Selatan: kapal puskesmas dengan telemedisin.")
    expect(pinrang.locator("#f-sections-ringkasan")).to_have_value(
        "Uraian ringkasan: inovasi ini melayani warga di pulau-pulau kecil.")
    expect(pinrang.locator("input[name=sdgs][value='10']")).to_be_checked()
    expect(pinrang.locator("#f-videos")).to_have_value("https://video.example.id/puskesmas-terapung")
    shot(pinrang, "5-reloaded")
    region = auth("region", "73.15")
    eventually(lambda: requests.get(f"{intake}/api/v1/entries/{entry_id}", headers=region, timeout=10).json()
               ["sections"].get("kebaruan", "").startswith("Pertama"), timeout=20, what="the last edit on the server")

    # a PDF with a progress bar, through the API with the session cookie
    pinrang.evaluate("""() => { window.progressSeen = [];
        const bar = document.getElementById('upload-progress');
        new MutationObserver(() => window.progressSeen.push(bar.value)).observe(bar, {attributes: true}); }""")
    pinrang.set_input_files("#f-file", files=[{"name": "proposal-puskesmas.pdf", "mimeType": "application/pdf",
                                               "buffer": factories.pdf_bytes(700_000)}])
    pinrang.get_by_role("button", name="Unggah PDF").click()
    expect(pinrang.locator("#upload-status")).to_have_text("Lampiran diunggah.")
    expect(pinrang.locator("#upload-progress")).to_be_visible()
    assert pinrang.evaluate("document.getElementById('upload-progress').value") == 100
    assert pinrang.evaluate("window.progressSeen.length") >= 1
    expect(pinrang.locator("#attachment-list")).to_contain_text("proposal-puskesmas.pdf")
    shot(pinrang, "6-uploaded")

    # a section over its limit: counted live, refused on submit at that section
    pinrang.fill("#f-sections-ringkasan", words(250))
    expect(pinrang.locator("#f-sections-ringkasan-count")).to_contain_text("Melebihi batas 50 kata")
    pinrang.get_by_role("button", name="Ajukan entri").click()
    expect(pinrang.locator("#f-sections-ringkasan-error")).to_have_text(
        "Bagian ini berisi 250 kata; batasnya 200 kata. Kurangi 50 kata.")
    expect(pinrang.locator("#error-summary")).to_contain_text("Kurangi 50 kata")
    expect(pinrang.locator("#f-sections-ringkasan")).to_have_value(words(250))  # nothing typed is lost
    shot(pinrang, "7-submit-refused")
    pinrang.fill("#f-sections-ringkasan", words(150))
    pinrang.get_by_role("button", name="Ajukan entri").click()
    expect(pinrang.locator(".flash.ok")).to_contain_text("Entri diajukan")
    expect(pinrang.locator("#entry-status")).to_have_text("Diajukan")
    expect(pinrang.locator("#receipt")).to_contain_text("WIB")
    shot(pinrang, "8-submitted")
    receipt = wait_for_mail(stack.mail_dir, contact, timeout=60)[0]
    assert title in receipt.get_body(("plain",)).get_content()

    # the province sees the entry its kabupaten submitted, and withdraws another with a reason
    other = requests.post(f"{intake}/api/v1/competitions/{cid}/entries", headers=auth("region", "73"), timeout=10,
                          json=factories.agency_entry("73.15", "kabupaten", title="Sekolah Lapang Digital"))
    assert other.status_code == 201, other.text
    assert requests.post(f"{intake}/api/v1/entries/{other.json()['id']}/submit", headers=auth("region", "73"),
                         timeout=10).status_code == 200
    sulsel = browser.new_context(viewport=WIDE).new_page()
    blocked_sulsel = csp.watch(sulsel)
    browser_sign_in(sulsel, intake + "/portal/", people["sulsel"], stack.mail_dir)
    row = sulsel.locator("table.entries tr").filter(has_text=title)
    expect(row).to_contain_text("Diajukan")
    expect(row).to_contain_text("Kabupaten Pinrang (73.15)")
    shot(sulsel, "9-province-home")
    sulsel.goto(intake + "/portal/?lang=en")
    expect(sulsel.locator("h2").first).to_have_text("Competitions open now")
    shot(sulsel, "9-province-home-english")
    sulsel.goto(f"{intake}/portal/entri/{other.json()['id']}?lang=id")
    sulsel.get_by_role("button", name="Tarik entri").click()
    expect(sulsel.locator("#f-reason-error")).to_contain_text("Tuliskan alasan")
    sulsel.fill("#f-reason", "Digabung dengan inovasi dinas pendidikan")
    sulsel.get_by_role("button", name="Tarik entri").click()
    expect(sulsel.locator(".flash.ok")).to_have_text("Entri ditarik.")
    expect(sulsel.locator("#entry-status")).to_have_text("Ditarik")
    shot(sulsel, "10-withdrawn")

    # review screens and publishes the shortlist; the entry page shows every outcome with its reason
    publish_shortlist(platform["review"].url, auth, cid, entry_id)
    pinrang.goto(f"{intake}/portal/entri/{entry_id}")

    def shortlisted() -> bool:
        pinrang.reload()
        return "Lolos tahap Evaluasi" in pinrang.locator("main").inner_text()
    eventually(shortlisted, timeout=30, interval=1, what="the shortlist on the entry page")
    expect(pinrang.locator(".outcomes")).to_contain_text("Lolos seleksi administrasi")
    expect(pinrang.locator(".outcomes")).to_contain_text("Lolos tahap Evaluasi ke tahap Wawancara (peringkat 1")
    expect(pinrang.locator(".outcomes")).to_contain_text("Dokumen lengkap")
    expect(pinrang.get_by_role("button", name="Tarik entri")).to_have_count(0)  # screened: no withdrawal
    shot(pinrang, "11-outcomes")

    # another province objects during the window, through review's page
    jakarta = browser.new_context(viewport=WIDE).new_page()
    blocked_jakarta = csp.watch(jakarta)
    browser_sign_in(jakarta, intake + "/portal/", people["jakarta"], stack.mail_dir)
    jakarta.get_by_role("link", name="Lihat daftar pendek").first.click()
    expect(jakarta.locator("table.shortlist")).to_contain_text(title)
    shot(jakarta, "12-shortlist")
    second_tab = jakarta.context.new_page()
    blocked_tab = csp.watch(second_tab)
    jakarta.locator("table.shortlist tr").filter(has_text=title).get_by_role("link", name="Ajukan keberatan").click()
    expect(jakarta.locator("h1")).to_have_text("Ajukan keberatan")
    second_tab.goto(jakarta.url)
    shot(jakarta, "13-objection-form")
    jakarta.fill("#reason", "Kapal belum beroperasi sejak 2023 menurut laporan dinas.")
    jakarta.get_by_role("button", name="Kirim keberatan").click()
    expect(jakarta.locator(".flash.ok")).to_contain_text("Keberatan Anda tercatat")
    expect(jakarta.locator("#objection")).to_contain_text("Sedang diperiksa")
    shot(jakarta, "14-objection-filed")
    second_tab.fill("#reason", "Keberatan kedua dari tab lain.")
    second_tab.get_by_role("button", name="Kirim keberatan").click()
    expect(second_tab.locator("#refusal")).to_have_text(
        "Wilayah Anda sudah mengajukan keberatan atas entri ini pada tahap ini.")
    shot(second_tab, "15-objection-refused")
    filed = requests.get(f"{platform['review'].url}/api/v1/competitions/{cid}/stages/evaluasi/objections",
                         headers=auth("admin"), timeout=10).json()["items"]
    assert [(o["entry_id"], o["region"]) for o in filed] == [(entry_id, "31")]
    assert blocked + blocked_sulsel + blocked_jakarta + blocked_tab == [], "the portal needs nothing its CSP forbids"


def publish_shortlist(review: str, auth, cid: str, entry_id: str) -> None:
    """The secretariat's work in review, through its API: screen, assign one judge, score, close, publish."""
    admin = auth("admin", sub="sekretariat-kipp")

    def call(method: str, path: str, expect_status: int = 200, **kwargs) -> dict:
        reply = requests.request(method, f"{review}/api/v1{path}", headers=kwargs.pop("headers", admin), timeout=60,
                                 **kwargs)
        assert reply.status_code == expect_status, f"{method} {path}: {reply.status_code} {reply.text}"
        return reply.json()
    eventually(lambda: entry_id in requests.get(f"{review}/api/v1/competitions/{cid}/entries", headers=admin,
                                                timeout=10).text, timeout=60, what="the entry in review")
    call("POST", f"/competitions/{cid}/stages/administrasi/screenings",
         json={"decisions": [{"entry_id": entry_id, "decision": "eligible", "reason": "Dokumen lengkap"}]})
    judge = {"id": factories.uid("juri-"), "name": "Prof. Dr. Siti Rahmawati", "email": f"{factories.uid()}@ugm.ac.id",
             "home_region": "34", "expertise": ["kesehatan"], "competitions": [cid]}
    call("POST", "/judges", 201, json=judge)
    call("PUT", f"/competitions/{cid}/stages/evaluasi/panel/{judge['id']}", 201)  # the stage's panel
    call("POST", f"/competitions/{cid}/stages/evaluasi/assignments", 201, json={"judges_per_entry": 1})
    for assignment in call("GET", f"/assignments?competition_id={cid}&stage=evaluasi")["items"]:
        call("PUT", f"/assignments/{assignment['id']}/score", json={"scores": {k: 85 for k in CRITERIA}},
             headers=auth("judge", sub=assignment["judge_id"]))
    call("POST", f"/competitions/{cid}/stages/evaluasi/close", json={"reason": "Batas waktu penilaian"})
    call("POST", f"/competitions/{cid}/stages/evaluasi/shortlist")
    call("POST", f"/competitions/{cid}/stages/evaluasi/shortlist/publish")
