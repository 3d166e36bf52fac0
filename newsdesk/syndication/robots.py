from django.http import HttpResponse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from newsdesk.editions.config import editions
from newsdesk.editions.routing import url_in

# Editors' and machine areas that crawlers have no business in.
DISALLOWED = ("/admin/", "/desk/")


@require_GET
@cache_page(3600)
def robots_txt(request):
    searches = [url_in(edition, "search:search") for edition in editions()]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in (*DISALLOWED, *searches)), ""]
    for edition in editions():  # every edition's sitemaps, from the one file crawlers read
        for name in ("syndication:sitemap-index", "syndication:sitemap-news"):
            lines.append(f"Sitemap: {request.build_absolute_uri(url_in(edition, name))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
