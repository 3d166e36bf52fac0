from datetime import timedelta

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.api.models import ApiKey
from newsdesk.content.models import Status
from tests.api.helpers import bearer, key_for, user_with_perms


def test_story_list_is_public_newest_first_and_hides_drafts(client, newsroom):
    stories = newsroom.archive(3)
    newsroom.story("Draft", status=Status.DRAFT)
    newsroom.story("Later", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(1))
    response = client.get("/api/stories")
    assert response.status_code == 200
    body = response.json()
    assert [item["id"] for item in body["items"]] == [s.pk for s in stories]
    assert body["next_cursor"] is None and body["next"] is None
    first = body["items"][0]
    assert first["url"] == f"http://testserver{stories[0].get_absolute_url()}"
    assert first["headline"] == "Archive story 1"


def test_cursor_pagination_walks_every_story_once(client, newsroom):
    stories = newsroom.archive(7)
    seen, url = [], "/api/stories?limit=3"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]
        pages += 1
    assert pages == 3
    assert seen == [s.pk for s in stories]


def test_cursor_page_costs_the_same_queries_without_offset(client, newsroom):
    newsroom.archive(6)
    cursor = client.get("/api/stories?limit=2").json()["next_cursor"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/stories?limit=2&cursor={cursor}")
    assert response.status_code == 200
    sql = " ".join(q["sql"].upper() for q in queries.captured_queries)
    assert "OFFSET" not in sql and "COUNT(" not in sql
    assert len(queries.captured_queries) <= 3  # stories + bylines (+ nothing per story)


def test_a_cursor_from_the_future_reveals_no_scheduled_story(client, newsroom):
    from datetime import timedelta

    from django.utils import timezone

    from newsdesk.api.story_queries import encode_cursor
    from newsdesk.content.models import Status

    published = newsroom.archive(2)
    newsroom.story(
        "Embargoed", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=3)
    )
    cursor = encode_cursor(timezone.now() + timedelta(days=1), 10**9)
    body = client.get(f"/api/stories?cursor={cursor}").json()
    assert [item["id"] for item in body["items"]] == [s.pk for s in published]


def test_bad_cursor_and_bad_filters_name_the_field(client):
    response = client.get("/api/stories?cursor=not-a-cursor")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "cursor"
    response = client.get("/api/stories?published_after=yesterday")
    assert response.status_code == 422
    assert "published_after" in response.json()["detail"][0]["loc"]
    response = client.get("/api/stories?limit=1000")
    assert response.status_code == 422
    assert "limit" in response.json()["detail"][0]["loc"]


def test_filters(client, newsroom):
    world, sport = newsroom.section("World"), newsroom.section("Sport")
    tag, person, agency = newsroom.tag("Oil"), newsroom.person("Ana"), newsroom.source("IRNA")
    now = timezone.now()
    a = newsroom.story("A", section=world, tags=[tag], published_at=now - timedelta(hours=1))
    b = newsroom.story(
        "B",
        section=sport,
        bylines=[person],
        sources=[agency],
        published_at=now - timedelta(hours=5),
        language="fa",
    )

    def ids(query):
        response = client.get(f"/api/stories?{query}")
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert ids(f"section={world.slug}") == [a.pk]
    assert ids(f"tag={tag.slug}") == [a.pk]
    assert ids(f"author={person.slug}") == [b.pk]
    assert ids(f"source={agency.slug}") == [b.pk]
    assert ids("language=fa") == [b.pk]
    cut = (now - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(f"published_after={cut}") == [a.pk]
    assert ids(f"published_before={cut}") == [b.pk]
    assert ids("section=nothing-here") == []


def test_one_story_with_relations(client, newsroom):
    person, tag, agency = newsroom.person("Ana"), newsroom.tag("Oil"), newsroom.source("IRNA")
    story = newsroom.story(
        "Full",
        bylines=[person],
        tags=[tag],
        sources=[agency],
        featured_image=newsroom.image(),
        body="<p>Body <b>bold</b></p>",
    )
    response = client.get(f"/api/stories/{story.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["body"] == "<p>Body <b>bold</b></p>"
    assert [p["name"] for p in body["bylines"]] == ["Ana"]
    assert [t["slug"] for t in body["tags"]] == [tag.slug]
    assert [s["name"] for s in body["sources"]] == ["IRNA"]
    assert body["featured_image"]["url"] == f"http://testserver{story.featured_image.file.url}"
    assert body["featured_image"]["width"] == 64


def test_story_bodies_carry_absolute_links_and_pictures(client, newsroom):
    other = newsroom.story("Other")
    story = newsroom.story(
        "Linking",
        body=(
            f'<p><a href="{other.get_absolute_url()}">Other</a> <a href="#end">end</a></p>'
            '<p><img src="/media/a.jpg" alt="A" srcset="/media/a-400.webp 400w"></p>'
        ),
    )
    site, here = "http://testserver", f"http://testserver{story.get_absolute_url()}"
    expected = [
        ("a", "href", f"{site}{other.get_absolute_url()}"),
        ("a", "href", f"{here}#end"),
        ("img", "src", f"{site}/media/a.jpg"),
        ("img", "srcset", f"{site}/media/a-400.webp 400w"),
    ]
    ninjs = client.get(f"/api/stories/{story.pk}/ninjs").json()
    for body in (
        client.get(f"/api/stories/{story.pk}").json()["body"],
        ninjs["bodies"][0]["value"],
    ):
        tree = lxml.html.fragment_fromstring(body, create_parent=True)
        found = [
            (element.tag, name, element.get(name))
            for element in tree.iter("a", "img")
            for name in ("href", "src", "srcset")
            if element.get(name)
        ]
        assert found == expected


def test_unknown_or_unpublished_story_is_a_json_404(client, newsroom):
    draft = newsroom.story("Secret", status=Status.DRAFT)
    for url in (f"/api/stories/{draft.pk}", "/api/stories/999999", "/api/stories/1/ninjs"):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["detail"]


def test_newsroom_read_key_sees_drafts_and_bad_key_is_401(client, newsroom, django_user_model):
    draft = newsroom.story("Secret", status=Status.DRAFT)
    staff = user_with_perms(django_user_model, "reader", "view_story")
    raw = key_for(staff, ApiKey.Scope.READ)
    response = client.get(f"/api/stories/{draft.pk}", **bearer(raw))
    assert response.status_code == 200 and response.json()["status"] == "draft"
    response = client.get(f"/api/stories/{draft.pk}", HTTP_X_API_KEY=raw)
    assert response.status_code == 200
    response = client.get("/api/stories", **bearer(raw[:-2] + "xx"))
    assert response.status_code == 401
    assert response.json()["detail"] == "Unknown API key."


def test_staff_without_a_newsroom_role_does_not_see_drafts(client, newsroom, django_user_model):
    draft = newsroom.story("Secret", status=Status.DRAFT)
    embargoed = newsroom.story(
        "Embargoed", status=Status.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    staff = user_with_perms(django_user_model, "no-role")  # staff, no permissions
    raw = key_for(staff, ApiKey.Scope.READ)
    for story in (draft, embargoed):
        assert client.get(f"/api/stories/{story.pk}", **bearer(raw)).status_code == 404
        assert client.get(f"/api/stories/{story.pk}/ninjs", **bearer(raw)).status_code == 404
        client.force_login(staff)
        assert client.get(story.get_absolute_url()).status_code == 404
        client.logout()


def test_taxonomy_lists(client, newsroom):
    newsroom.section("World")
    newsroom.tag("Oil")
    newsroom.person("Ana", role="Correspondent")
    newsroom.source("IRNA", url="https://irna.example")
    assert [s["name"] for s in client.get("/api/sections").json()["items"]] == ["World"]
    assert [t["name"] for t in client.get("/api/tags").json()["items"]] == ["Oil"]
    assert client.get("/api/people").json()["items"][0]["role"] == "Correspondent"
    assert client.get("/api/sources").json()["items"][0]["url"] == "https://irna.example"
    assert client.get("/api/sections/world").json()["name"] == "World"
    assert client.get("/api/sections/nope").status_code == 404


def test_ninjs(client, newsroom):
    person, tag, section = newsroom.person("Ana"), newsroom.tag("Oil"), newsroom.section("World")
    story = newsroom.story(
        "Headline",
        standfirst="Summary",
        section=section,
        tags=[tag],
        bylines=[person],
        featured_image=newsroom.image(),
        language="en",
    )
    response = client.get(f"/api/stories/{story.pk}/ninjs")
    assert response.status_code == 200
    item = response.json()
    assert item["standard"]["name"] == "ninjs" and item["standard"]["version"].startswith("2.")
    assert item["uri"] == f"http://testserver{story.get_absolute_url()}"
    assert item["type"] == "text"
    assert item["pubstatus"] == "usable"
    assert item["headlines"] == [{"role": "main", "value": "Headline"}]
    assert item["descriptions"] == [{"role": "summary", "value": "Summary"}]
    assert item["bodies"][0]["contenttype"] == "text/html"
    assert item["by"] == "Ana"
    assert {s["name"] for s in item["subjects"]} == {"World", "Oil"}
    (picture_assoc,) = item["associations"]
    assert picture_assoc["type"] == "picture"
    assert picture_assoc["renditions"][0]["href"].endswith(story.featured_image.file.url)


def test_openapi_document_and_docs(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/images"} <= set(paths)
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content  # bundled, not a CDN


def test_odd_but_valid_dates_are_compared_in_utc(client, newsroom):
    story = newsroom.story("Now")
    for query in (
        "published_after=0858-05-13T01:20:44%2B16:08",
        "published_after=0001-01-01T00:00:00%2B01:00",
        "published_before=9999-12-31T23:59:59-23:00",
        "published_after=2000-01-01T00:00:00",
    ):
        response = client.get(f"/api/stories?{query}")
        assert response.status_code in (200, 422), (query, response.status_code)
        if response.status_code == 422:
            assert response.json()["detail"][0]["loc"][-1].startswith("published_")
    response = client.get("/api/stories?published_after=2000-01-01T00:00:00%2B16:08")
    assert [item["id"] for item in response.json()["items"]] == [story.pk]
