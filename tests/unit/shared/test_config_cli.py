import pytest

from shared import cli, config
from shared.auth import tokens


def test_settings_from_environment_with_service_override():
    env = {"KIPP_NAMESPACE": "ujian", "MONGO_URI": "mongodb://a/", "REVIEW_MONGO_URI": "mongodb://b/",
           "SMTP_STARTTLS": "true", "PORT": "9000"}
    settings = config.from_env("review", 8002, env)
    assert settings.mongo_uri == "mongodb://b/" and settings.database_name == "ujian_review"
    assert settings.topic("entries") == "ujian.entries" and settings.smtp_starttls and settings.port == 9000
    assert config.from_env("intake", 8001, env).mongo_uri == "mongodb://a/"


@pytest.mark.parametrize("value, tls", [("1", True), ("true", True), ("0", False), ("", False), (None, False)])
def test_kipp_tls_says_whether_browsers_come_over_https(value, tls):
    env = {} if value is None else {"KIPP_TLS": value}
    assert config.from_env("reporting", 8004, env).tls is tls


@pytest.mark.parametrize("text, seconds", [("90", 90), ("15m", 900), ("12h", 43200), ("30d", 2592000)])
def test_ttl(text, seconds):
    assert cli.parse_ttl(text) == seconds


def test_keys_init_and_token_issue_print_the_token_last(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIPP_JWT_PRIVATE_KEY_FILE", str(tmp_path / "priv.pem"))
    monkeypatch.setenv("KIPP_JWT_PUBLIC_KEY_FILE", str(tmp_path / "pub.pem"))
    assert cli.main(["keys", "init"]) == 0
    assert cli.main(["token", "issue", "--role", "region", "--region", "73.15", "--ttl", "1h"]) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    principal = tokens.verify(token, (tmp_path / "pub.pem").read_bytes())
    assert principal.role == "region" and principal.region == "73.15"


def test_token_issue_without_keys_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KIPP_JWT_PRIVATE_KEY_FILE", str(tmp_path / "none.pem"))
    assert cli.main(["token", "issue", "--role", "admin"]) == 2
    assert "kipp keys init" in capsys.readouterr().err
