"""An attachment download is a file to save, never a page to render: attachment disposition, nosniff,
and the platform's security headers."""
from __future__ import annotations

import io

from tests import factories
from tests.integration.intake.helpers import create


def test_an_attachment_downloads_as_a_file_the_browser_may_not_sniff(client, auth, open_competition):
    region = auth("region", "73.71")
    entry = create(client, open_competition["id"], region)
    uploaded = client.post(f"/api/v1/entries/{entry['id']}/attachments", headers=region, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(factories.pdf_bytes(4096)), "proposal.pdf", "application/pdf")})
    assert uploaded.status_code == 201, uploaded.get_json()
    download = client.get(f"/api/v1/entries/{entry['id']}/attachments/{uploaded.get_json()['id']}",
                          headers=auth("ministry"))
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in download.headers["Content-Security-Policy"]
