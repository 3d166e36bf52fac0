"""Readers' pages. Thin: each view asks a content service and renders a template."""

from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from newsdesk.content.links import fast_reverse, url_maker
from newsdesk.content.models import Kind
from newsdesk.content.services import named, pagecounts, reading
from newsdesk.content.services.lists import StoryList
from newsdesk.content.services.pages import PageNotFound
from newsdesk.content.services.translations import edition_scope, live_translations
from newsdesk.editions.config import edition_named
from newsdesk.editions.current import current_edition
from newsdesk.editions.routing import story_url
from newsdesk.pagecache.purge import live_key, story_key
from newsdesk.public.breadcrumbs import Crumb
from newsdesk.related.reading import page_key, related_stories


def _story_keys(stories) -> set[str]:
    return {story_key(story.pk) for story in stories if story is not None}


def home(request):
    context = {**reading.home_page(edition_scope(current_edition().code)), "is_home": True}
    response = render(request, "public/home.html", context)
    shown = [context["lead"], *context["latest"]]
    shown += [story for _, stories in context["section_blocks"] for story in stories]
    response.page_cache_keys = {"home"} | _story_keys(shown)
    return response


@dataclass(frozen=True)
class Listing:
    """What a list page shows above its stories, and which list it is."""

    story_list: StoryList
    url_name: str
    heading: str
    crumb_url: str
    url_kwargs: dict = field(default_factory=dict)
    description: str = ""
    extra: dict = field(default_factory=dict)


def _archive() -> Listing:
    return Listing(
        StoryList.of_edition(current_edition().code),
        "public:archive",
        gettext("Blog"),
        fast_reverse("public:archive"),
    )


def _section(slug) -> Listing:
    section = named.section_or_404(slug)
    return Listing(
        StoryList(pagecounts.section_key(section.pk)),
        "public:section",
        section.name,
        section.get_absolute_url(),
        {"slug": section.slug},
        section.description,
        {"section": section},
    )


def _tag(slug) -> Listing:
    tag = named.tag_or_404(slug)
    return Listing(
        StoryList(pagecounts.tag_key(tag.pk)),
        "public:tag",
        gettext("Tag: %(name)s") % {"name": tag.name},
        tag.get_absolute_url(),
        {"slug": tag.slug},
        extra={"tag": tag},
    )


def _author(slug) -> Listing:
    person = named.person_or_404(slug)
    return Listing(
        StoryList(pagecounts.author_key(person.pk)),
        "public:author",
        person.name,
        person.get_absolute_url(),
        {"slug": person.slug},
        person.bio,
        {"person": person},
    )


LISTINGS = {"archive": _archive, "section": _section, "tag": _tag, "author": _author}


def story_redirect(request, pk):
    story = reading.story_for_reader(pk, request.user)
    return redirect(story_url(story), permanent=story.is_live)


def story(request, pk, slug):
    story, more = reading.story_page(pk, request.user)
    if edition_named(story.edition) != current_edition():  # e.g. the desk's link: to its own
        return redirect(story_url(story), permanent=story.is_live)
    if slug != story.slug:
        return redirect(story, permanent=story.is_live)
    translations = live_translations(story)
    crumbs = [Crumb(story.section.name, story.section.get_absolute_url())] if story.section else []
    context = {
        "story": story,
        "is_preview": not story.is_live,
        "more": more,
        "crumbs": crumbs + [Crumb(story.headline, None)],
        "related": related_stories(story),
        "translations": translations,
    }
    response = render(request, "public/story.html", context)
    # A translation published, changed or withdrawn changes this page's language links.
    shown = [story, *more, *context["related"], *translations]
    response.page_cache_keys = _story_keys(shown)
    response.page_cache_keys.add(page_key(story.pk))
    if story.kind == Kind.LIVE:
        response.page_cache_keys.add(live_key(story.pk))  # purged by its entries' changes
    return response


def story_list(request, kind, number=None, **named_by):
    """The archive, a section's, a tag's or an author's stories, page `number`."""
    listing = LISTINGS[kind](**named_by)
    url_name, url_kwargs = listing.url_name, listing.url_kwargs
    first_url = fast_reverse(url_name, kwargs=url_kwargs)
    if number is not None and str(number) == "1":
        return redirect(first_url, permanent=True)
    try:
        page = listing.story_list.page(1 if number is None else number)
    except PageNotFound:
        raise Http404("No such page") from None

    numbered_url = url_maker(f"{url_name}-page", 0, (*url_kwargs, "number"))

    def page_url(n):
        return first_url if n == 1 else numbered_url(*url_kwargs.values(), n)

    crumbs = [Crumb(listing.heading, listing.crumb_url)]
    if page.number > 1:
        crumbs.append(Crumb(gettext("Page %(number)s") % {"number": page.number}, None))
    context = {
        "page": page,
        "stories": page.items,
        "heading": listing.heading,
        "description": listing.description,
        "crumbs": crumbs,
        "pager": [(n, page_url(n) if n else None) for n in page.window()],
        "previous_url": page_url(page.previous_number) if page.has_previous else None,
        "next_url": page_url(page.next_number) if page.has_next else None,
        **listing.extra,
    }
    response = render(request, "public/listing.html", context)
    list_key = listing.story_list.key
    response.page_cache_keys = {f"list-{list_key}"} | _story_keys(page.items)
    response.page_listing = (list_key, page.number)
    return response
