import time

import jwt
import pytest

from shared.auth import tokens
from shared.regions import region_covers


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    path = tmp_path_factory.mktemp("k")
    tokens.generate_keys(str(path / "priv.pem"), str(path / "pub.pem"))
    return (path / "priv.pem").read_bytes(), (path / "pub.pem").read_bytes()


def test_issue_and_verify(pair):
    principal = tokens.verify(tokens.issue(pair[0], "region", "r-73", "73"), pair[1])
    assert principal == tokens.Principal(sub="r-73", role="region", region="73")


def test_region_token_needs_a_region_code(pair):
    with pytest.raises(ValueError, match="region"):
        tokens.issue(pair[0], "region", "r", None)


def test_expired_token_is_refused(pair):
    token = tokens.issue(pair[0], "admin", "a", ttl_seconds=-10)
    with pytest.raises(tokens.InvalidToken, match="expired"):
        tokens.verify(token, pair[1])


def test_wrong_audience_is_refused(pair):
    claims = {"iss": "kipp", "aud": "other", "sub": "a", "role": "admin", "exp": int(time.time()) + 60}
    with pytest.raises(tokens.InvalidToken, match="audience"):
        tokens.verify(jwt.encode(claims, pair[0], algorithm="EdDSA"), pair[1])


def test_other_key_is_refused(pair, tmp_path):
    tokens.generate_keys(str(tmp_path / "p"), str(tmp_path / "q"))
    with pytest.raises(tokens.InvalidToken):
        tokens.verify(tokens.issue((tmp_path / "p").read_bytes(), "admin", "a"), pair[1])


def test_unknown_role_is_refused(pair):
    claims = {"iss": "kipp", "aud": "kipp", "sub": "a", "role": "root", "exp": int(time.time()) + 60}
    with pytest.raises(tokens.InvalidToken, match="role"):
        tokens.verify(jwt.encode(claims, pair[0], algorithm="EdDSA"), pair[1])


@pytest.mark.parametrize("caller, code, expected", [
    ("73", "73", True), ("73", "73.15", True), ("73.15", "73.15", True), ("73.15", "73", False),
    ("73", "74.01", False), ("7", "73.15", False), ("73.1", "73.15", False), (None, "73", False),
])
def test_region_covers(caller, code, expected):
    assert region_covers(caller, code) is expected
