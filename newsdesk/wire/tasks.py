"""Background jobs of the wire desk, run by `newsdesk worker` (Django's tasks API with the
database-backed queue of django-tasks-db). Jobs take ids, not objects, and are safe to
run again: a job whose worker died is put back on the queue (see services/workers.py)."""

from django_tasks import task

from newsdesk.content.models import Source, Story
from newsdesk.wire.models import Feed
from newsdesk.wire.services import coverage
from newsdesk.wire.services.extraction import import_url
from newsdesk.wire.services.polling import poll_feed


@task()
def poll_feed_job(feed_id: int) -> dict:
    feed = Feed.objects.select_related("wire_source__source").filter(pk=feed_id).first()
    if feed is None:
        return {"error": f"feed {feed_id} no longer exists"}
    return poll_feed(feed)


@task()
def import_url_job(url: str, source_id: int | None = None) -> int:
    source = Source.objects.filter(pk=source_id).first() if source_id else None
    return import_url(url, source=source).pk


@task()
def cluster_story_job(story_id: int) -> int | None:
    """A story published without wire copy behind it joins the cluster its text matches."""
    story = Story.objects.filter(pk=story_id).first()
    if story is None:
        return None
    member = coverage.add_story(story)
    return member.cluster_id if member else None
