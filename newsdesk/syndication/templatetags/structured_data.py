"""{% story_meta %} and {% breadcrumb_json_ld %}: what search engines and social networks read
in a page's <head> (JSON-LD, OpenGraph, Twitter card)."""

from django import template
from django.utils.safestring import mark_safe

from newsdesk.syndication import structured_data

register = template.Library()


@register.inclusion_tag("syndication/story_meta.html", takes_context=True)
def story_meta(context, story, bylines=None):
    request = context["request"]
    bylines = bylines if bylines is not None else [b.person for b in story.byline_set.all()]
    article = structured_data.news_article(request, story, bylines)
    return {
        "story": story,
        "url": article["url"],
        "image": structured_data.image_url(request, story),
        "published": article["datePublished"],
        "modified": article["dateModified"],
        "is_preview": context.get("is_preview", False),
        "json_ld": mark_safe(structured_data.as_script_json(article)),  # noqa: S308  escaped JSON
        "authors": [person.name for person in bylines],
        "tags": [tag.name for tag in story.tags.all()],
    }


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs):
    request = context["request"]
    data = structured_data.as_script_json(structured_data.breadcrumb_list(request, crumbs or []))
    return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


@register.inclusion_tag("syndication/feed_links.html", takes_context=True)
def feed_links(context):
    """Feed autodiscovery for a listing page: its own feeds, then the whole site's."""
    links = []
    for kind, label in (("section", "section"), ("tag", "tag"), ("person", "author")):
        obj = context.get(kind)
        if obj is not None and getattr(obj, "slug", None):
            name = str(obj)
            links += [
                ("application/rss+xml", f"{name} (RSS)", f"syndication:{label}-rss", obj.slug),
                ("application/atom+xml", f"{name} (Atom)", f"syndication:{label}-atom", obj.slug),
            ]
            break
    links += [
        ("application/rss+xml", "All stories (RSS)", "syndication:rss", None),
        ("application/atom+xml", "All stories (Atom)", "syndication:atom", None),
    ]
    return {"links": links}
