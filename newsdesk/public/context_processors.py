from django.conf import settings

from newsdesk.content.links import url_maker
from newsdesk.content.services.navigation import nav_sections


def site(request):
    return {
        "site_name": settings.NEWSDESK_SITE_NAME,
        "nav_links": nav_links(),
    }


def nav_links() -> list[tuple]:
    """(section, its URL) for the navigation, which every page shows twice (header and
    footer): the URLs made once, by one maker (Section.get_absolute_url's pattern)."""
    section_url = url_maker("public:section", 0, ("slug",))
    return [(section, section_url(section.slug)) for section in nav_sections()]
