"""Every kind of public page is valid HTML by the W3C Nu checker (vnu, offline on Java)."""

import pytest
from django.core.management import call_command

from newsdesk.claims import ledger
from newsdesk.live.models import BreakingAlert, LiveEntry
from tests.claims.conftest import FIGURES
from tests.htmlcheck import html_problems

pytestmark = pytest.mark.django_db


def test_public_pages_are_valid_html(client, newsroom, tmp_path):
    section = newsroom.section("Middle East")
    person = newsroom.person("Reza Karimi")
    tag = newsroom.tag("Diplomacy")
    image = newsroom.image()
    stories = newsroom.archive(14, section=section)
    story = newsroom.story(
        'Talks & "tension" <in> Vienna',
        section=section,
        standfirst="A standfirst with an ampersand & quotes.",
        body="<h2>Context</h2><p>Text <b>bold</b> <a href='https://example.org'>link</a></p>"
        "<blockquote><p>A quote</p></blockquote><ul><li>one</li></ul>",
        featured_image=image,
        bylines=[person],
        tags=[tag],
        sources=[newsroom.source("IRNA", url="https://irna.example.org")],
    )
    fa = newsroom.story("خبر فارسی", language="fa", section=section)
    live = newsroom.story("Storm live", kind="live", section=section)
    for n in range(25):  # more than the page shows: an "older entries" link
        LiveEntry.objects.create(story=live, body=f"<p>Update {n}</p>", key_event=n == 3)
    LiveEntry.objects.create(story=live, title="Shelters", body="<p>Open</p>", pinned=True)
    BreakingAlert.objects.create(
        headline="Quake & aftershocks", link="https://example.org/?a=1&b=2"
    )
    older = LiveEntry.objects.filter(story=live, pinned=False).order_by("pk")[4].pk
    ledger.refresh(figures := newsroom.story("Figures", section=section, body=FIGURES))
    pages = {
        "home": "/",
        "archive": "/blog/",
        "archive-2": "/blog/page/2/",
        "story": story.get_absolute_url(),
        "story-fa": fa.get_absolute_url(),
        "story-plain": stories[3].get_absolute_url(),
        "story-live": live.get_absolute_url(),
        "live-older": f"/live/{live.pk}/older/{older}/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": person.get_absolute_url(),
        "not-found": "/no/such/page/",
        "search": "/search/?q=Vienna+OR+archive&section=middle-east",
        "search-empty": "/search/",
        "search-none": "/search/?q=zzzzqqq&date_from=not-a-date",
        "most-read": "/most-read/",
        "story-figures": figures.get_absolute_url(),
        "claims": "/claims/",
        "claims-found": "/claims/find/speaker/health-ministry/",
    }
    call_command("related_rebuild", verbosity=0)  # the story pages show related stories
    rendered = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), url
        rendered[name] = response.content
    assert rendered["search"].count(b'class="search-result') >= 2  # results, with dates
    assert b"Enter a valid date" in rendered["search-none"]
    assert b"Older entries" in rendered["story-live"] and b"Quake &amp;" in rendered["home"]
    assert b'class="related"' in rendered["story-plain"]
    assert b"Figures in this story" in rendered["story-figures"]
    assert html_problems(rendered, tmp_path) == []
