"""Each editor's desk in the language they chose; readers' pages keep the site's."""

import pytest

from newsdesk.accounts.models import EditorPreferences

pytestmark = pytest.mark.django_db


def _html_tag(response):
    html = response.content.decode()
    start = html.find("<html")
    return html[start : html.find(">", start) + 1]


def test_the_desk_speaks_english_until_an_editor_chooses(client, desk_editor):
    client.force_login(desk_editor)
    page = client.get("/desk/")
    assert 'lang="en' in _html_tag(page) and 'dir="ltr"' in _html_tag(page)
    assert ">Wire</a>" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "wire", "queue", "no_section"),
    [
        ("fa", "خبرگزاری‌ها", "صف خبرگزاری‌ها", "سرویسی را که خبرها به آن منتقل شوند انتخاب کنید."),
        ("ar", "الوكالات", "قائمة البرقيات", "اختر القسم الذي تُنقل إليه الأخبار."),
    ],
    ids=["fa", "ar"],
)
def test_an_editor_chooses_the_desk_language(
    client, desk_editor, newsroom, language, wire, queue, no_section
):
    story = newsroom.story("Harbour reopens")
    client.force_login(desk_editor)
    answer = client.post("/desk/language/", {"language": language, "next": "/desk/wire/"})
    assert answer.status_code == 302 and answer.url == "/desk/wire/"
    assert EditorPreferences.objects.get(user=desk_editor).language == language

    page = client.get("/desk/wire/")
    assert f'lang="{language}" dir="rtl"' in _html_tag(page)
    assert page.headers["Content-Language"] == language
    html = page.content.decode()
    assert f">{wire}</a>" in html and f"<h1>{queue}</h1>" in html
    # What the desk says back too: a move to a section without naming the section.
    moved = client.post(
        "/desk/stories/bulk/", {"action": "section", "stories": [story.pk]}, follow=True
    )
    assert no_section in moved.content.decode()

    # The reader's site is not the desk: the preference never reaches it.
    home = client.get("/")
    assert 'lang="en' in _html_tag(home) and ">Home</a>" in home.content.decode()


def test_a_language_the_desk_does_not_speak_is_refused(client, desk_editor):
    client.force_login(desk_editor)
    client.post("/desk/language/", {"language": "fa"})
    answer = client.post("/desk/language/", {"language": "de"}, follow=True)
    assert not EditorPreferences.objects.filter(language="de").exists()
    assert EditorPreferences.objects.get(user=desk_editor).language == "fa"
    assert "یکی از زبان‌های تحریریه را انتخاب کنید." in answer.content.decode()


def test_only_signed_in_staff_choose_a_desk_language(client):
    answer = client.post("/desk/language/", {"language": "fa"})
    assert answer.status_code == 302 and "/login/" in answer.url
    assert not EditorPreferences.objects.exists()


def test_the_language_chooser_returns_only_to_this_site(client, desk_editor):
    client.force_login(desk_editor)
    answer = client.post("/desk/language/", {"language": "ar", "next": "https://evil.example/"})
    assert answer.url == "/desk/"


def test_the_choice_follows_the_editor_to_a_new_sign_in(client, desk_editor):
    EditorPreferences.objects.create(user=desk_editor, language="ar")
    client.force_login(desk_editor)  # read from the account once, kept in the session
    assert 'lang="ar" dir="rtl"' in _html_tag(client.get("/desk/"))
    session = client.session
    del session["desk_language"]  # a session from before the choice was kept in sessions
    session.save()
    assert 'lang="ar" dir="rtl"' in _html_tag(client.get("/desk/people/"))
