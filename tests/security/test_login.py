"""Failed logins are throttled per account and per address; sessions rotate on login."""

import pytest
from django.contrib.auth import get_user_model

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


def test_account_lock_applies_from_any_address(client, staff):
    for n in range(5):
        attempt(client, "ana", "wrong-password", address=f"198.51.100.{n}")
    response = attempt(client, "ANA", PASSWORD, address="192.0.2.77")
    assert "Too many failed login attempts" in response.content.decode()


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
    from django.core.cache import cache

    for _ in range(5):
        attempt(client, "ana", "wrong-password")
    assert "Too many" in attempt(client, "ana", PASSWORD).content.decode()
    cache.clear()  # what the window's expiry does
    assert attempt(client, "ana", PASSWORD).status_code == 302


def test_session_key_rotates_on_login(client, staff):
    client.get(LOGIN_URL)
    session = client.session
    session["before-login"] = "x"
    session.save()
    before = session.session_key
    assert attempt(client, "ana", PASSWORD).status_code == 302
    assert client.session.session_key != before
    assert client.session.get("before-login") == "x"
