"""Settings read from the environment (DESIGN §8); nothing else in a service reads os.environ."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Settings:
    """Everything a service process needs to connect to the world."""

    service: str
    namespace: str = "kipp"
    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    mongo_uri: str = "mongodb://127.0.0.1:27017/"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    mail_from: str = "KIPP PANRB <noreply@kipp.local>"
    jwt_public_key_file: str = "var/keys/jwt-public.pem"
    jwt_private_key_file: str = "var/keys/jwt-private.pem"
    # the sign-in desk's key pair (KIPP_SIGNIN_PUBLIC_KEY_FILE, KIPP_SIGNIN_PRIVATE_KEY_FILE); empty: the
    # files signin-public.pem and signin-private.pem beside the token key
    signin_public_key: str = ""
    signin_private_key: str = ""
    port: int = 8000
    # where browsers reach each service (people's pages link and redirect across services)
    public_urls: dict = field(default_factory=lambda: dict(DEFAULT_PUBLIC_URLS))
    tls: bool = False  # KIPP_TLS=1: browsers reach the platform over HTTPS, so every cookie is marked Secure
    extra: dict = field(default_factory=dict)

    @property
    def signin_public_key_file(self) -> str:
        """The key that verifies the sign-in desk's assertions."""
        return self.signin_public_key or _beside(self.jwt_public_key_file, "signin-public.pem")

    @property
    def signin_private_key_file(self) -> str:
        """The key the desk (notify) signs assertions with."""
        return self.signin_private_key or _beside(self.jwt_public_key_file, "signin-private.pem")

    @property
    def database_name(self) -> str:
        return f"{self.namespace}_{self.service}"

    def topic(self, name: str) -> str:
        """Full topic name for a short name such as 'entries'."""
        return f"{self.namespace}.{name}"

    @property
    def consumer_group(self) -> str:
        return f"{self.namespace}.{self.service}"


DEFAULT_PUBLIC_URLS = {"intake": "http://127.0.0.1:8001", "review": "http://127.0.0.1:8002",
                       "notify": "http://127.0.0.1:8003", "reporting": "http://127.0.0.1:8004"}


def _beside(path: str, name: str) -> str:
    return os.path.join(os.path.dirname(path), name)


def _public_urls(env) -> dict:
    """KIPP_<SERVICE>_URL for each service (no trailing slash), else the local ports."""
    return {name: (env.get(f"KIPP_{name.upper()}_URL") or default).rstrip("/")
            for name, default in DEFAULT_PUBLIC_URLS.items()}


def _flag(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


def from_env(service: str, default_port: int = 8000, env: dict | None = None) -> Settings:
    """Build Settings for `service` from the environment (or a given mapping)."""
    env = os.environ if env is None else env
    mongo_key = f"{service.upper()}_MONGO_URI"
    return Settings(
        service=service,
        namespace=env.get("KIPP_NAMESPACE", "kipp"),
        kafka_bootstrap_servers=env.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        mongo_uri=env.get(mongo_key) or env.get("MONGO_URI", "mongodb://127.0.0.1:27017/"),
        smtp_host=env.get("SMTP_HOST", "127.0.0.1"),
        smtp_port=int(env.get("SMTP_PORT", "1025")),
        smtp_username=env.get("SMTP_USERNAME", ""),
        smtp_password=env.get("SMTP_PASSWORD", ""),
        smtp_starttls=_flag(env.get("SMTP_STARTTLS", "false")),
        mail_from=env.get("MAIL_FROM", "KIPP PANRB <noreply@kipp.local>"),
        jwt_public_key_file=env.get("KIPP_JWT_PUBLIC_KEY_FILE", "var/keys/jwt-public.pem"),
        jwt_private_key_file=env.get("KIPP_JWT_PRIVATE_KEY_FILE", "var/keys/jwt-private.pem"),
        signin_public_key=env.get("KIPP_SIGNIN_PUBLIC_KEY_FILE", ""),
        signin_private_key=env.get("KIPP_SIGNIN_PRIVATE_KEY_FILE", ""),
        port=int(env.get("PORT", str(default_port))),
        public_urls=_public_urls(env),
        tls=_flag(env.get("KIPP_TLS", "0")),
        extra={k: v for k, v in env.items() if k.startswith(f"{service.upper()}_")},
    )
