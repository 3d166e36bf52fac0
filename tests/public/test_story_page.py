"""A story page: what a reader sees, and who may see it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.models import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(newsroom):
    section = newsroom.section("Middle East")
    image = newsroom.image(
        alt_text="Delegates at the table", caption="Talks in Vienna", credit="Photo: ISNA"
    )
    return newsroom.story(
        "Talks resume in Vienna",
        section=section,
        standfirst="Negotiators met again on Monday.",
        body='<p>"We are ready," a diplomat told ISNA.</p><script>alert(1)</script>',
        featured_image=image,
        bylines=[newsroom.person("Amira Haddad"), newsroom.person("Reza Karimi")],
        sources=[newsroom.source("ISNA", url="https://isna.example.org")],
        tags=[newsroom.tag("Diplomacy")],
    )


def test_reader_sees_headline_byline_caption_body_and_attribution(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Talks resume in Vienna</h1>" in html
    assert '<p class="kicker"><a href="/section/middle-east/">Middle East</a></p>' in html
    assert re.search(r"By <a[^>]*>Amira Haddad</a> and <a[^>]*>Reza Karimi</a>", html)
    assert '<span class="caption">Talks in Vienna</span>' in html
    assert '<span class="credit">Photo: ISNA</span>' in html
    assert 'alt="Delegates at the table"' in html
    assert "a diplomat told ISNA" in html
    assert re.search(r'Source: <a href="https://isna.example.org"[^>]*>ISNA</a>', html)
    assert 'href="/tag/diplomacy/" rel="tag">Diplomacy</a>' in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">', html)
    assert "<script>alert(1)</script>" not in html


def test_updated_time_is_shown_only_after_a_real_update(client, story):
    assert "Updated" not in client.get(story.get_absolute_url()).content.decode()
    story.updated_at = timezone.now() + timedelta(minutes=5)
    story.save()
    assert '<span class="updated">Updated' in client.get(story.get_absolute_url()).content.decode()


def test_more_from_the_section_lists_other_stories(client, newsroom, story):
    newsroom.story("Another Middle East story", section=story.section)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "More from Middle East" in html
    assert "Another Middle East story" in html


def test_wrong_slug_and_short_url_redirect_to_canonical(client, story):
    for url in (f"/story/{story.pk}/", f"/story/{story.pk}/old-slug/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == story.get_absolute_url()


def test_unknown_story_is_404(client, story):
    assert client.get(f"/story/{story.pk + 1000}/anything/").status_code == 404


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED])
def test_unpublished_story_is_404_for_readers_and_a_preview_for_staff(
    client, newsroom, editor, status
):
    draft = newsroom.story("Secret draft", status=status)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(editor)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this story is" in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_scheduled_story_appears_when_its_time_comes(client, newsroom):
    story = newsroom.story(
        "Embargoed", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(story.get_absolute_url()).status_code == 404
    story.published_at = timezone.now() - timedelta(seconds=1)
    story.save()  # only the clock moved past; the status stays "scheduled"
    assert client.get(story.get_absolute_url()).status_code == 200


def test_trashed_story_is_404_even_for_staff(client, newsroom, editor):
    story = newsroom.story("Deleted one")
    story.deleted_at = timezone.now()
    story.save()
    client.force_login(editor)
    assert client.get(story.get_absolute_url()).status_code == 404


def test_persian_story_has_unicode_slug_and_right_to_left_article(client, newsroom):
    story = newsroom.story("حمله به کی‌یف", language="fa")
    assert story.slug == "حمله-به-کییف"
    html = client.get(story.get_absolute_url()).content.decode()
    assert '<article class="story" lang="fa" dir="rtl">' in html
    english = newsroom.story("In English")
    assert 'lang="en-us" dir="ltr"' in client.get(english.get_absolute_url()).content.decode()
