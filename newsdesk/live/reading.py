"""What readers see of a live blog, read a slice at a time.

Every read is by keyset on (posted_at, id) through one index: the newest N entries, or the
N before a given entry. A blog of 5,000 entries costs what one of 10 costs, whatever page
of older entries a reader asks for.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q
from django.http import Http404

from newsdesk.content.models import Kind, Person, Story
from newsdesk.content.services.visibility import live_stories
from newsdesk.live.models import LiveBlog, LiveEntry

KEY_EVENTS_SHOWN = 20


def newest_count() -> int:
    return getattr(settings, "NEWSDESK_LIVE_NEWEST", 20)


def older_count() -> int:
    return getattr(settings, "NEWSDESK_LIVE_OLDER", 20)


def poll_seconds() -> int:
    """How often an open reader's page asks for updates while visible."""
    return getattr(settings, "NEWSDESK_LIVE_POLL_SECONDS", 2)


def entries_of(story_id):
    people = Prefetch("authors", queryset=Person.objects.only("name", "slug"))
    return (
        LiveEntry.objects.filter(story_id=story_id)
        .prefetch_related(people)
        .order_by("-posted_at", "-id")
    )


@dataclass
class Slice:
    entries: list
    older: LiveEntry | None  # the last entry shown, when there are older ones


def _slice(queryset, count) -> Slice:
    rows = list(queryset[: count + 1])
    shown = rows[:count]
    return Slice(shown, shown[-1] if len(rows) > count else None)


def newest(story_id, count=None) -> Slice:
    """The newest entries, the pinned one left out (it shows above them)."""
    return _slice(entries_of(story_id).exclude(pinned=True), count or newest_count())


def before(story_id, entry: LiveEntry, count=None) -> Slice:
    earlier = Q(posted_at__lt=entry.posted_at) | Q(posted_at=entry.posted_at, id__lt=entry.pk)
    return _slice(entries_of(story_id).filter(earlier).exclude(pinned=True), count or older_count())


def pinned(story_id) -> LiveEntry | None:
    return entries_of(story_id).filter(pinned=True).first()


def key_events(story_id) -> list:
    return list(
        LiveEntry.objects.filter(story_id=story_id, key_event=True)
        .order_by("-posted_at", "-id")
        .only("id", "title", "body", "posted_at", "story_id")[:KEY_EVENTS_SHOWN]
    )


def blog_of(story: Story) -> LiveBlog:
    """The blog's state; a live story with no entry yet is an open blog."""
    try:
        return story.live_blog
    except LiveBlog.DoesNotExist:
        return LiveBlog(story=story, coverage_start=story.published_at or story.created_at)


def blog_page(story: Story) -> dict:
    """What the story page shows below the story's own text."""
    return {
        "blog": blog_of(story),
        "pinned": pinned(story.pk),
        "key_events": key_events(story.pk),
        "newest": newest(story.pk),
        "poll_seconds": poll_seconds(),
    }


def live_story_or_404(pk: int) -> Story:
    """A live blog readers may see (for its fragments and feed)."""
    story = live_stories().filter(pk=pk, kind=Kind.LIVE).select_related("live_blog").first()
    if story is None:
        raise Http404("No such live blog")
    return story


def entry_or_404(story: Story, entry_id: int) -> LiveEntry:
    entry = LiveEntry.objects.filter(story=story, pk=entry_id).first()
    if entry is None:
        raise Http404("No such entry")
    return entry
