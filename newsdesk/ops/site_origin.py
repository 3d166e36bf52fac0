"""Absolute URLs come from the configured site URL, never from the request.

Canonical links, og:url, JSON-LD, feed links and API URLs are built with Django's
`request.build_absolute_uri()`, which reads the Host header and X-Forwarded-Proto. A page
rendered for one request is cached and served to every later reader, so a single request
with `Host: localhost:8214` and `X-Forwarded-Proto: https` would plant that origin for all.
With NEWSDESK_SITE_URL set, this middleware makes every request name the site's own
origin before anything renders, so all those URL builders agree with the configuration.
`newsdesk serve` and `demo` set it from their address when serving plain HTTP;
`check --deploy` warns when a production site runs without it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register


def site_origin() -> tuple[str, str] | None:
    """(scheme, host[:port]) of NEWSDESK_SITE_URL, or None when it is not configured."""
    url = getattr(settings, "NEWSDESK_SITE_URL", "")
    if not url:
        return None
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc


class SiteOriginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        origin = site_origin()
        if origin:
            scheme, host = origin
            request.META["HTTP_HOST"] = host
            # SECURE_PROXY_SSL_HEADER makes Django read the scheme from this header.
            proxy_header = (settings.SECURE_PROXY_SSL_HEADER or ("HTTP_X_FORWARDED_PROTO",))[0]
            request.META[proxy_header] = scheme
            request.META.pop("HTTP_X_FORWARDED_HOST", None)
        return self.get_response(request)


@register("security", deploy=True)
def site_url_configured(app_configs, **kwargs):
    url = getattr(settings, "NEWSDESK_SITE_URL", "")
    if not url:
        return [
            CheckWarning(
                "NEWSDESK_SITE_URL is not set: absolute URLs (canonical links, feeds, "
                "JSON-LD) are built from each request's Host header and may be cached so.",
                hint="Set NEWSDESK_SITE_URL=https://your.site",
                id="newsdesk.W001",
            )
        ]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            CheckWarning(f"NEWSDESK_SITE_URL={url!r} is not an http(s) origin.", id="newsdesk.W002")
        ]
    return []
