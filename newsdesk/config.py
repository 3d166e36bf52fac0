"""Reading configuration from the environment (12-factor), kept apart from settings.py
so that the rules for each variable can be tested and reused by the CLI."""

import os
import secrets
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def site_url(configured: str, allowed_hosts: list[str], https: bool) -> str:
    """The site's origin for absolute URLs: NEWSDESK_SITE_URL, or, when ALLOWED_HOSTS names
    exactly one public host, that host (the only name the site can be reached by anyway).
    Empty for local and multi-host setups, where `check --deploy` asks for it."""
    if configured:
        return configured.rstrip("/")
    named = [h for h in allowed_hosts if h and "*" not in h and not h.startswith(".")]
    if len(named) == 1 and named[0] not in LOCAL_HOSTS:
        return f"{'https' if https else 'http'}://{named[0]}"
    return ""


def data_dir() -> Path:
    path = Path(os.environ.get("NEWSDESK_DATA_DIR", "data")).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def secret_key(directory: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data dir.

    Never a hard-coded key: a fresh install gets its own, and restarts keep sessions valid.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(64)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def cache_config(url: str | None, directory: Path) -> dict:
    """Map CACHE_URL / REDIS_URL to a Django CACHES entry.

    redis://… and rediss://… → Django's RedisCache; file:///path → FileBasedCache;
    dummy:// → no cache; unset or locmem:// → local memory.
    """
    if not url or url.startswith("locmem"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsdesk"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if url.startswith("file://"):
        location = url.removeprefix("file://") or str(directory / "cache")
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": location,
        }
    if url.startswith("dummy"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"Unsupported CACHE_URL scheme: {url!r} (use redis://, file://, locmem://)")
