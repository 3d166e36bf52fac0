"""The readers' services hand templates stories that answer everything a page shows without
another query, and the same values Django's ORM reads (they read by prepared queries)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from newsdesk.content.models import Correction, GalleryItem, Image, Status, Story
from newsdesk.content.services import galleries, pagecounts, reading
from newsdesk.content.services.lists import story_list_page
from newsdesk.content.services.named import person_or_404, section_or_404, tag_or_404
from newsdesk.content.services.rows import related_list

READER = AnonymousUser()


def columns(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def assert_same_card(card: Story):
    """The card holds what the ORM reads for the story, its section, picture and people."""
    stored = Story.objects.select_related("section", "featured_image").get(pk=card.pk)
    assert columns(card) == columns(stored)
    for related in ("section", "featured_image"):
        mine, theirs = getattr(card, related), getattr(stored, related)
        assert (columns(mine) if mine else None) == (columns(theirs) if theirs else None)
    people = [byline.person for byline in stored.byline_set.select_related("person")]
    assert [columns(p) for p in card.people] == [columns(p) for p in people]


@pytest.fixture
def full_story(newsroom, editor):
    section = newsroom.section("World")
    zed, abe = newsroom.person("Zed Writer"), newsroom.person("Abe Writer")
    story = newsroom.story(
        "Everything at once",
        section=section,
        featured_image=newsroom.image(),
        bylines=[zed, abe],  # byline order, not name order
        tags=[newsroom.tag("Oil"), newsroom.tag("Gas")],
        sources=[newsroom.source("IRNA", url="https://irna.example.org"), newsroom.source("AP")],
    )
    newsroom.story("Other story with Oil", tags=[story.tags.get(name="Oil"), newsroom.tag("X")])
    for minutes, text in [(5, "Second note"), (9, "First note")]:
        Correction.objects.create(
            story=story, text=text, created_at=timezone.now() - timedelta(minutes=minutes)
        )
    for alt in ["first picture", "second picture"]:
        galleries.add_picture(story, editor, newsroom.image(alt_text=alt))
    older = [newsroom.story(f"Older {i}", section=section, bylines=[abe]) for i in range(5)]
    return story, older


def test_story_page_answers_the_whole_page_without_a_query(full_story, django_assert_num_queries):
    story, older = full_story
    page_story, more = reading.story_page(story.pk, READER)
    with django_assert_num_queries(0):
        assert [p.name for p in page_story.people] == ["Zed Writer", "Abe Writer"]
        assert [t.name for t in related_list(page_story, "tags")] == ["Gas", "Oil"]
        assert [s.name for s in related_list(page_story, "sources")] == ["AP", "IRNA"]
        notes = related_list(page_story, "corrections")
        assert [n.text for n in notes] == ["First note", "Second note"]
        # (the templates' story_gallery() hands these over; tests/perf counts its queries)
        pictures = related_list(page_story, "gallery_items")
        assert [item.image.alt_text for item in pictures] == ["first picture", "second picture"]
        assert page_story.section.name == "World" and page_story.featured_image.width == 64
        # More from the section: the newest four others, as cards.
        assert [s.pk for s in more] == [s.pk for s in older[:4]]
        for card in more:
            assert (card.section.name, [p.name for p in card.people]) == ("World", ["Abe Writer"])
            card.get_absolute_url()
    assert_same_card(page_story)
    for card in more:
        assert_same_card(card)


def test_filtering_what_was_read_still_asks_the_story_s_own_relations(full_story):
    story, _ = full_story
    page_story, _ = reading.story_page(story.pk, READER)
    assert [t.name for t in page_story.tags.filter(name__in=["Oil", "X"])] == ["Oil"]
    assert page_story.byline_set.filter(person__name="Abe Writer").count() == 1


def test_notes_and_pictures_are_read_after_every_change(newsroom, editor):
    story = newsroom.story("Plain")
    page_story, _ = reading.story_page(story.pk, READER)
    assert related_list(page_story, "corrections") == []
    assert related_list(page_story, "gallery_items") == []
    note = Correction.objects.create(story=story, text="A fix")
    item = galleries.add_picture(story, editor, newsroom.image(alt_text="new picture"))
    page_story, _ = reading.story_page(story.pk, READER)
    assert [n.text for n in related_list(page_story, "corrections")] == ["A fix"]
    assert [i.image.alt_text for i in related_list(page_story, "gallery_items")] == ["new picture"]
    note.delete()
    GalleryItem.objects.filter(pk=item.pk).delete()
    page_story, _ = reading.story_page(story.pk, READER)
    assert related_list(page_story, "corrections") == []
    assert related_list(page_story, "gallery_items") == []


def test_drafts_are_previews_for_staff_only(newsroom, editor):
    draft = newsroom.story("Draft", status=Status.DRAFT)
    later = newsroom.story("Later", published_at=timezone.now() + timedelta(hours=1))
    for pk in (draft.pk, later.pk):
        with pytest.raises(Http404):
            reading.story_page(pk, READER)
        assert reading.story_page(pk, editor)[0].pk == pk
    draft.deleted_at = timezone.now()
    draft.save()
    with pytest.raises(Http404):
        reading.story_page(draft.pk, editor)


def test_story_for_reader_reads_tags_sources_and_people(full_story, django_assert_num_queries):
    story, _ = full_story
    read = reading.story_for_reader(story.pk, READER)
    with django_assert_num_queries(0):
        assert [t.name for t in related_list(read, "tags")] == ["Gas", "Oil"]
        assert [s.name for s in related_list(read, "sources")] == ["AP", "IRNA"]
        assert [p.name for p in read.people] == ["Zed Writer", "Abe Writer"]
    assert_same_card(read)


def test_home_and_list_pages_are_cards(full_story, django_assert_num_queries):
    story, older = full_story
    home = reading.home_page()
    shown = [home["lead"], *home["latest"]] + [s for _, b in home["section_blocks"] for s in b]
    page = story_list_page(pagecounts.section_key(story.section_id), 1, per_page=3)
    assert [s.pk for s in page.items] == [story.pk, *[s.pk for s in older[:2]]]
    with django_assert_num_queries(0):
        for card in [*shown, *page.items]:
            card.section, card.featured_image, card.people, card.get_absolute_url()
    for card in [*shown, *page.items]:
        assert_same_card(card)


def test_list_subjects_by_slug(newsroom):
    section, tag = newsroom.section("World"), newsroom.tag("Oil")
    person = newsroom.person("Abe", photo=newsroom.image(alt_text="Abe's face"))
    assert section_or_404("world") == section and tag_or_404("oil") == tag
    found = person_or_404(person.slug)
    assert found == person and found.photo.alt_text == "Abe's face"
    assert person_or_404(newsroom.person("No photo").slug).photo is None
    with pytest.raises(Http404):
        section_or_404("nowhere")


def test_a_picture_without_stored_dimensions_gets_them_as_the_orm_would(newsroom):
    image = newsroom.image()
    Image.objects.filter(pk=image.pk).update(width=None, height=None)
    story = newsroom.story(featured_image=image)
    picture = reading.story_for_reader(story.pk, READER).featured_image
    assert (picture.width, picture.height) == (64, 48) == (image.width, image.height)
