"""The console script as an operator uses it: configuration, demo, production server."""

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from newsdesk.config import cache_config, secret_key


def run_cli(*args, env, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = secret_key(tmp_path)
    assert len(first) >= 50
    assert secret_key(tmp_path) == first
    assert oct((tmp_path / "secret_key").stat().st_mode)[-3:] == "600"
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert secret_key(tmp_path) == "from-the-environment"


def test_cache_url_schemes(tmp_path):
    assert cache_config(None, tmp_path)["BACKEND"].endswith("LocMemCache")
    redis = cache_config("redis://127.0.0.1:6379/3", tmp_path)
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    }
    assert cache_config("file:///tmp/x", tmp_path)["LOCATION"] == "/tmp/x"
    with pytest.raises(ValueError, match="Unsupported CACHE_URL"):
        cache_config("memcached://x", tmp_path)


@pytest.mark.own_site
def test_check_deploy_is_clean_once_secret_key_and_hosts_are_set(clean_env):
    env = {
        **clean_env,
        "SECRET_KEY": "k" * 64 + "-a-long-random-production-key",
        "ALLOWED_HOSTS": "news.example.org",
    }
    result = run_cli("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.own_site
def test_debug_is_off_by_default(clean_env):
    result = run_cli(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)",
        env=clean_env,
    )
    assert result.stdout.split()[-2:] == ["False", "True"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.own_site
def test_demo_then_serve_with_gunicorn_and_whitenoise(clean_env):
    env = {**clean_env, "NEWSDESK_HTTPS": "0"}
    demo = run_cli("demo", "--no-serve", "--stories", "40", env=env)
    assert demo.returncode == 0, demo.stderr
    assert "Created 40 stories" in demo.stdout
    assert "password 'newsdesk-demo'" in demo.stdout
    again = run_cli("demo", "--no-serve", "--stories", "40", env=env)
    assert "already there" in again.stdout

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                home = httpx.get(base + "/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
        assert home.status_code == 200
        assert "Russia Ukraine War" in home.text
        css_path = home.text.split('rel="stylesheet" href="')[1].split('"')[0]
        assert css_path.startswith("/static/public/site.") and css_path.endswith(".css")  # hashed
        css = httpx.get(base + css_path, headers={"Accept-Encoding": "gzip"})
        assert css.status_code == 200
        assert "max-age=31536000" in css.headers["Cache-Control"]
        assert httpx.get(base + "/blog/page/4/").status_code == 200
        assert httpx.get(base + "/blog/page/400/").status_code == 404
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for(base: str) -> httpx.Response:
    for _ in range(150):
        try:
            return httpx.get(base + "/", timeout=2)
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered on {base}")


@pytest.mark.own_site
def test_migrate_then_serve_works_on_a_fresh_data_dir(clean_env):
    """The README's production path, without a separate collectstatic step."""
    env = {**clean_env, "NEWSDESK_HTTPS": "0"}
    migrate = run_cli("migrate", "--no-input", env=env)
    assert migrate.returncode == 0, migrate.stderr
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        home = wait_for(base)
        assert home.status_code == 200, home.text[:500]
        css_path = home.text.split('rel="stylesheet" href="')[1].split('"')[0]
        assert httpx.get(base + css_path).status_code == 200
        assert httpx.get(base + "/feeds/rss/").status_code == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=10)[0].decode()
    assert "Collecting static files" in output


def test_the_configured_cache_is_the_one_in_use(settings):
    """With CACHE_URL=redis://… (the PostgreSQL CI run) values really land in Redis."""
    from django.core.cache import cache

    url = os.environ.get("CACHE_URL", "")
    cache.set("newsdesk-probe", "here", 30)
    assert cache.get("newsdesk-probe") == "here"
    if url.startswith("redis://"):
        import redis

        client = redis.Redis.from_url(url)
        assert any(b"newsdesk-probe" in key for key in client.keys("*newsdesk-probe*"))
        assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    else:
        assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.own_site
@pytest.mark.parametrize(
    "command",
    [
        "import-wxr",
        "import-ninjs",
        "search-rebuild",
        "recount-pages",
        "purge-due",
        "pagecache-follow",
        "worker",
        "backup",
        "restore",
        "purgetrash",
        "createeditor",
        "serve",
        "aggregate-reads",
        "related-rebuild",
    ],
)
def test_every_documented_command_answers_help(clean_env, command):
    result = run_cli(command, "--help", env=clean_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "usage: newsdesk" in result.stdout
