"""The desk in a real browser: a contributor writes in the rich-text editor with a library
picture and submits; an editor publishes and the story is on the home page; two people
save the same story and the second sees the conflict."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from newsdesk.content.models import Status, Story
from newsdesk.content.roles import ensure_roles
from tests.builders import NewsroomBuilder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def staff(django_user_model, name, group):
    ensure_roles()  # a transactional test's flush removed the migration's groups
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def logged_in_page(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-US", timezone_id="UTC", **options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_contributor_writes_editor_publishes_reader_sees(browser, live_server, django_user_model):
    newsroom = NewsroomBuilder()
    section = newsroom.section("Science")
    newsroom.image(alt_text="A telescope at dusk", title="Telescope")
    writer = staff(django_user_model, "carla", "Contributor")
    chief = staff(django_user_model, "edna", "Editor")

    context, page = logged_in_page(browser, live_server, writer)
    page.goto(live_server.url + "/desk/stories/new/")
    page.get_by_label("Headline").fill("Comet seen over the capital")
    page.get_by_label("Section").select_option(label="Science")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Astronomers saw the comet ")
    page.keyboard.press("Control+b")
    page.keyboard.type("at dawn")
    page.keyboard.press("Control+b")
    page.keyboard.type(".")
    page.get_by_role("button", name="Insert a picture in the body…").click()
    page.get_by_role("dialog").get_by_role("button", name=re.compile("Telescope")).click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/desk/stories/\d+/$"))
    assert (
        "Saved" in page.locator(".messages").inner_text()
        or "created" in page.locator(".messages").inner_text()
    )

    story = Story.objects.get(headline="Comet seen over the capital")
    assert "<strong>at dawn</strong>" in story.body
    assert 'alt="A telescope at dusk"' in story.body
    assert story.created_by == writer

    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_load_state()
    assert Story.objects.get(pk=story.pk).status == Status.REVIEW
    assert page.get_by_role("button", name="Publish now").count() == 0
    context.close()

    context, page = logged_in_page(browser, live_server, chief)
    page.goto(live_server.url + "/desk/")
    page.get_by_role("link", name="Needs review (1)").click()
    page.locator("#story-rows").get_by_role("link", name="Comet seen over the capital").click()
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    assert "now published" in page.locator(".messages").inner_text()
    context.close()

    reader = browser.new_context()
    home = reader.new_page()
    home.goto(live_server.url + "/")
    home.get_by_role("link", name="Comet seen over the capital").first.click()
    home.wait_for_url(re.compile(r"/story/\d+/"))
    assert home.locator(".story-body strong").inner_text() == "at dawn"
    assert home.locator(".story-body img").get_attribute("alt") == "A telescope at dusk"
    reader.close()
    assert section.stories.filter(status=Status.PUBLISHED).count() == 1


def test_second_save_shows_the_conflict(browser, live_server, django_user_model):
    newsroom = NewsroomBuilder()
    writer = staff(django_user_model, "carla", "Editor")
    chief = staff(django_user_model, "edna", "Editor")
    story = Story.objects.create(
        headline="Storm warning", body="<p>Winds of 90 km/h.</p>", section=newsroom.section()
    )
    from newsdesk.content.services import revisions

    revisions.record(story, writer, note="Created")

    first_context, first = logged_in_page(browser, live_server, writer)
    second_context, second = logged_in_page(browser, live_server, chief)
    url = f"{live_server.url}/desk/stories/{story.pk}/"
    first.goto(url)
    second.goto(url)
    second.reload()  # both are open now; presence shows on reload
    assert "carla is also editing this story." in second.locator("#presence").inner_text()

    first.get_by_label("Headline").fill("Storm warning for the coast")
    first.get_by_role("button", name="Save", exact=True).click()
    first.wait_for_url(url)
    assert "Saved" in first.locator(".messages").inner_text()

    second.locator(".ProseMirror[contenteditable=true]").click()
    second.keyboard.press("End")
    second.keyboard.type(" Schools are closed.")
    second.get_by_role("button", name="Save", exact=True).click()
    second.wait_for_load_state()
    alert = second.get_by_role("alert")
    assert "Not saved" in alert.inner_text()
    assert "carla saved this story (version 2)" in alert.inner_text()
    assert alert.locator("ins").first.inner_text() == "for the coast"
    assert (
        "Schools are closed." in second.locator(".ProseMirror[contenteditable=true]").inner_text()
    )
    saved = Story.objects.get(pk=story.pk)
    assert saved.headline == "Storm warning for the coast"
    assert "Schools are closed" not in saved.body

    # Having read the diff, the second editor keeps the new headline and saves again.
    second.get_by_label("Headline").fill("Storm warning for the coast")
    second.get_by_role("button", name="Save my version anyway").click()
    second.wait_for_load_state()
    saved = Story.objects.get(pk=story.pk)
    assert saved.version == 3
    assert "Schools are closed." in saved.body and saved.headline == "Storm warning for the coast"
    first_context.close()
    second_context.close()
