"""Sitemaps on django.contrib.sitemaps: an index, paginated story sitemaps with the image
extension, small sitemaps for sections/tags/authors, and a Google News sitemap.

Stories are paged by primary-key range, not by OFFSET: the ids are cut into ranges of
`limit` ((0, limit], (limit, 2·limit], …) and page N is the N-th range that holds a live
story of the edition, so no page is empty (an empty <urlset> is not a valid sitemap: ranges
of drafts, of trashed stories or of another edition's stories are skipped). Finding a page's
range costs one index probe per page up to it (twenty at a million stories, 50,000 a page),
then the page is one index range scan. A page holds at most `limit` URLs.
"""

from datetime import timedelta
from functools import partial, wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.views.decorators.cache import cache_page

from newsdesk.content.models import Person, Section, Tag
from newsdesk.content.services.lists import StoryList
from newsdesk.content.services.translations import edition_scope
from newsdesk.editions.config import edition_named, editions
from newsdesk.editions.current import current_edition
from newsdesk.editions.routing import story_url
from newsdesk.pagecache import purge, store

# Google News takes stories of the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000
CACHE_SECONDS = 300


def edition_stories(now=None):
    """The live stories of the edition being served, newest first."""
    return StoryList.of_edition(current_edition().code).stories(now)


def stories_per_sitemap() -> int:
    return min(50_000, getattr(settings, "NEWSDESK_SITEMAP_LIMIT", 50_000))


class _RangePage:
    def __init__(self, object_list):
        self.object_list = object_list


class IdRangePaginator:
    """The two things the sitemap views ask of a paginator, answered without COUNT/OFFSET."""

    def __init__(self, queryset, per_page: int):
        self.queryset = queryset
        self.per_page = per_page

    def _range_starts(self, wanted: int | None = None) -> list[int]:
        """The lower bounds of the first `wanted` (or all) id ranges holding a story of the
        queryset: each found by one probe for the first id past the range before."""
        starts, low = [], 0
        while wanted is None or len(starts) < wanted:
            first = self.queryset.filter(pk__gt=low).order_by("pk").values_list("pk", flat=True)
            first = first.first()
            if first is None:
                break
            low = (first - 1) // self.per_page * self.per_page
            starts.append(low)
            low += self.per_page
        return starts

    @property
    def num_pages(self) -> int:
        return max(1, len(self._range_starts()))

    def bounds(self, number) -> tuple[int, int]:
        """Page `number`'s ids: (low, high]."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if number < 1:
            raise EmptyPage(number)
        starts = self._range_starts(number)
        if len(starts) < number:
            if number == 1:  # no live story yet: the index still lists page 1
                return 0, 0
            raise EmptyPage(number)
        return starts[-1], starts[-1] + self.per_page

    def page(self, number):
        low, high = self.bounds(number)
        return _RangePage(self.queryset.filter(pk__gt=low, pk__lte=high).order_by("pk"))


class StorySitemap(Sitemap):
    """Up to 50,000 stories a page, each with its picture (Google's image extension)."""

    def items(self):
        return (
            edition_stories()
            .select_related("featured_image")
            .only(
                "pk",
                "slug",
                "published_at",
                "updated_at",
                "edition",
                "translation_group",
                "featured_image__file",
            )
        )

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), stories_per_sitemap())

    def lastmod(self, story):
        return max(story.updated_at, story.published_at)

    def get_latest_lastmod(self):
        # Django's default walks every item to find the newest; the index must stay cheap.
        return None

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        site_url = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        translated = _translations([url["item"] for url in urls])
        for url in urls:
            story = url["item"]
            picture = story.featured_image
            url["image"] = f"{site_url}{picture.file.url}" if picture else None
            # hreflang alternates: the story in each edition that has it, itself included.
            others = translated.get(story.translation_group, [])
            url["alternates"] = (
                [
                    (edition_named(other.edition).language, f"{site_url}{story_url(other)}")
                    for other in others
                ]
                if len(others) > 1
                else []
            )
        return urls


def _translations(stories) -> dict:
    """{translation group: its live stories} for the groups of these stories, in one query."""
    groups = {story.translation_group for story in stories if story.translation_group}
    found = {}
    if groups:
        rows = StoryList.everything().stories().filter(translation_group__in=groups)
        for row in rows.only("pk", "slug", "edition", "translation_group").order_by("pk"):
            found.setdefault(row.translation_group, []).append(row)
    return found


class SectionSitemap(Sitemap):
    changefreq = "hourly"

    def items(self):
        sections = Section.objects.order_by("pk")
        scope = edition_scope(current_edition().code)
        return sections if scope is None else sections.filter(edition=scope)


# "Has a live story" as EXISTS: each tag's links are read until one live story turns up,
# where a join with DISTINCT read every link of every live story (16 ms at 20,000 stories,
# growing with the site; 0.8 ms this way).
class TagSitemap(Sitemap):
    def items(self):
        live = edition_stories()
        return Tag.objects.filter(Exists(live.filter(tags=OuterRef("pk")))).order_by("pk")


class AuthorSitemap(Sitemap):
    def items(self):
        live = edition_stories()
        return Person.objects.filter(Exists(live.filter(bylines=OuterRef("pk")))).order_by("pk")


class NewsSitemap(Sitemap):
    """Stories of the last two days, for Google News."""

    limit = NEWS_LIMIT

    def items(self):
        now = timezone.now()
        stories = edition_stories(now)
        return stories.filter(published_at__gte=now - NEWS_WINDOW)[:NEWS_LIMIT]

    def lastmod(self, story):
        return max(story.updated_at, story.published_at)

    def get_urls(self, page=1, site=None, protocol=None):
        # Google News knows a publication by its name and language: an edition's stories
        # are its publication's, in its language; a site of one edition names each story's.
        urls = super().get_urls(page, site, protocol)
        several = len(editions()) > 1
        for url in urls:
            url["language"] = current_edition().language if several else url["item"].language
        return urls


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


def cached_until_purged(view):
    """Django's cache_page for the sitemaps, whose paths are not the page cache's (it holds
    directory-style paths without query strings): kept CACHE_SECONDS at most, under a key
    that the page cache's purges change, so a published story reaches crawlers at once
    (a scheduled one at its time).
    With the page cache off, sitemaps are not cached either."""
    cached = {}

    @wraps(view)
    def answer(request, *args, **kwargs):
        version = store.content_version()
        if version is None:
            return view(request, *args, **kwargs)
        # A scheduled story whose time has come purges as a publish does (as for pages).
        if purge.purge_due():
            version = store.content_version()
        purge.ensure_due()
        versioned = cached.get(version)
        if versioned is None:
            versioned = cache_page(CACHE_SECONDS, key_prefix=f"sitemaps.{version}")(view)
            cached.clear()  # an older version's view is never asked again
            cached[version] = versioned
        return versioned(request, *args, **kwargs)

    return answer


def sitemaps_with_urls() -> dict:
    """The sitemaps that hold a URL now: an empty <urlset> is not a valid sitemap (a young
    site has no tags or bylines yet, an edition no story), so the index leaves them out."""
    return {name: sitemap for name, sitemap in SITEMAPS.items() if sitemap().items().exists()}


def _index(request):
    return sitemap_views.index(
        request, sitemaps_with_urls(), sitemap_url_name="syndication:sitemap-section"
    )


index = cached_until_purged(_index)


section = cached_until_purged(
    partial(sitemap_views.sitemap, sitemaps=SITEMAPS, template_name="syndication/sitemap.xml")
)
news = cached_until_purged(
    partial(
        sitemap_views.sitemap,
        sitemaps={"news": NewsSitemap},
        template_name="syndication/news_sitemap.xml",
    )
)
