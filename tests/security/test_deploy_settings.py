"""Production settings: `check --deploy` clean, security headers on every response, a strict
Content-Security-Policy on the readers' site, and no debug pages."""

import json
import os
import subprocess
import sys

import pytest

PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/admin/", secure=True, HTTP_HOST="news.example.org")
plain = Client().get("/admin/", HTTP_HOST="news.example.org")
print(json.dumps({
    "debug": settings.DEBUG,
    "headers": dict(response.headers),
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location", ""),
}))
"""


def production_env(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("NEWSDESK_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        NEWSDESK_DATA_DIR=str(tmp_path),
        SECRET_KEY="x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
        ALLOWED_HOSTS="news.example.org",
        DJANGO_SETTINGS_MODULE="newsdesk.settings",
    )
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env=production_env(tmp_path_factory.mktemp("prod")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_has_hsts_secure_cookies_and_no_debug(production):
    headers = production["headers"]
    assert production["debug"] is False
    assert production["cookies_secure"] == [True, True]
    # includeSubDomains and preload are hard to undo: off until the operator sets them.
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    # Plain HTTP is redirected to HTTPS.
    assert production["plain_status"] == 301
    assert production["plain_location"].startswith("https://news.example.org/")


def test_operators_opt_into_hsts_subdomains_and_preload(tmp_path):
    env = production_env(tmp_path)
    env.update(NEWSDESK_HSTS_INCLUDE_SUBDOMAINS="1", NEWSDESK_HSTS_PRELOAD="1")
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    headers = json.loads(result.stdout.strip().splitlines()[-1])["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_production_sends_hardening_headers(production):
    headers = production["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def _directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/blog/", "/does-not-exist/"])
def test_public_pages_have_a_csp_without_inline_scripts(client, newsroom, path):
    newsroom.story("A story")
    response = client.get(path)
    policy = _directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    for sources in policy.values():
        assert "'unsafe-inline'" not in sources or sources is policy.get("style-src")
    assert "'unsafe-inline'" not in policy["style-src"]
    assert "'unsafe-eval'" not in sum(policy.values(), [])
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_story_page_has_csp_and_public_templates_have_no_inline_script(client, newsroom):
    story = newsroom.story("Headline")
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.content.decode()
    # Any <script> on a public page must load a file (allowed by 'self'), never be inline.
    # JSON-LD and JSON data blocks are data, not script, and CSP does not apply to them.
    for chunk in html.split("<script")[1:]:
        opening = chunk.split(">", 1)[0]
        assert "src=" in opening or 'type="application/ld+json"' in opening, chunk[:200]


@pytest.mark.django_db
def test_missing_page_is_the_site_404_not_a_debug_page(client, settings):
    assert settings.DEBUG is False
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "URLconf" not in body and "Traceback" not in body
    assert "<html" in body


def test_password_validators_are_on(settings):
    names = [v["NAME"].rsplit(".", 1)[-1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(names)
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password")
    with pytest.raises(ValidationError):
        validate_password("12345678")
