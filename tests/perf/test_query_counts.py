"""Every public page runs a small, fixed number of queries, whatever its size or depth."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from newsdesk.claims.models import Claim
from newsdesk.content.models import Correction, GalleryItem, Image
from tests.builders import jpeg_bytes

# The most each page may run, the same for 3 or 10 stories a page and for any depth:
# home: pinned ids with the newest live rows, the pinned live rows (when there are pinned
# stories), every story shown, their bylines, navigation (when not kept);
# story: the story with more from its section, the bylines of all, its tags and sources,
# its related stories, its origins, its event's other copies (below);
# listing: the section/tag/person, today's and past counts, the day walk and the page's
# days (not for the first page of the archive or a section), its stories (ids by
# subquery), their bylines.
# The story page also reads its gallery, its correction notes and its figures (the claims
# ledger) when it has some: one query each. Every page shows the breaking alert, read once
# into the shared cache: the first page after the cache lost it (here the home page) reads
# it from the database.
# A story page reads its related stories (worked out when stories change), the copy it was
# made from (the "About this story" box and JSON-LD), the other agencies' copies of its
# event ("Also reported by"): one query each.
MAX_QUERIES = {"home": 6, "story": 9, "listing": 6}


@pytest.fixture(autouse=True)
def plain_http(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def corpus(newsroom):
    sections = [newsroom.section(f"Desk {i}") for i in range(5)]
    tag, person, agency = newsroom.tag(), newsroom.person(), newsroom.source()
    image = Image(alt_text="A red square")
    image.file.save("square.jpg", ContentFile(jpeg_bytes()), save=False)
    image.width, image.height = 64, 48  # the file was read to its end by the save above
    image.save()
    stories = []
    now = timezone.now()
    for i in range(40):
        stories.append(
            newsroom.story(
                section=sections[i % 5],
                tags=[tag, newsroom.tag()] if i % 2 else [tag],
                bylines=[person, newsroom.person()] if i % 3 else [person],
                sources=[agency],
                featured_image=image if i % 4 else None,
                pinned=i == 3,  # the home page's most: a pinned story leads it
                # Over twelve days: deeper pages are located by walking the day counts.
                published_at=now - timedelta(hours=7 * i, minutes=1),
            )
        )
    # The story page's most: a story with correction notes, gallery pictures and figures.
    Correction.objects.create(story=stories[7], text="A correction")
    GalleryItem.objects.create(story=stories[7], image=image)
    Claim.objects.create(
        story=stories[7], key="k", quote="12", value=12, sentence="Twelve were counted."
    )
    return {"sections": sections, "tag": tag, "person": person, "stories": stories}


def urls(corpus):
    section, tag, person = corpus["sections"][0], corpus["tag"], corpus["person"]
    story = corpus["stories"][7]
    return [
        ("home", "/"),
        ("story", story.get_absolute_url()),
        ("listing", "/blog/"),
        ("listing", "/blog/page/2/"),
        ("listing", "/blog/page/4/"),
        ("listing", section.get_absolute_url()),
        ("listing", f"{section.get_absolute_url()}page/2/"),
        ("listing", tag.get_absolute_url()),
        ("listing", f"{tag.get_absolute_url()}page/3/"),
        ("listing", person.get_absolute_url()),
        ("listing", f"{person.get_absolute_url()}page/2/"),
    ]


@pytest.mark.parametrize("page_size", [3, 5])
def test_each_page_stays_under_its_query_budget(
    client, corpus, settings, page_size, django_assert_max_num_queries
):
    settings.NEWSDESK_PAGE_SIZE = page_size
    for kind, url in urls(corpus):
        with django_assert_max_num_queries(MAX_QUERIES[kind]):
            response = client.get(url)
        assert response.status_code == 200, url


def test_past_the_end_is_a_quick_404(client, corpus, django_assert_max_num_queries):
    # 3 for the page, 1 for the WordPress old-URL lookup every would-be 404 gets.
    with django_assert_max_num_queries(4):
        assert client.get("/blog/page/999/").status_code == 404
