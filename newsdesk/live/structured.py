"""A live blog's JSON-LD: a LiveBlogPosting with its newest entries as liveBlogUpdates."""

from django.utils.safestring import SafeString, mark_safe

from newsdesk.content.text import plain_text
from newsdesk.syndication.structured_data import as_script_json


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def live_blog_json_ld(request, story, page: dict) -> SafeString:
    url = request.build_absolute_uri(story.get_absolute_url())
    blog = page["blog"]
    entries = [e for e in [page["pinned"], *page["newest"].entries] if e is not None]
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "url": url,
        "headline": story.headline,
        "description": story.summary,
        "datePublished": _iso(story.published_at),
        "dateModified": _iso(max((e.updated_at for e in entries), default=story.updated_at)),
        "coverageStartTime": _iso(blog.coverage_start),
        "coverageEndTime": _iso(blog.coverage_end),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.title or plain_text(entry.body)[:110],
                "url": f"{url}#{entry.anchor}",
                "datePublished": _iso(entry.posted_at),
                "dateModified": _iso(entry.updated_at),
                "articleBody": plain_text(entry.body),
                "author": [{"@type": "Person", "name": p.name} for p in entry.authors.all()],
            }
            for entry in entries
        ],
    }
    if not blog.coverage_end:
        del data["coverageEndTime"]
    # Every value is escaped for a script element by as_script_json.
    return mark_safe(f'<script type="application/ld+json">{as_script_json(data)}</script>')  # noqa: S308
