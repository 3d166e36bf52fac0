"""The desk's story list through HTTP: navigation, search, filters, paging, bulk actions."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from newsdesk.content.models import Status, Story
from newsdesk.desk.story_list_query import PAGE_SIZE


def headlines(html: str) -> list[str]:
    rows = html.split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'/desk/stories/\d+/">([^<]+)</a>', rows)


def test_every_desk_page_has_the_desk_navigation(client, desk_editor):
    client.force_login(desk_editor)
    pages = ["/desk/", "/desk/wire/", "/desk/media/", "/desk/people/", "/desk/sections-and-tags/"]
    for url in pages:
        page = client.get(url).content.decode()
        nav = page.split('aria-label="Desk"')[1].split("</nav>")[0]
        for link in ('href="/desk/wire/"', 'href="/desk/"', 'href="/desk/media/"', 'href="/"'):
            assert link in nav, (url, link)
        assert "People" in nav and "Sections &amp; tags" in nav
        assert "edna" in page and 'action="/admin/logout/"' in page


def test_search_finds_headline_body_and_byline(client, newsroom, desk_editor):
    reporter = newsroom.person("Farnaz Karimi")
    newsroom.story("Harbour reopens", body="<p>Ships return.</p>")
    newsroom.story("Budget passes", body="<p>The harbour authority gets more money.</p>")
    newsroom.story("Election night", bylines=[reporter])
    newsroom.story("Unrelated story")
    client.force_login(desk_editor)
    found = headlines(client.get("/desk/", {"q": "harbour"}).content.decode())
    assert sorted(found) == ["Budget passes", "Harbour reopens"]
    assert headlines(client.get("/desk/", {"q": "Karimi"}).content.decode()) == ["Election night"]
    # typing ahead: the last word is a prefix
    assert headlines(client.get("/desk/", {"q": "harb"}).content.decode())


def test_filters_state_section_author_kind_and_trash(client, newsroom, desk_editor):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    reporter = newsroom.person("Mei Lin")
    newsroom.story("World draft", section=world, status=Status.DRAFT)
    newsroom.story("Sport published", section=sport, bylines=[reporter])
    newsroom.story("Photo story", section=sport, kind="photo")
    trashed = newsroom.story("Old mistake", section=world)
    Story.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())
    client.force_login(desk_editor)

    def listed(**params):
        return sorted(headlines(client.get("/desk/", params).content.decode()))

    assert listed(state="draft") == ["World draft"]
    assert listed(section=sport.pk) == ["Photo story", "Sport published"]
    assert listed(author=reporter.pk) == ["Sport published"]
    assert listed(kind="photo") == ["Photo story"]
    assert "Old mistake" not in listed()
    assert listed(state="trash") == ["Old mistake"]


def test_rows_show_bylines_section_state_and_thumbnail(client, newsroom, desk_editor):
    picture = newsroom.image()
    newsroom.story(
        "Pictured",
        section=newsroom.section("World"),
        bylines=[newsroom.person("Ana Ruiz"), newsroom.person("Li Wei")],
        featured_image=picture,
    )
    client.force_login(desk_editor)
    row = client.get("/desk/").content.decode().split(">Pictured</a>")[1].split("</tr>")[0]
    assert "Ana Ruiz, Li Wei" in row and "World" in row and "Published" in row
    assert f"/images/{picture.pk}/" in client.get("/desk/").content.decode()


def test_paging_walks_every_story_once_whatever_their_times(client, newsroom, desk_editor):
    now = timezone.now()
    for i in range(PAGE_SIZE + 7):
        story = newsroom.story(f"Story {i:03}", status=Status.DRAFT)
        # several stories share a time: the cursor must not skip or repeat them
        Story.objects.filter(pk=story.pk).update(updated_at=now - timedelta(minutes=i // 3))
    client.force_login(desk_editor)
    first = client.get("/desk/").content.decode()
    seen = headlines(first)
    assert len(seen) == PAGE_SIZE
    older = re.search(r'href="\?after=([^"]+)" rel="next"', first).group(1)
    second = client.get(f"/desk/?after={older}").content.decode()
    seen += headlines(second)
    assert sorted(seen) == [f"Story {i:03}" for i in range(PAGE_SIZE + 7)]
    assert 'rel="next"' not in second


def test_bulk_move_unpublish_and_trash_go_through_the_workflow(client, newsroom, desk_editor):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    one = newsroom.story("One", section=world)
    two = newsroom.story("Two", section=world)
    client.force_login(desk_editor)
    moved = client.post(
        reverse("desk:bulk"),
        {"action": "section", "section": sport.pk, "stories": [one.pk, two.pk]},
        follow=True,
    )
    assert "2 stories moved to Sport." in moved.content.decode()
    assert set(Story.objects.values_list("section", flat=True)) == {sport.pk}
    assert one.revisions.filter(note="Moved to Sport").exists()

    client.post(reverse("desk:bulk"), {"action": "unpublish", "stories": [one.pk]})
    one.refresh_from_db()
    assert one.status == Status.UNPUBLISHED and one.events.filter(to_status="unpublished")

    # Unpublishing an unpublished story is refused by the workflow, named, not hidden.
    again = client.post(
        reverse("desk:bulk"), {"action": "unpublish", "stories": [one.pk, two.pk]}, follow=True
    ).content.decode()
    assert "1 story unpublished." in again and "Not changed: “One”" in again

    client.post(reverse("desk:bulk"), {"action": "trash", "stories": [two.pk]})
    two.refresh_from_db()
    assert two.deleted_at is not None


def test_bulk_refusals_are_reported_per_story(client, newsroom, contributor):
    mine = newsroom.story("Mine", status=Status.DRAFT, created_by=contributor)
    client.force_login(contributor)
    page = client.post(
        reverse("desk:bulk"), {"action": "trash", "stories": [mine.pk]}, follow=True
    ).content.decode()
    assert "Not changed: “Mine”: You may not delete stories." in page
    mine.refresh_from_db()
    assert mine.deleted_at is None


def test_bulk_move_needs_a_section(client, newsroom, desk_editor):
    story = newsroom.story("One")
    client.force_login(desk_editor)
    page = client.post(
        reverse("desk:bulk"), {"action": "section", "stories": [story.pk]}, follow=True
    ).content.decode()
    assert "Choose the section to move the stories to." in page
