"""The base app answers a path holding U+0000 with 404 before any route reads the store."""
from __future__ import annotations

from shared.web.app import create_base_app


def app_with_one_route(reads: list):
    app = create_base_app("test", "test", b"", lambda: {"ok": True})

    @app.get("/api/v1/entries/<entry_id>")
    def read(entry_id):
        reads.append(entry_id)
        return {"id": entry_id}
    return app


def test_a_nul_in_the_path_is_not_found_and_reaches_no_route():
    reads: list = []
    response = app_with_one_route(reads).test_client().get("/api/v1/entries/ab%00cd", headers={"X-Request-ID": "r-1"})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.headers["X-Request-ID"] == "r-1"
    assert reads == []


def test_other_paths_reach_their_route():
    reads: list = []
    assert app_with_one_route(reads).test_client().get("/api/v1/entries/abcd").get_json() == {"id": "abcd"}
    assert reads == ["abcd"]
