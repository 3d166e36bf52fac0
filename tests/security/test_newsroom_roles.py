"""Only the newsroom works the wire desk, and a contributor changes published content only
through the workflow: roles from `createeditor --role`, checks in every door."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from newsdesk.content.models import Status, Story
from newsdesk.content.roles import ensure_roles
from newsdesk.wire.models import ItemKind, ItemStatus
from newsdesk.wire.services.ingest import store_item

PASSWORD = "a-long-test-password"


def make(django_user_model, name, role=None):
    call_command(
        "createeditor", name, password=PASSWORD, **({"role": role} if role else {"role": None})
    )
    return django_user_model.objects.get(username=name)


@pytest.fixture
def agency(newsroom):
    return newsroom.source("Agency")


def wire_item(source, n=1):
    return store_item(
        kind=ItemKind.FEED,
        raw=f"raw {n}",
        source=source,
        guid=f"g{n}",
        headline=f"Wire {n}",
        link=f"https://agency.example/{n}",
        body="<p>Copy.</p>",
    )


def test_createeditor_gives_a_role_the_desk_accepts(client, db, django_user_model):
    ensure_roles()
    for role, group in [("contributor", "Contributor"), ("editor", "Editor")]:
        user = make(django_user_model, f"new-{role}", role)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        client.force_login(user)
        assert client.get("/desk/").status_code == 200
    default = make(django_user_model, "plain")  # no --role: an editor, not a 403 account
    assert default.groups.filter(name="Editor").exists()


def test_staff_without_a_role_cannot_use_the_wire_desk(client, django_user_model, agency):
    clerk = django_user_model.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    item = wire_item(agency)
    client.force_login(clerk)
    for url in (
        "/desk/wire/",
        f"/desk/wire/{item.pk}/",
        "/desk/wire/import/url/",
        "/desk/wire/import/ninjs/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/desk/wire/{item.pk}/accept/").status_code == 403
    assert not Story.objects.exists()


def test_contributor_cannot_merge_wire_copy_into_a_published_story(
    client, django_user_model, agency, newsroom
):
    ensure_roles()
    contributor = make(django_user_model, "cora", "contributor")
    published = newsroom.story("Editor's story")  # published, not hers
    item = wire_item(agency)
    client.force_login(contributor)
    page = client.post(
        f"/desk/wire/{item.pk}/merge/", {"story": published.pk}, follow=True
    ).content.decode()
    assert "may not change that story" in page
    item.refresh_from_db()
    assert item.status == ItemStatus.NEW and not published.sources.exists()
    # Her own draft she may.
    own = Story.objects.create(headline="Hers", status=Status.DRAFT, created_by=contributor)
    client.post(f"/desk/wire/{item.pk}/merge/", {"story": own.pk})
    assert list(own.sources.all()) == [agency]


def test_contributor_cannot_edit_pictures_of_published_stories(client, django_user_model, newsroom):
    ensure_roles()
    contributor = make(django_user_model, "cora", "contributor")
    picture = newsroom.image(alt_text="Harbour at dawn")
    newsroom.story("Published with picture", featured_image=picture)
    client.force_login(contributor)
    fields = {"title": "x", "alt_text": "Vandalised", "caption": "c", "credit": "me"}
    assert client.post(f"/desk/media/{picture.pk}/", fields).status_code == 403
    picture.refresh_from_db()
    assert picture.alt_text == "Harbour at dawn"
    # The admin offers no way to replace an original either.
    page = client.get(f"/admin/content/image/{picture.pk}/change/")
    assert page.status_code in (302, 403) or 'type="file"' not in page.content.decode()


def test_editor_may_edit_any_picture(client, django_user_model, newsroom):
    ensure_roles()
    editor = make(django_user_model, "eddie", "editor")
    picture = newsroom.image(alt_text="Old")
    newsroom.story("Published with picture", featured_image=picture)
    client.force_login(editor)
    fields = {"title": "x", "alt_text": "Better alt", "caption": "c", "credit": "me"}
    assert client.post(f"/desk/media/{picture.pk}/", fields).status_code == 302
    picture.refresh_from_db()
    assert picture.alt_text == "Better alt"


def test_roles_exist(db):
    ensure_roles()
    assert set(Group.objects.values_list("name", flat=True)) >= {"Contributor", "Editor"}
