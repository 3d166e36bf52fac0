"""Readers' live-blog endpoints, all page-cached and purged by the blog's changes:
the updates fragment open pages poll, older entries a slice at a time, an entry's
permanent link, and the Atom feed."""

from django.contrib.syndication.views import Feed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from newsdesk.content.body_links import absolute_body
from newsdesk.content.text import plain_text
from newsdesk.live import alerts, reading
from newsdesk.live.models import LiveEntry
from newsdesk.pagecache.purge import live_key, story_key

FEED_SIZE = 50


def _keys(story) -> set[str]:
    return {live_key(story.pk), story_key(story.pk)}


def updates(request, pk):
    """What an open page compares with its own: pinned, key events, newest entries, state."""
    story = reading.live_story_or_404(pk)
    context = {"story": story, **reading.blog_page(story), "breaking": alerts.current()}
    response = render(request, "live/updates.html", context)
    response.page_cache_keys = _keys(story)
    return response


def older(request, pk, entry_id):
    """The entries before `entry_id`: a page of its own without JavaScript, a slice the
    script appends with it."""
    story = reading.live_story_or_404(pk)
    anchor = reading.entry_or_404(story, entry_id)
    context = {
        "story": story,
        "blog": reading.blog_of(story),
        "slice": reading.before(story.pk, anchor),
    }
    response = render(request, "live/older.html", context)
    response.page_cache_keys = _keys(story)
    return response


def entry_link(request, pk, entry_id):
    """An entry's permanent address: the story page if the entry is among the newest, else
    the older-entries page that holds it."""
    story = reading.live_story_or_404(pk)
    entry = reading.entry_or_404(story, entry_id)
    newer = (
        LiveEntry.objects.filter(story=story, pinned=False)
        .filter(posted_at__gte=entry.posted_at)
        .exclude(posted_at=entry.posted_at, id__lte=entry.pk)
        .order_by("posted_at", "id")
        .only("id")
    )
    # Counted up to the first screen only: an old entry costs what a recent one does.
    if entry.pinned or len(newer[: reading.newest_count()]) < reading.newest_count():
        return redirect(f"{story.get_absolute_url()}#{entry.anchor}")
    # The older-entries page before the next newer entry opens with this one.
    page = reverse("live:older", args=[story.pk, newer.first().pk])
    return redirect(f"{page}#{entry.anchor}")


class LiveBlogFeed(Feed):
    feed_type = feedgenerator.Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        response.page_cache_keys = _keys(self.story)
        return response

    def get_object(self, request, pk):
        self.base = request.build_absolute_uri(f"/live/{pk}/")
        self.story = reading.live_story_or_404(pk)
        return self.story

    def title(self, story):
        return _("%(headline)s: live") % {"headline": story.headline}

    def link(self, story):
        return story.get_absolute_url()

    def subtitle(self, story):
        return story.summary

    def items(self, story):
        return list(reading.newest(story.pk, FEED_SIZE).entries)

    def item_title(self, entry):
        return entry.title or plain_text(entry.body)[:110]

    def item_description(self, entry):
        return absolute_body(entry.body, self.base)

    def item_link(self, entry):
        return reverse("live:entry", args=[entry.story_id, entry.pk])

    def item_guid(self, entry):
        return f"live-entry-{entry.pk}"

    def item_guid_is_permalink(self, entry):
        return False

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return entry.updated_at

    def item_author_name(self, entry):
        return ", ".join(person.name for person in entry.authors.all()) or None
