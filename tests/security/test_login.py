"""Failed logins are throttled per address and per account from an address (so nobody can
lock an editor out by guessing at their name); counters are shared by every process;
sessions rotate on login."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

LOGIN_URL = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("ana", "ana@example.org", PASSWORD, is_staff=True)


def attempt(client, username, password, address="203.0.113.5"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def is_logged_in(client):
    return client.get("/admin/").status_code == 200


def test_correct_password_logs_in(client, staff):
    response = attempt(client, "ana", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_account_locked_after_five_failures_even_with_right_password(client, staff):
    for _ in range(5):
        response = attempt(client, "ana", "wrong-password")
        assert response.status_code == 200
        assert "correct username and password" in response.content.decode()
    response = attempt(client, "ana", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_logged_in(client)


def test_an_attacker_cannot_lock_the_owner_out(client, staff):
    for _ in range(30):
        attempt(client, "ana", "wrong-password", address="198.51.100.66")
    # The attacker's address is stopped, for this account and any other…
    response = attempt(client, "ANA", PASSWORD, address="198.51.100.66")
    assert "Too many failed login attempts" in response.content.decode()
    # …while the owner, from their own address, logs in.
    assert attempt(client, "ana", PASSWORD, address="192.0.2.77").status_code == 302


def test_other_accounts_are_not_locked_by_one_accounts_failures(client, staff, django_user_model):
    django_user_model.objects.create_user("ben", password=PASSWORD, is_staff=True)
    for _ in range(5):
        attempt(client, "ana", "wrong-password")
    response = attempt(client, "ben", PASSWORD, address="192.0.2.1")
    assert response.status_code == 302


def test_address_locked_after_twenty_failures_across_accounts(client, staff, django_user_model):
    django_user_model.objects.create_user("ben", password=PASSWORD, is_staff=True)
    for n in range(20):
        attempt(client, f"guess{n}", "wrong-password", address="203.0.113.9")
    response = attempt(client, "ben", PASSWORD, address="203.0.113.9")
    assert "Too many failed login attempts" in response.content.decode()
    assert not is_logged_in(client)
    # The same account from another address is fine: the address was the problem.
    assert attempt(client, "ben", PASSWORD, address="203.0.113.10").status_code == 302


def test_success_resets_the_account_counter(client, staff):
    for _ in range(4):
        attempt(client, "ana", "wrong-password")
    assert attempt(client, "ana", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "ana", "wrong-password")
    assert attempt(client, "ana", PASSWORD).status_code == 302


def test_lock_expires_with_the_window(client, staff, settings):
    for _ in range(5):
        attempt(client, "ana", "wrong-password")
    assert "Too many" in attempt(client, "ana", PASSWORD).content.decode()
    later = timezone.now() + timedelta(seconds=settings.NEWSDESK_LOGIN_LOCKOUT_SECONDS + 1)
    with time_machine.travel(later):
        cache.clear()  # on Redis the key's TTL ends the window; in the database, its time
        assert attempt(client, "ana", PASSWORD).status_code == 302


COUNT_IN_A_PROCESS = """
import django, sys
django.setup()
from newsdesk.accounts import counters
for _ in range(int(sys.argv[1])):
    counters.hit("shared-window", 600)
"""


@pytest.mark.own_site
@pytest.mark.django_db(transaction=True)
def test_counters_hold_across_processes_on_the_default_install(tmp_path):
    """Real processes on one database file, with the default (per-process) cache."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_", "CACHE"))},
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_HTTPS": "0",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    migrate = [sys.executable, "-m", "newsdesk.cli", "migrate", "-v0", "accounts"]
    subprocess.run(migrate, env=env, check=True, timeout=120)

    def run(_):
        command = [sys.executable, "-c", COUNT_IN_A_PROCESS, "25"]
        return subprocess.run(command, env=env, capture_output=True, timeout=120)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(run, range(4)))
    assert all(r.returncode == 0 for r in results), [r.stderr[-500:] for r in results]
    peek = [
        sys.executable,
        "-c",
        COUNT_IN_A_PROCESS.split("for _")[0] + ("print(counters.peek('shared-window'))"),
    ]
    total = subprocess.run(peek, env=env, capture_output=True, text=True, timeout=120)
    assert total.stdout.strip() == "100", total.stderr[-500:]


def test_api_write_rate_is_read_from_the_environment(tmp_path):
    env = {
        **os.environ,
        "NEWSDESK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "newsdesk.settings",
        "NEWSDESK_API_WRITE_RATE": "7/m",
    }
    probe = "import django; django.setup(); from newsdesk.api.write_routes import write_rate; "
    result = subprocess.run(
        [sys.executable, "-c", probe + "print(write_rate())"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "7/m", result.stderr[-500:]


def test_session_key_rotates_on_login(client, staff):
    client.get(LOGIN_URL)
    session = client.session
    session["before-login"] = "x"
    session.save()
    before = session.session_key
    assert attempt(client, "ana", PASSWORD).status_code == 302
    assert client.session.session_key != before
    assert client.session.get("before-login") == "x"
