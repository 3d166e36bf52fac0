"""Links readers can click take http(s) only: stored through any door, and shown."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template

from newsdesk.content.models import Source, Story
from newsdesk.content.services import revisions
from newsdesk.wire.models import ItemKind, WireItem
from tests.api.helpers import bearer, key_for, user_with_perms

SCRIPT_URLS = [
    "javascript:alert(document.domain)",
    "data:text/html,<script>alert(1)</script>",
    " JavaScript:alert(1)",
    "vbscript:msgbox(1)",
    "ftp://files.example/x",
]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_api_refuses_non_web_source_url_on_create_and_patch(
    client, newsroom, django_user_model, url
):
    editor = user_with_perms(django_user_model, "ed", "add_story", "change_story")
    raw = key_for(editor)
    created = client.post(
        "/api/stories",
        {"headline": "H", "source_url": url},
        content_type="application/json",
        **bearer(raw),
    )
    assert created.status_code == 422 and "source_url" in created.content.decode()
    assert not Story.objects.exists()
    story = client.post(
        "/api/stories",
        {"headline": "H", "source_url": "https://agency.example/1"},
        content_type="application/json",
        **bearer(raw),
    ).json()
    patched = client.patch(
        f"/api/stories/{story['id']}",
        {"source_url": url},
        content_type="application/json",
        **bearer(raw),
    )
    assert patched.status_code == 422
    assert Story.objects.get().source_url == "https://agency.example/1"


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_model_validation_refuses_non_web_urls(newsroom, url):
    story = newsroom.story("Linked", source_url=url)
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "source_url" in error.value.message_dict
    with pytest.raises(ValidationError):
        Source(name="Agency", slug="agency", url=url).full_clean()


def test_desk_form_refuses_a_javascript_source_url(client, editor, newsroom):
    story = newsroom.story("Desk link", source_url="https://agency.example/")
    client.force_login(editor)
    response = client.post(
        f"/desk/stories/{story.pk}/",
        {
            "headline": story.headline,
            "body": story.body,
            "kind": story.kind,
            "language": story.language,
            "source_url": "javascript:alert(1)",
            "version": story.version,
        },
    )
    assert response.status_code == 200  # the form again, with its error
    story.refresh_from_db()
    assert story.source_url == "https://agency.example/"


def test_stored_script_links_render_as_plain_text(client, editor, newsroom):
    """Rows written before the rule (or by bulk SQL) stay inert on every page."""
    source = newsroom.source("Agency")
    Source.objects.filter(pk=source.pk).update(url="javascript:alert(1)")
    story = newsroom.story("Old link", sources=[source])
    Story.objects.filter(pk=story.pk).update(source_url="javascript:alert(2)")
    client.force_login(editor)  # the preview page shows it too
    for response in (client.get(story.get_absolute_url()),):
        page = response.content.decode()
        assert response.status_code == 200 and "Agency" in page
        assert "javascript:" not in page
    item = WireItem.objects.create(
        kind=ItemKind.FEED,
        headline="Wire",
        link="javascript:alert(3)",
        image_url="data:text/html,x",
        source=source,
    )
    page = client.get(f"/desk/wire/{item.pk}/").content.decode()
    assert "javascript:" not in page and 'href="data:' not in page


def test_web_links_still_render():
    rendered = Template('{% load web_links %}<a href="{{ u|web_url }}">').render(
        Context({"u": "https://agency.example/a?b=1"})
    )
    assert rendered == '<a href="https://agency.example/a?b=1">'


def test_revisions_keep_working_with_web_links(newsroom, editor):
    story = newsroom.story("Revised")
    saved = revisions.save_story(
        story, {"source_url": "https://agency.example/2"}, editor, story.version
    )
    assert saved.source_url == "https://agency.example/2"
