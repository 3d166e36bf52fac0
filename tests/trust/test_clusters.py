"""The same event across agencies: copies join one cluster, a story joins its copy's,
readers see "Also reported by" and /coverage/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.content.services import revisions, workflow
from newsdesk.wire.models import ClusterMember
from newsdesk.wire.services import queue
from newsdesk.wire.tasks import cluster_story_job
from tests.trust.conftest import wire_item

QUAKE = {
    "IRNA": (
        "Magnitude 5.6 quake shakes Kerman province",
        "<p>A magnitude 5.6 earthquake struck near the town of Rayen in Kerman province on "
        "Tuesday, injuring 27 people, the provincial crisis management office told IRNA. "
        "Rescue teams were sent to 14 villages.</p>",
    ),
    "Reuters": (
        "Earthquake in southeastern Iran injures 27",
        "<p>At least 27 people were hurt when a 5.6-magnitude earthquake hit Kerman province "
        "in southeastern Iran on Tuesday, officials told Reuters. The quake was centred near "
        "Rayen, and teams were checking 14 villages for damage.</p>",
    ),
    "ISNA": (
        "زلزله ۵.۶ ریشتری کرمان را لرزاند",
        "<p>زلزله‌ای به بزرگی ۵.۶ ریشتر روز سه‌شنبه حوالی راین در استان کرمان رخ داد و ۲۷ نفر "
        "مصدوم شدند. مدیریت بحران استان کرمان به ایسنا گفت تیم‌های امداد به ۱۴ روستا اعزام "
        "شدند.</p>",
    ),
}
OTHER_QUAKE = (
    "Magnitude 4.9 quake hits Khoy in West Azarbaijan",
    "<p>A magnitude 4.9 earthquake struck Khoy in West Azarbaijan province on Thursday, "
    "injuring 9 people, the Red Crescent told IRNA. Relief workers set up 120 tents.</p>",
)


@pytest.fixture
def quake(newsroom):
    # Minutes ago: still today (for /coverage/) whatever the clock the suite runs on.
    start = timezone.now() - timedelta(minutes=10)
    items = {}
    for n, (name, (headline, body)) in enumerate(QUAKE.items()):
        agency = newsroom.source(name, url=f"https://{name.lower()}.example/")
        items[name] = wire_item(
            agency, f"{name}-1", headline, start + timedelta(minutes=2 * n), body=body
        )
    items["other"] = wire_item(
        newsroom.source("Mehr"), "mehr-1", *OTHER_QUAKE[:1], start, body=OTHER_QUAKE[1]
    )
    return items


def cluster_of(item):
    return ClusterMember.objects.get(item=item).cluster


def test_rewritten_and_translated_copies_join_one_cluster(quake):
    cluster = cluster_of(quake["IRNA"])
    assert cluster_of(quake["Reuters"]) == cluster == cluster_of(quake["ISNA"])
    assert cluster_of(quake["other"]) != cluster
    cluster.refresh_from_db()
    assert cluster.agency_count == 3 and cluster.headline == QUAKE["IRNA"][0]
    assert cluster.first_seen < cluster.last_seen


def test_story_page_names_the_other_agencies(client, quake, editor, newsroom):
    story = queue.accept(quake["IRNA"], editor)
    story.section = newsroom.section("Iran")
    story.save()
    workflow.transition(story, "published", editor)
    html = client.get(story.get_absolute_url()).content.decode()
    line = html[html.index('class="also-reported"') :]
    line = line[: line.index("</p>")]
    assert "Also reported by:" in line
    assert line.index(">Reuters<") < line.index(">ISNA<")  # in the order they came
    assert 'href="https://example.org/Reuters-1"' in line
    assert ">IRNA<" not in line and ">Mehr<" not in line  # its own copy; another event


def test_a_story_written_here_joins_by_its_text(quake, editor, newsroom):
    body = QUAKE["Reuters"][1]
    story = revisions.create_story(
        {"headline": "Kerman earthquake: 27 hurt", "body": body, "section": newsroom.section()},
        editor,
    )
    cluster_story_job.call(story.pk)  # what the worker runs when it is published
    assert ClusterMember.objects.get(story=story).cluster == cluster_of(quake["IRNA"])


def test_coverage_lists_todays_clusters_by_agency_count(client, quake):
    html = client.get("/coverage/").content.decode()
    assert "3 agencies" in html and "1 agency" in html
    assert html.index("3 agencies") < html.index("1 agency")
    assert html.index(QUAKE["IRNA"][0]) < html.index(OTHER_QUAKE[0])


def test_a_new_copy_purges_the_coverage_page(
    client, quake, settings, tmp_path, newsroom, django_capture_on_commit_callbacks
):
    settings.NEWSDESK_PAGE_CACHE = True
    settings.NEWSDESK_PAGE_CACHE_DIR = tmp_path / "pagecache"
    client.get("/coverage/")
    assert client.get("/coverage/").headers.get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        wire_item(newsroom.source("AFP"), "afp-1", "Quake in Kerman", None, body=QUAKE["IRNA"][1])
    response = client.get("/coverage/")
    assert response.headers.get("X-Page-Cache") != "hit"
    assert "4 agencies" in response.content.decode()
