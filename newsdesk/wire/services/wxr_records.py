"""Creating Newsdesk objects from parsed WordPress export records, one object at a time.

Every function is idempotent: an ImportRecord (origin, kind, foreign id) remembers what
was made, so a second run (or a run resumed after an error) finds it and makes nothing new.
"""

from __future__ import annotations

import html
import io
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit

from django.core.files.base import ContentFile
from django.utils import timezone

from newsdesk.content.models import (
    Byline,
    Image,
    Person,
    Route,
    Section,
    Status,
    Story,
    StoryEvent,
    Tag,
)
from newsdesk.content.services import list_moves, provenance, publishing, revisions
from newsdesk.content.services.media import save_original
from newsdesk.content.text import SLUG_MAX_LENGTH, make_slug, plain_text
from newsdesk.net import FetchError, UnsafeURL, fetch
from newsdesk.wire.models import ImportedComment, ImportRecord, OldURL
from newsdesk.wire.services.wordpress_markup import to_html

STATUSES = {
    "publish": Status.PUBLISHED,
    "future": Status.SCHEDULED,
    "draft": Status.DRAFT,
    "pending": Status.REVIEW,
    # Private posts were for logged-in WordPress users only: kept, but off the public site.
    "private": Status.UNPUBLISHED,
}
ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
IMPORT_NOTE = "imported from WordPress"
PROTECTED_HELD = "password-protected in WordPress: imported unpublished, off the public site"


class NotDownloaded(Exception):
    """An attachment kept as its URL; the message says why."""


class Skip(Exception):
    """This record is not imported; the message is the reason shown in the report."""


def wp_datetime(gmt: str, local: str = "", rfc822: str = ""):
    if gmt and not gmt.startswith("0000"):
        try:
            return datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        except ValueError:
            pass
    if rfc822:
        try:
            return parsedate_to_datetime(rfc822)
        except (TypeError, ValueError):
            pass
    if local and not local.startswith("0000"):
        try:
            naive = datetime.strptime(local, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            return None
        return timezone.make_aware(naive)
    return None


def plain(text: str) -> str:
    """WordPress keeps titles, excerpts and term names HTML-escaped ("News &amp; Politics",
    "It&#8217;s"); Newsdesk keeps them as the text they stand for."""
    return html.unescape(text or "").strip()


def _without_marker(title: str, post: dict) -> str:
    """WordPress exports a protected or private post's title as its own pages showed it,
    with an English "Protected: " or "Private: " in front; the marker is not the title."""
    marker = (
        "Protected: "
        if post.get("post_password")
        else ("Private: " if post.get("status") == "private" else "")
    )
    return title[len(marker) :] if marker and title.startswith(marker) else title


def unique_slug(model, text: str) -> str:
    base = make_slug(text) or "item"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        suffix = f"-{n}"
        slug = base[: SLUG_MAX_LENGTH - len(suffix)] + suffix
    return slug


class Records:
    """The objects of one import run, with caches so 100,000 posts need few lookups."""

    def __init__(self, origin: str, download: bool = True):
        self.origin, self.download = origin, download
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}
        self.people: dict[str, Person] = {}
        # Stories made live by this run: announced (webhooks, audit, search, caches) once
        # the import is done, as any published story is.
        self.live_ids: list[int] = []

    def record(self, kind, foreign_id):
        return ImportRecord.objects.filter(
            origin=self.origin, kind=kind, foreign_id=str(foreign_id)
        ).first()

    def remember(self, kind, foreign_id, object_id=None, note=""):
        ImportRecord.objects.update_or_create(
            origin=self.origin,
            kind=kind,
            foreign_id=str(foreign_id),
            defaults={"object_id": object_id, "note": note[:1000]},
        )

    # Taxonomy and people -------------------------------------------------------------
    def section(self, slug: str, name: str = "", parent_slug: str = "") -> Section:
        name = plain(name)
        slug = make_slug(unquote(slug)) or make_slug(name)
        section = self.sections.get(slug) or Section.objects.filter(slug=slug).first()
        created = section is None
        if created:
            section = Section.objects.create(slug=slug, name=name or slug)
        if name and section.name != name and section.name == section.slug:
            section.name = name  # a placeholder made for a child that came first
            section.save(update_fields=["name"])
        if parent_slug and section.parent_id is None:
            parent = self.section(parent_slug)
            if parent.pk != section.pk:
                section.parent = parent
                section.save(update_fields=["parent"])
        self.sections[slug] = section
        return section

    def tag(self, slug: str, name: str = "") -> Tag:
        name = plain(name)
        slug = make_slug(unquote(slug)) or make_slug(name)
        if slug not in self.tags:
            self.tags[slug] = Tag.objects.get_or_create(slug=slug, defaults={"name": name or slug})[
                0
            ]
        return self.tags[slug]

    def person(self, login: str, display_name: str = "") -> Person:
        if login in self.people:
            return self.people[login]
        found = self.record("author", login)
        person = Person.objects.filter(pk=found.object_id).first() if found else None
        if person is None:
            name = plain(display_name) or login
            person = Person.objects.create(name=name, slug=unique_slug(Person, name))
            self.remember("author", login, person.pk)
        self.people[login] = person
        return person

    # Attachments ---------------------------------------------------------------------
    def attachment(self, post: dict) -> tuple[str, str]:
        """Returns ("downloaded" | "kept as URL" | "already imported", why it was not
        downloaded, or "")."""
        if self.record("attachment", post["post_id"]):
            return "already imported", ""
        url = post.get("attachment_url", "")
        image, why = None, "no attachment URL" if not url else "downloads were turned off"
        if self.download and url:
            try:
                image = self._download(url, post)
            except NotDownloaded as reason:
                why = str(reason)
        self.remember("attachment", post["post_id"], image.pk if image else None, note=url)
        return ("downloaded", "") if image else ("kept as URL", why)

    def _download(self, url: str, post: dict) -> Image:
        from PIL import Image as PILImage

        try:
            result = fetch(url, accept="image/*", max_bytes=ATTACHMENT_MAX_BYTES, timeout=20)
        except UnsafeURL as error:
            raise NotDownloaded(f"address refused: {error}") from error
        except FetchError as error:
            raise NotDownloaded(f"download failed: {error}") from error
        if result.status != 200:
            raise NotDownloaded(f"download failed: HTTP {result.status}")
        try:
            PILImage.open(io.BytesIO(result.content)).verify()
        except (OSError, SyntaxError, ValueError) as error:
            raise NotDownloaded("not a picture Newsdesk can read") from error
        image = Image(
            title=plain(post.get("title", ""))[:255],
            alt_text=plain(post["meta"].get("_wp_attachment_image_alt", ""))[:500],
            caption=plain_text(post.get("excerpt", "")),
        )
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "attachment"
        # Raises MediaNotSaved (no row, no partial file) when the storage is full.
        return save_original(image, name[-100:], ContentFile(result.content))

    def attachment_url(self, attachment_id: str) -> str | None:
        found = self.record("attachment", attachment_id)
        if found is None:
            return None
        image = Image.objects.filter(pk=found.object_id).first() if found.object_id else None
        return image.file.url if image else (found.note or None)

    # Posts and pages -----------------------------------------------------------------
    def post(self, post: dict) -> tuple[str, Story | None]:
        """Import a post or page; returns ("created" | "already imported", story)."""
        found = self.record("post", post["post_id"])
        if found is not None:
            return "already imported", Story.objects.filter(pk=found.object_id).first()
        status = STATUSES.get(post.get("status", ""))
        if status is None:
            raise Skip(f"status {post.get('status') or 'missing'!r} is not imported")
        if post.get("post_password") and status in (Status.PUBLISHED, Status.SCHEDULED):
            # Its readers needed a password: the text is kept, but not shown to everyone.
            status = Status.UNPUBLISHED
        if not (post.get("title") or post.get("content")):
            raise Skip("neither a title nor content")
        published = wp_datetime(
            post.get("post_date_gmt", ""), post.get("post_date", ""), post.get("pubDate", "")
        )
        if status in (Status.PUBLISHED, Status.SCHEDULED) and published is None:
            raise Skip("published without a valid date")
        if status == Status.SCHEDULED and published <= timezone.now():
            status = Status.PUBLISHED  # its time came after the export: WordPress published it
        categories = [c for c in post["terms"] if c[0] == "category"]
        headline = _without_marker(plain(post.get("title", "")), post)
        story = Story(
            headline=(headline or "Untitled")[:300],
            # A draft has no post_name yet (and make_slug never answers empty).
            slug=make_slug(unquote(post["post_name"]) if post.get("post_name") else headline),
            standfirst=plain_text(post.get("excerpt", "")),
            body=to_html(post.get("content", ""), self.attachment_url),
            status=status,
            published_at=published if status != Status.DRAFT else None,
            pinned=post.get("is_sticky") == "1",
            section=self.section(categories[0][1], categories[0][2]) if categories else None,
        )
        if published:
            story.created_at = story.updated_at = published
        move = list_moves.track(story)
        story.save()
        tags = [self.tag(slug, name) for kind, slug, name in post["terms"] if kind == "post_tag"]
        if tags:
            story.tags.add(*tags)
        if post.get("creator"):
            Byline.objects.create(story=story, person=self.person(post["creator"]))
        move.settle()  # in an import, with every other story's at its end
        for comment in post["comments"]:
            self._comment(story, comment)
        self._old_urls(story, post)
        if post["meta"].get("_thumbnail_id"):
            self.remember(
                "thumbnail", post["post_id"], story.pk, note=post["meta"]["_thumbnail_id"]
            )
        ImportRecord.objects.create(
            origin=self.origin, kind="post", foreign_id=str(post["post_id"]), object_id=story.pk
        )
        provenance.record_origin(
            story,
            Route.WXR,
            url=post.get("link", ""),
            headline=headline,
            published_at=published,
            reference=f"{self.origin} post {post['post_id']}",
        )
        self._arrive(story)
        return "created", story

    def _arrive(self, story: Story):
        """Revision 1 and a history entry, as every story has; a scheduled story is handed
        to publishing, which announces it when its time comes."""
        revisions.record(story, None, note=f"I{IMPORT_NOTE[1:]}")
        StoryEvent.objects.create(
            story=story, from_status="", to_status=story.status, note=IMPORT_NOTE
        )
        if story.status == Status.SCHEDULED:
            publishing.publish(story, None, at=story.published_at)  # announced when due
        elif story.is_live:
            self.live_ids.append(story.pk)

    def _comment(self, story: Story, comment: dict):
        ImportedComment.objects.get_or_create(
            story=story,
            foreign_id=comment.get("comment_id", ""),
            defaults={
                "author": comment.get("comment_author", "")[:255],
                "author_email": comment.get("comment_author_email", "")[:255],
                "author_url": comment.get("comment_author_url", "")[:500],
                "content": comment.get("comment_content", ""),
                "posted_at": wp_datetime(
                    comment.get("comment_date_gmt", ""), comment.get("comment_date", "")
                ),
                "approved": comment.get("comment_approved") == "1",
                "parent_foreign_id": comment.get("comment_parent", "0"),
            },
        )

    def _old_urls(self, story: Story, post: dict):
        paths = {f"/?p={post['post_id']}"}
        local = post.get("post_date", "")
        slug = unquote(post.get("post_name", ""))
        if post.get("post_type") == "post" and slug and local[:4].isdigit() and local[:4] != "0000":
            paths.add(f"/{local[:4]}/{local[5:7]}/{local[8:10]}/{slug}/")
        link_path = unquote(urlsplit(post.get("link", "")).path)
        if link_path and link_path != "/" and not urlsplit(post.get("link", "")).query:
            paths.add(link_path)
        # An address already taken (another import) keeps its first story.
        OldURL.objects.bulk_create(
            [OldURL(path=path[:500], story=story) for path in paths], ignore_conflicts=True
        )

    def link_featured_images(self) -> int:
        linked = 0
        for thumb in ImportRecord.objects.filter(origin=self.origin, kind="thumbnail").iterator():
            found = self.record("attachment", thumb.note)
            if found and found.object_id:
                linked += Story.objects.filter(pk=thumb.object_id, featured_image=None).update(
                    featured_image_id=found.object_id
                )
        return linked
