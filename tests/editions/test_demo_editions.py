"""The demo builds a Persian edition written in Persian, and stories linked as translations
across the English, Persian and Arabic editions."""

import re

import pytest

from newsdesk.content.demo.newsroom import build_newsroom
from newsdesk.content.models import Story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_editions")]
LATIN_LETTERS = re.compile(r"[A-Za-z]")


def test_the_demo_writes_a_persian_edition_with_translations(client):
    build_newsroom(stories=8, pictures=2, days=10, seed=5)
    persian = Story.objects.filter(edition="fa")
    assert persian.count() == 20 + 3  # written from templates, and the translated three
    headlines = set(persian.values_list("headline", flat=True))
    assert len(headlines) > 15  # combined from templates, not one sentence repeated
    for story in persian:
        text = story.headline + story.standfirst + re.sub(r"<[^>]+>", "", story.body)
        assert not LATIN_LETTERS.search(text), story.headline
    groups = Story.objects.exclude(translation_group=None).values_list("translation_group")
    assert groups.distinct().count() == 3
    assert {s.edition for s in Story.objects.exclude(translation_group=None)} == {"en", "fa", "ar"}
    home = client.get("/fa/").content.decode()
    assert "خط تازه متروی تهران افتتاح شد" in home and "Tehran opens" not in home
