"""Readers search their own edition, and find Persian and Arabic text however its letters,
marks and digits were typed."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("three_editions")]


def _found(client, url, text) -> str:
    response = client.get(url, {"q": text})
    assert response.status_code == 200
    return re.sub(r"</?mark>", "", response.content.decode())  # words found are marked


def test_search_stays_in_the_edition_being_read(client, newsroom):
    newsroom.story("Tehran metro opens a new line", edition="en")
    newsroom.story("خط جدید متروی تهران افتتاح شد", edition="fa")
    english, persian = _found(client, "/search/", "Tehran"), _found(client, "/fa/search/", "تهران")
    assert "metro opens" in english and "متروی" not in english
    assert "متروی" in persian and "metro opens" not in persian
    assert "متروی" not in _found(client, "/search/", "تهران")


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("کتابخانه ملی بازگشایی شد", "كتابخانه"),  # Arabic kaf typed for Persian keheh
        ("سياسة المدينة الجديدة", "سیاسه"),  # Persian yeh, heh for Arabic yeh, teh marbuta
        ("أسعار النفط ترتفع", "اسعار"),  # alef with hamza written, plain alef typed
        ("مُدُن الشَّرق", "مدن"),  # vowel marks written, none typed
        ("بودجه ۱۴۰۴ تصویب شد", "1404"),  # Persian digits written, Latin typed
        ("دانشجویان می‌روند", "میروند"),  # half-space written, none typed
    ],
)
def test_persian_and_arabic_letter_forms_are_folded(client, newsroom, written, typed):
    newsroom.story(written, edition="fa")
    assert written in _found(client, "/fa/search/", typed)
