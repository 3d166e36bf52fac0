"""An editor works the wire queue in a real browser: two agencies' versions of a story,
accept one, credit the other."""

import re

import pytest

from newsdesk.content.models import Source, Story
from newsdesk.wire.models import DuplicateGroup, ItemKind, ItemStatus, WireItem
from newsdesk.wire.services.ingest import store_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_accepts_one_version_and_credits_the_other(live_server, page, editor):
    afp, ap = Source.objects.create(name="AFP"), Source.objects.create(name="AP")
    first = store_item(
        kind=ItemKind.FEED,
        raw="1",
        source=afp,
        guid="a1",
        headline="Harbour reopens after storm",
        body="<p>The harbour reopened.</p>",
        link="https://afp.example/a1",
    )
    second = store_item(
        kind=ItemKind.FEED,
        raw="2",
        source=ap,
        guid="b1",
        headline="Storm: harbour open again",
        body="<p>The harbour is open.</p>",
    )
    group = DuplicateGroup.objects.create()
    WireItem.objects.filter(pk__in=[first.pk, second.pk]).update(group=group)

    page.goto(f"{live_server.url}/admin/login/?next=/desk/wire/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name=re.compile("Log in", re.I)).click()
    page.wait_for_url(re.compile(r"/desk/wire/$"))
    row = page.locator(".wire-group", has_text="Harbour reopens after storm")
    assert "2 versions" in row.inner_text()

    row.get_by_role("link", name="Harbour reopens after storm").click()
    page.get_by_role("button", name="Accept as draft").click()
    page.wait_for_url(re.compile(r"/desk/stories/\d+/$"))  # straight into the editor
    story = Story.objects.get()
    assert page.get_by_text(f"Draft story {story.pk} created").is_visible()
    page.get_by_role("button", name=f"Add as a source of story {story.pk}").click()
    assert page.get_by_text(f"Merged into story {story.pk}").is_visible()

    second.refresh_from_db()
    assert second.status == ItemStatus.MERGED
    assert set(story.sources.values_list("name", flat=True)) == {"AFP", "AP"}
    assert story.status == "draft" and story.source_url == "https://afp.example/a1"
