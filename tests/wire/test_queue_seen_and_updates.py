"""The wire queue's own reading list and its ways into stories, through Django's test
client: mark seen (each editor's own), items arriving while the queue is open, and an item
added to an existing story as an update."""

import pytest
from django.urls import reverse

from newsdesk.content.models import Source
from newsdesk.wire.models import DuplicateGroup, ItemKind, ItemStatus, SeenItem, WireItem
from newsdesk.wire.services.ingest import store_item
from tests.desk.conftest import make_user


@pytest.fixture
def desk_editor(db, django_user_model):
    return make_user(django_user_model, "edna", "Editor")


@pytest.fixture
def ap(db):
    return Source.objects.create(name="AP", url="https://ap.example/")


def item(source, n, headline=None):
    return store_item(
        kind=ItemKind.FEED,
        raw=f"raw {n}",
        source=source,
        guid=f"g{n}",
        headline=headline or f"Wire story {n}",
        body=f"<p>Body of wire story {n}.</p>",
    )


def group_of(html, headline):
    """The queue entry (its <article>) led by `headline`."""
    entries = [part.split("</article>")[0] for part in html.split("<article")[1:]]
    return next(entry for entry in entries if f">{headline}</a></h2>" in entry)


def test_marking_seen_is_each_editors_own(client, ap, editor, desk_editor):
    first, second = item(ap, 1), item(ap, 2)
    versions = [item(ap, 3, "Quake, as told by AP"), item(ap, 4, "Quake, told again")]
    WireItem.objects.filter(pk__in=[v.pk for v in versions]).update(
        group=DuplicateGroup.objects.create()
    )
    client.force_login(editor)
    queue = reverse("wire:queue")
    reply = client.post(reverse("wire:seen", args=[first.pk]), {"next": queue})
    assert reply.status_code == 302 and reply["Location"] == queue
    html = client.get(queue).content.decode()
    assert "seen" in group_of(html, "Wire story 1").split('class="', 1)[1].split('"')[0]
    assert "wire-group seen" not in group_of(html, "Wire story 2")
    assert "Mark not seen" in group_of(html, "Wire story 1")

    # a cluster is marked as a whole, by the script (JSON) or the key
    url = reverse("wire:seen", args=[versions[1].pk])
    assert client.post(url, HTTP_ACCEPT="application/json").json() == {"seen": True}
    assert SeenItem.objects.filter(user=editor).count() == 3
    unseen_only = client.get(queue, {"unseen": "on"}).content.decode()
    assert "Wire story 2" in unseen_only
    assert "Wire story 1" not in unseen_only and "Quake" not in unseen_only

    client.force_login(desk_editor)  # another editor's queue is untouched
    assert "wire-group seen" not in client.get(queue).content.decode()
    client.get(reverse("wire:item", args=[second.pk]))  # reading an item in full sees it
    assert SeenItem.objects.filter(user=desk_editor, item=second).exists()

    client.force_login(editor)
    url = reverse("wire:seen", args=[first.pk])
    assert client.post(url, {"unseen": "1"}, HTTP_ACCEPT="application/json").json() == {
        "seen": False
    }
    assert not SeenItem.objects.filter(user=editor, item=first).exists()
    assert WireItem.objects.get(pk=first.pk).status == ItemStatus.NEW  # the item is as it was


def test_the_open_queue_receives_only_what_arrived_since_it_looked(client, ap, editor):
    item(ap, 1)
    client.force_login(editor)
    queue = client.get(reverse("wire:queue")).content.decode()
    since = queue.split('data-since="')[1].split('"')[0]
    quiet = client.get(reverse("wire:queue"), {"since": since}).json()
    assert quiet == {"new": 0, "newest": int(since), "html": ""}

    fresh = item(ap, 2, "Ceasefire announced")
    arrived = client.get(reverse("wire:queue"), {"since": since, "back": "/desk/wire/"}).json()
    assert arrived["new"] == 1 and arrived["newest"] == fresh.pk
    assert "Ceasefire announced" in arrived["html"] and "Wire story 1" not in arrived["html"]
    assert f'data-item="{fresh.pk}"' in arrived["html"]
    assert 'name="next" value="/desk/wire/"' in arrived["html"]  # back to the queue, not JSON
    bad = client.get(reverse("wire:queue"), {"since": "yesterday"})
    assert bad.status_code == 400


def test_an_item_added_to_a_story_as_an_update_opens_it_beside_the_copy(
    client, ap, editor, newsroom
):
    story = newsroom.story("Earthquake in the north")
    update = item(ap, 7, "Quake: death toll rises")
    client.force_login(editor)
    found = client.get(reverse("desk:story-find"), {"q": str(story.pk)}).json()
    assert found["stories"][0]["headline"] == "Earthquake in the north"

    choice = f"{story.pk} · Earthquake in the north"  # as the suggestion fills the field
    url = reverse("wire:merge", args=[update.pk])
    reply = client.post(url, {"story": choice, "open_story": "1", "next": "/desk/wire/"})
    assert reply.status_code == 302
    assert reply["Location"] == reverse("desk:story-edit", args=[story.pk])
    update.refresh_from_db()
    assert update.status == ItemStatus.MERGED and update.story == story
    assert list(story.sources.values_list("name", flat=True)) == ["AP"]
    page = client.get(reply["Location"]).content.decode()
    copy = page.split('id="agency-heading"')[1].split("</section>")[0]
    assert "Quake: death toll rises" in copy and "Body of wire story 7." in copy
    assert "Added as an update; AP is credited." in page


def test_adding_to_a_story_that_is_not_there_says_so_and_returns_to_the_queue(client, ap, editor):
    update = item(ap, 8)
    client.force_login(editor)
    url = reverse("wire:merge", args=[update.pk])
    reply = client.post(
        url, {"story": "99999", "open_story": "1", "next": "/desk/wire/"}, follow=True
    )
    assert reply.redirect_chain[-1][0] == "/desk/wire/"
    assert "There is no story 99999." in reply.content.decode()
    words = client.post(url, {"story": "the quake one", "next": "/desk/wire/"}, follow=True)
    assert "Give the number of the story" in words.content.decode()
    assert WireItem.objects.get(pk=update.pk).status == ItemStatus.NEW
