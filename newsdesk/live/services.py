"""Every write to live coverage: entries, a blog's open/archived state, breaking alerts.

Each function checks the user's rights with the content permission service, writes inside
one transaction and announces a `LiveChange` through the change pipeline: after commit the
page cache purges the blog's pages (or, for an alert, every page) and webhooks are queued.
"""

import re
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from newsdesk.content import changes
from newsdesk.content.models import Kind, Person, Story
from newsdesk.content.services import permissions
from newsdesk.content.text import plain_text
from newsdesk.live import alerts
from newsdesk.live.models import BreakingAlert, LiveBlog, LiveEntry
from newsdesk.live.tasks import expire_alert

_PARAGRAPHS = re.compile(r"\n\s*\n")
_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def as_rich_text(text: str) -> str:
    """Typed text becomes paragraphs; text with markup is taken as HTML (sanitized on save)."""
    text = (text or "").strip()
    if _TAG.search(text):
        return text
    paragraphs = [p.strip() for p in _PARAGRAPHS.split(text) if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _check_story(user, story: Story) -> LiveBlog:
    if story.kind != Kind.LIVE:
        raise ValidationError(_("Only a live blog takes entries."))
    if not permissions.can_edit(user, story):
        raise PermissionDenied(_("You may not post to this live blog."))
    blog, _created = LiveBlog.objects.get_or_create(story=story)
    return blog


def _check_entry(user, entry: LiveEntry) -> None:
    if not permissions.can_edit(user, entry.story):
        raise PermissionDenied(_("You may not change this live blog."))


def _clean_body(body: str) -> str:
    html = as_rich_text(body)
    if not plain_text(html).strip() and "<img" not in html and "<iframe" not in html:
        raise ValidationError(_("An entry needs some text."))
    return html


def _unpin_others(entry: LiveEntry) -> None:
    LiveEntry.objects.filter(story_id=entry.story_id, pinned=True).exclude(pk=entry.pk).update(
        pinned=False, updated_at=timezone.now()
    )


def _default_authors(user) -> list:
    return list(Person.objects.filter(user=user)) if user and user.pk else []


def post_entry(
    story: Story, user, *, body: str, title: str = "", key_event=False, pinned=False, authors=None
) -> LiveEntry:
    with transaction.atomic():
        story = Story.objects.select_for_update().get(pk=story.pk)
        blog = _check_story(user, story)
        if blog.archived:
            raise ValidationError(_("This live blog is archived: reopen it to post."))
        entry = LiveEntry(
            story=story,
            title=title.strip(),
            body=_clean_body(body),
            key_event=key_event,
            pinned=pinned,
            created_by=user,
        )
        if pinned:
            _unpin_others(entry)
        entry.save()
        entry.authors.set(authors if authors is not None else _default_authors(user))
        changes.live_changed(changes.ENTRY_POSTED, entry, story, user)
    return entry


def edit_entry(entry: LiveEntry, user, **fields) -> LiveEntry:
    """Change an entry's title, body, key-event or pinned flag (only those given)."""
    with transaction.atomic():
        entry = LiveEntry.objects.select_for_update().select_related("story").get(pk=entry.pk)
        _check_entry(user, entry)
        if "body" in fields:
            entry.body = _clean_body(fields["body"])
        if "title" in fields:
            entry.title = fields["title"].strip()
        for flag in ("key_event", "pinned"):
            if flag in fields:
                setattr(entry, flag, bool(fields[flag]))
        if entry.pinned:
            _unpin_others(entry)
        entry.updated_at = timezone.now()
        entry.save()
        changes.live_changed(changes.ENTRY_UPDATED, entry, entry.story, user)
    return entry


def delete_entry(entry: LiveEntry, user) -> None:
    with transaction.atomic():
        entry = LiveEntry.objects.select_related("story").get(pk=entry.pk)
        _check_entry(user, entry)
        pk = entry.pk
        entry.delete()
        entry.pk = pk  # subscribers (webhooks) name the entry that went
        changes.live_changed(changes.ENTRY_DELETED, entry, entry.story, user)


def set_archived(story: Story, user, archived: bool) -> LiveBlog:
    """Archive (readers' pages stop polling, coverage ends now) or reopen a live blog."""
    with transaction.atomic():
        blog = _check_story(user, story)
        blog.archived = archived
        blog.coverage_end = timezone.now() if archived else None
        blog.save()
        kind = changes.BLOG_ARCHIVED if archived else changes.BLOG_REOPENED
        changes.live_changed(kind, blog, story, user)
    return blog


def start_alert(user, *, headline: str, link: str = "", expires_in=None) -> BreakingAlert:
    """Show `headline` on every page (ending the alert shown before), for `expires_in`
    (a timedelta) or until ended."""
    alerts.check_rights(user)
    headline = headline.strip()
    if not headline:
        raise ValidationError(_("A breaking alert needs a headline."))
    if expires_in is not None and expires_in <= timedelta(0):
        raise ValidationError(_("An alert must last a while: give a positive duration."))
    with transaction.atomic():
        now = timezone.now()
        BreakingAlert.objects.filter(ended_at__isnull=True).update(ended_at=now)
        alert = BreakingAlert(
            headline=headline,
            link=link,
            started_at=now,
            expires_at=now + expires_in if expires_in else None,
            created_by=user,
        )
        alert.full_clean()
        alert.save()
        alerts.forget_cached()
        changes.live_changed(changes.ALERT_STARTED, alert, None, user)
        if alert.expires_at and expire_alert.get_backend().supports_defer:
            when = alert.expires_at
            transaction.on_commit(lambda: expire_alert.using(run_after=when).enqueue(alert.pk))
    return alert
