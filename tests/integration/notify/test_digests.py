"""Daily digests: contacts who chose them get one e-mail summarising their entries' changes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests import factories
from tests.integration.notify import support
from tests.support.stack import ROOT

pytestmark = pytest.mark.integration


def daily_reader(api, region: str, language: str) -> str:
    reader = f"{factories.uid('harian-')}@{region.replace('.', '-')}.go.id"
    assert api("PUT", f"/api/v1/regions/{region}/contacts",
               json={"addresses": [reader], "language": language, "digest": "daily"}).status_code == 200
    return reader


def test_a_daily_contact_gets_one_digest_instead_of_each_mail(notify, api, publisher, sink):
    region = "76.01"  # Kabupaten Majene (Sulawesi Barat)
    reader = daily_reader(api, region, "id")
    entries = [support.submitted(region, cluster="kabupaten") for _ in range(2)]
    publisher.publish_all(entries)
    publisher.publish_all([support.screened(entries[0]), support.eliminated(entries[1])])
    sink.wait_for(entries[1]["data"]["contact"]["email"], 2)  # the contact persons still hear at once
    support.wait_settled(notify)
    assert sink.messages(reader) == []
    closed = api("POST", "/api/v1/digests/2100-01-01/close")
    assert closed.status_code == 200 and closed.json()["queued"] >= 1
    digest = sink.wait_for(reader)[0]
    text, html = support.parts(digest)
    assert digest["Subject"].startswith("Ringkasan harian KIPP") and "4 perubahan" in digest["Subject"]
    for entry in entries:
        assert entry["data"]["title"] in text and entry["data"]["title"] in html
    assert "Lolos Seleksi Administrasi" in text and "Tidak lolos tahap Evaluasi" in text
    assert api("POST", "/api/v1/digests/2100-01-01/close").json()["queued"] == 0  # nothing new: nothing sent
    support.wait_settled(notify)
    assert len(sink.messages(reader)) == 1
    assert api("POST", "/api/v1/digests/kemarin/close").status_code == 422


def test_the_digest_command_closes_a_day_from_the_shell(notify, api, publisher, sink):
    region = "76.02"  # Kabupaten Mamuju
    reader = daily_reader(api, region, "en")
    entry = support.submitted(region, cluster="kabupaten")
    publisher.publish_all([entry, support.awarded(entry, "outstanding")])
    support.wait_settled(notify)
    done = subprocess.run([sys.executable, "-m", "services.notify.entrypoints.cli", "digest", "--date", "2100-01-01"],
                          cwd=ROOT, env=notify.env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "queued" in done.stdout, done.stderr
    digest = sink.wait_for(reader)[0]
    assert digest["Subject"].startswith("KIPP daily summary") and "2 changes" in digest["Subject"]
    assert "Won Outstanding Achievement of Public Service Innovation" in support.parts(digest)[0]
