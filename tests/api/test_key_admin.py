import re

from newsdesk.api.models import ApiKey


def test_admin_creates_key_shows_it_once_and_revokes_it(admin_client, client, django_user_model):
    owner = django_user_model.objects.create_user("bot", "bot@example.org", "pw-long-enough-1")
    response = admin_client.post(
        "/admin/api/apikey/add/",
        {"name": "mobile app", "user": owner.pk, "scope": "read"},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    match = re.search(r"The new key is (nd_[0-9a-f]{12}_[A-Za-z0-9_-]+)", page)
    assert match, "the raw key is shown once after creation"
    raw = match.group(1)
    key = ApiKey.objects.get()
    assert key.user == owner and key.scope == "read" and raw not in key.key_hash

    assert client.get("/api/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    changelist = admin_client.get("/admin/api/apikey/").content.decode()
    assert "mobile app" in changelist and raw not in changelist
    key.refresh_from_db()
    assert key.last_used_at is not None

    response = admin_client.post(
        "/admin/api/apikey/", {"action": "revoke_keys", "_selected_action": [key.pk]}, follow=True
    )
    assert response.status_code == 200
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert client.get("/api/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
