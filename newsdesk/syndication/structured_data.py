"""What search engines and social networks read in a page's <head>: schema.org JSON-LD
(NewsArticle, BreadcrumbList), OpenGraph and Twitter card values, feed autodiscovery links.

Plain dicts and strings built from the story; the page templates (syndication/jinja2) only
place them. URLs are absolute, built from the request, because search engines read them out
of context.
"""

import json
from functools import lru_cache

from babel.core import get_global
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from newsdesk.content.links import current_routing, fast_reverse, static_url
from newsdesk.content.models import Image
from newsdesk.content.services import media
from newsdesk.content.services.provenance import lineage
from newsdesk.content.services.rows import related_list
from newsdesk.syndication import share_cards
from newsdesk.syndication.provenance_ld import provenance_fields

# Keep "</script>" and HTML comment openers out of an inline JSON block.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script_json(data) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


@lru_cache(maxsize=64)
def og_locale(language: str) -> str:
    """A language code as OpenGraph writes locales, language_TERRITORY ("en" → "en_US",
    "fa" → "fa_IR", "pt-br" → "pt_BR"): a code without a region takes the one CLDR finds
    likeliest for it (and its script: "zh-hant" → "zh_TW"); an unknown one is left as is."""
    subtags = (language or "").replace("_", "-").lower().split("-")
    regions = [tag for tag in subtags[1:] if len(tag) == 2 or tag.isdigit()]
    if regions:
        return f"{subtags[0]}_{regions[0].upper()}"
    likely = get_global("likely_subtags")
    found = likely.get("_".join(tag.title() if len(tag) == 4 else tag for tag in subtags))
    found = found or likely.get(subtags[0], "")
    return f"{subtags[0]}_{found.rsplit('_', 1)[-1]}" if found.count("_") == 2 else subtags[0]


def logo_url(request) -> str:
    custom = getattr(settings, "NEWSDESK_LOGO_URL", "")
    return custom or request.build_absolute_uri(static_url("syndication/logo.png"))


def image_url(request, story) -> str:
    image = story.featured_image
    if image and image.file:
        return request.build_absolute_uri(_file_url(image.file.storage, image.file.name))
    return ""


def share_image(request, story) -> dict:
    """What a shared link shows, as {"url", "width", "height", "alt"}: the story's picture,
    or else its share card (share_cards.py), so no story is shared without one."""
    image = story.featured_image
    if image and image.file:
        return {
            "url": image_url(request, story),
            "width": image.width,
            "height": image.height,
            "alt": image.alt_text,
        }
    width, height = share_cards.SIZES["16x9"]
    return {
        "url": request.build_absolute_uri(share_cards.card_url(story, "16x9")),
        "width": width,
        "height": height,
        "alt": story.headline,
    }


def article_images(request, story) -> list[str]:
    """The story's picture cut to 16:9, 4:3 and 1:1 (as Google asks of articles), or its
    share cards in those shapes."""
    image = story.featured_image
    if image and image.file and image.width:
        urls = _crop_urls(image.file.storage, image.pk, image.file.name)
        return [request.build_absolute_uri(url) for url in urls]
    if image and image.file:
        return [image_url(request, story)]
    return [
        request.build_absolute_uri(share_cards.card_url(story, ratio))
        for ratio in share_cards.SIZES
    ]


@lru_cache(maxsize=1024)
def _file_url(storage, name: str) -> str:
    """`FieldFile.url`, kept per file: the storage makes it the same way every time, at a
    cost (≈ 8 µs: quoting, then joining it to MEDIA_URL) that was 1 % of a story page."""
    return storage.url(name)


@lru_cache(maxsize=1024)
def _crop_urls(storage, pk: int, name: str) -> tuple:
    """`media.crop_url()` of each ratio, kept per picture file as `_file_url()` keeps its own:
    a crop's name is made of the picture's id and file name alone."""
    image = Image(pk=pk, file=name)
    return tuple(storage.url(media.crop_name(image, ratio)) for ratio in media.CROP_RATIOS)


@receiver(setting_changed)
def _forget_file_urls(**kwargs):  # MEDIA_URL, STORAGES, ROOT_URLCONF (tests change them)
    _file_url.cache_clear()
    _crop_urls.cache_clear()
    _feed_links.cache_clear()


def publisher(request) -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSDESK_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        "logo": {"@type": "ImageObject", "url": logo_url(request)},
    }


def news_article(request, story, bylines, images: list[str]) -> dict:
    """`images`: article_images(). The headline is whole, as og:title and the page have it
    (Google no longer cuts a NewsArticle's headline at 110 characters)."""
    url = request.build_absolute_uri(story.get_absolute_url())
    headline = story.headline
    authors = [
        {
            "@type": "Person",
            "name": person.name,
            "url": request.build_absolute_uri(person.get_absolute_url()),
        }
        for person in bylines
    ] or [{"@type": "Organization", "name": settings.NEWSDESK_SITE_NAME}]
    published = story.published_at or story.created_at
    modified = max(story.updated_at, published)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "description": story.summary[:300],
        "image": images,
        "datePublished": published.isoformat(timespec="seconds"),
        "dateModified": modified.isoformat(timespec="seconds"),
        "author": authors,
        "publisher": publisher(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "isAccessibleForFree": True,
        "inLanguage": story.language,
    }
    if story.section:
        data["articleSection"] = story.section.name
    data.update(provenance_fields(lineage(story)))
    return data


def breadcrumb_list(request, crumbs) -> dict:
    """Home first, then each crumb; the last crumb (no link) is the current page."""
    items = [(gettext("Home"), request.build_absolute_uri("/"))]
    for crumb in crumbs:
        items.append((crumb.label, request.build_absolute_uri(crumb.url or request.path)))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(items, start=1)
        ],
    }


def story_meta(request, story) -> dict:
    """The values story_head.py places: OpenGraph, Twitter card, JSON-LD."""
    article = news_article(request, story, story.people, article_images(request, story))
    json_ld = as_script_json(article)
    return {
        "url": article["url"],
        "image": share_image(request, story),
        "published": article["datePublished"],
        "modified": article["dateModified"],
        "json_ld": mark_safe(json_ld),  # noqa: S308  escaped JSON
        # ogp.me: article:author is an array of profile URLs.
        "authors": [request.build_absolute_uri(p.get_absolute_url()) for p in story.people],
        "tags": [tag.name for tag in related_list(story, "tags")],
    }


def breadcrumb_json_ld(request, crumbs) -> SafeString:
    data = as_script_json(breadcrumb_list(request, crumbs or []))
    return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


FEED_KINDS = (("section", "section"), ("tag", "tag"), ("person", "author"))
FEED_FORMATS = (("application/rss+xml", "RSS", "rss"), ("application/atom+xml", "Atom", "atom"))


def feed_links(listed_by) -> list[tuple[str, str, str]]:
    """Feed autodiscovery for a listing page, as (type, title, URL): its own feeds (of the
    section, tag or person in the mapping `listed_by`), then the whole site's."""
    own = None
    for kind, label in FEED_KINDS:
        obj = listed_by.get(kind)
        if obj is not None and getattr(obj, "slug", None):
            own = (label, obj.slug, str(obj))
            break
    return list(_feed_links(own, get_language(), *current_routing()))


@lru_cache(maxsize=1024)
def _feed_links(own, language, urlconf, script_prefix) -> tuple:
    """`own`: (feed kind, slug, name) or None. The language names the site's feeds; the
    URLconf and script prefix make the URLs. Every page carries these links."""
    links = []
    if own is not None:
        label, slug, name = own
        links += [
            (mime, f"{name} ({title})", fast_reverse(f"syndication:{label}-{fmt}", (slug,)))
            for mime, title, fmt in FEED_FORMATS
        ]
    links += [
        (
            mime,
            gettext("All stories (%(format)s)") % {"format": title},
            fast_reverse(f"syndication:{fmt}"),
        )
        for mime, title, fmt in FEED_FORMATS
    ]
    return tuple(links)
