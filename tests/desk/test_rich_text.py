"""Every save goes through the one sanitizer: pasted office HTML comes out clean, attacks
never survive, and embeds become safe placeholders."""

from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.content.embeds import mark_embeds
from newsdesk.content.models import Story
from newsdesk.content.text import sanitize_html

PASTES = Path(__file__).parent / "pastes"
WORD_PASTE = (PASTES / "word.html").read_text()

GOOGLE_DOCS_PASTE = (PASTES / "google_docs.html").read_text()

ATTACKS = [
    "<script>alert(1)</script><p>ok</p>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="q"></form>',
    '<div onclick="steal()">text</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
]
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "onclick",
    "javascript:",
    "<iframe",
    "style=",
    "<svg",
    "<object",
    "<embed",
    "<form",
    "data:text",
]


def save_body(client, user, section, body):
    client.force_login(user)
    data = {
        "headline": "Pasted",
        "body": body,
        "kind": "article",
        "language": "en",
        "section": section.pk,
    }
    response = client.post(reverse("desk:story-create"), data)
    assert response.status_code == 302
    return Story.objects.latest("pk").body


def test_word_paste_comes_out_clean(client, contributor, section):
    body = save_body(client, contributor, section, WORD_PASTE)
    assert "<b><span>Budget talks</span></b>" in body  # bold kept, attributes gone
    assert "resume today" in body
    assert "<li>First point</li>" in body
    for residue in ("Mso", "mso-", "o:p", "style", "class=", "<xml", "<!--", "p.MsoNormal"):
        assert residue not in body
    for leftover in ("<span></span>", "<p></p>", "<p>&nbsp;</p>", "<p><span>&nbsp;</span></p>"):
        assert leftover not in body


def test_empty_wrappers_go_but_spaces_between_words_stay():
    pasted = '<p>One<span> </span><b>two</b></p><p><span lang="en"></span></p><p>&nbsp;</p>'
    assert sanitize_html(pasted) == "<p>One <b>two</b></p>"


def test_google_docs_paste_comes_out_clean(client, contributor, section):
    body = save_body(client, contributor, section, GOOGLE_DOCS_PASTE)
    assert "Ministers met" in body and "on Monday." in body
    assert "<h2" in body and "Background" in body
    for residue in ("style=", "docs-internal-guid", "<meta", "font-size"):
        assert residue not in body


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_never_survive_a_save(client, contributor, section, attack):
    body = save_body(client, contributor, section, attack).lower()
    for forbidden in FORBIDDEN:
        assert forbidden not in body


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("<>\"'=/ &;:abcdefghijklmnopqrstuvwxyzjavascript()onerrorsciptiframe")
        ),
        max_size=200,
    )
)
def test_sanitizer_output_is_stable_and_never_dangerous(fragment):
    once = sanitize_html(fragment)
    assert sanitize_html(once) == once
    lowered = once.lower()
    assert "<script" not in lowered and "<iframe" not in lowered
    assert " onerror=" not in lowered and 'href="javascript:' not in lowered


def test_youtube_and_x_urls_become_privacy_friendly_placeholders(client, contributor, section):
    body = save_body(
        client,
        contributor,
        section,
        "<p>Intro.</p><p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>"
        '<p><a href="https://x.com/newsroom/status/1234567890">https://x.com/newsroom/status/1234567890</a></p>'
        "<p>See https://www.youtube.com/watch?v=dQw4w9WgXcQ inline.</p>",
    )
    assert 'data-embed-provider="youtube"' in body
    assert 'data-embed-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in body
    assert 'data-embed-provider="x"' in body
    assert "Watch on YouTube" in body and "View the post on X" in body
    assert "<iframe" not in body and "<script" not in body
    assert body.count("data-embed-provider") == 2  # a URL inside a sentence stays text
    story = Story.objects.latest("pk")
    story.status = "published"
    story.published_at = story.created_at
    story.save()
    client.logout()
    page = client.get(story.get_absolute_url()).content.decode()
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in page
    assert "youtube.com/embed" not in page


def test_embed_marking_ignores_other_sites():
    html = "<p>https://evil.example/watch?v=abcdefg</p>"
    assert mark_embeds(html) == html


def test_long_story_editor_page_renders_quickly_enough_to_load(client, contributor, section):
    words = " ".join(["word"] * 10_000)
    body = save_body(client, contributor, section, f"<p>{words}</p>")
    story = Story.objects.latest("pk")
    page = client.get(reverse("desk:story-edit", args=[story.pk]))
    assert page.status_code == 200
    assert len(body.split()) == 10_000
    assert "django_prose_editor/editor.js" in page.content.decode()
