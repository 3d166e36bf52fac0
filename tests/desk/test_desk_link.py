"""The footer's link to the desk: one cached page for every reader, the link shown by a
script in a browser that signed in to the desk (a plain cookie the desk sets and clears)."""

from django.urls import reverse

from newsdesk.desk.staff_hint import COOKIE


def test_the_desk_sets_the_hint_and_signing_out_clears_it(client, desk_editor):
    client.force_login(desk_editor)
    response = client.get(reverse("desk:story-list"))
    hint = response.cookies[COOKIE]
    assert hint.value == "1" and not hint["httponly"] and hint["samesite"] == "Lax"
    again = client.get(reverse("desk:story-list"))
    assert COOKIE not in again.cookies  # set once, not on every page

    out = client.post(reverse("admin:logout"))
    assert out.cookies[COOKIE].value == "" and out.cookies[COOKIE]["max-age"] == 0


def test_readers_pages_are_the_same_for_staff_and_readers(client, newsroom, desk_editor):
    story = newsroom.story("Harbour reopens")
    reader = client.get(story.get_absolute_url())
    html = reader.content.decode()
    assert COOKIE not in reader.cookies
    link = html.split('class="desk-link"')[1].split("</li>")[0]
    assert " hidden>" in link and 'href="/desk/"' in link and "Newsroom desk" in link
    assert "/static/public/desk-link" in html

    client.cookies[COOKIE] = "1"  # a browser signed in to the desk earlier, now signed out
    hinted = client.get(story.get_absolute_url())
    assert hinted.content == reader.content and COOKIE not in hinted.cookies


def test_the_hint_is_not_set_for_someone_who_is_not_staff(client, django_user_model):
    reader = django_user_model.objects.create_user("reader", "r@example.org", "pw-long-enough")
    client.force_login(reader)
    response = client.get(reverse("desk:story-list"))
    assert response.status_code == 403 and COOKIE not in response.cookies
