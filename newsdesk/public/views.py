"""Readers' pages. Thin: each view asks a content service and renders a template."""

from django.http import Http404
from django.shortcuts import redirect, render

from newsdesk.content.links import fast_reverse, url_maker
from newsdesk.content.services import named, pagecounts, reading
from newsdesk.content.services.lists import story_list_page
from newsdesk.content.services.pages import PageNotFound
from newsdesk.pagecache.purge import story_key
from newsdesk.public.breadcrumbs import Crumb


def _story_keys(stories) -> set[str]:
    return {story_key(story.pk) for story in stories if story is not None}


def home(request):
    context = reading.home_page()
    response = render(request, "public/home.html", context)
    shown = [context["lead"], *context["latest"]]
    shown += [story for _, stories in context["section_blocks"] for story in stories]
    response.page_cache_keys = {"home"} | _story_keys(shown)
    return response


def archive(request, number=None):
    return _listing(
        request,
        pagecounts.ALL,
        number,
        url_name="public:archive",
        heading="Blog",
        crumbs=[Crumb("Blog", fast_reverse("public:archive"))],
    )


def section(request, slug, number=None):
    section = named.section_or_404(slug)
    return _listing(
        request,
        pagecounts.section_key(section.pk),
        number,
        url_name="public:section",
        url_kwargs={"slug": section.slug},
        heading=section.name,
        description=section.description,
        crumbs=[Crumb(section.name, section.get_absolute_url())],
        extra={"section": section},
    )


def tag(request, slug, number=None):
    tag = named.tag_or_404(slug)
    return _listing(
        request,
        pagecounts.tag_key(tag.pk),
        number,
        url_name="public:tag",
        url_kwargs={"slug": tag.slug},
        heading=f"Tag: {tag.name}",
        crumbs=[Crumb(f"Tag: {tag.name}", tag.get_absolute_url())],
        extra={"tag": tag},
    )


def author(request, slug, number=None):
    person = named.person_or_404(slug)
    return _listing(
        request,
        pagecounts.author_key(person.pk),
        number,
        url_name="public:author",
        url_kwargs={"slug": person.slug},
        heading=person.name,
        description=person.bio,
        crumbs=[Crumb(person.name, person.get_absolute_url())],
        extra={"person": person},
    )


def story_redirect(request, pk):
    story = reading.story_for_reader(pk, request.user)
    return redirect(story, permanent=story.is_live)


def story(request, pk, slug):
    story, more = reading.story_page(pk, request.user)
    if slug != story.slug:
        return redirect(story, permanent=story.is_live)
    crumbs = [Crumb(story.section.name, story.section.get_absolute_url())] if story.section else []
    context = {
        "story": story,
        "is_preview": not story.is_live,
        "more": more,
        "crumbs": crumbs + [Crumb(story.headline, None)],
    }
    response = render(request, "public/story.html", context)
    response.page_cache_keys = _story_keys([story, *context["more"]])
    return response


def _listing(
    request,
    list_key,
    number,
    *,
    url_name,
    heading,
    crumbs,
    url_kwargs=None,
    description="",
    extra=None,
):
    url_kwargs = url_kwargs or {}
    first_url = fast_reverse(url_name, kwargs=url_kwargs)
    if number is not None and str(number) == "1":
        return redirect(first_url, permanent=True)
    try:
        page = story_list_page(list_key, 1 if number is None else number)
    except PageNotFound:
        raise Http404("No such page") from None

    numbered_url = url_maker(f"{url_name}-page", 0, (*url_kwargs, "number"))

    def page_url(n):
        return first_url if n == 1 else numbered_url(*url_kwargs.values(), n)

    if page.number > 1:
        crumbs = crumbs + [Crumb(f"Page {page.number}", None)]
    context = {
        "page": page,
        "stories": page.items,
        "heading": heading,
        "description": description,
        "crumbs": crumbs,
        "pager": [(n, page_url(n) if n else None) for n in page.window()],
        "previous_url": page_url(page.previous_number) if page.has_previous else None,
        "next_url": page_url(page.next_number) if page.has_next else None,
        **(extra or {}),
    }
    response = render(request, "public/listing.html", context)
    response.page_cache_keys = {f"list-{list_key}"} | _story_keys(page.items)
    response.page_listing = (list_key, page.number)
    return response
