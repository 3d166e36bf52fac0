"""Serve and fill the page cache for anonymous readers; editors always get fresh pages.

A request is a candidate when it is a GET or HEAD without a query string and without a
session cookie (anyone logged in has one). Hits answer from the file, with ETag and
Last-Modified taken from the file exactly as nginx computes them, so a front server and
Python agree and 304s work through either. Views say what a page shows by setting
`response.page_cache_keys` (and `response.page_listing` for numbered list pages); feeds and
sitemaps are recognised by their paths. Nothing else is ever cached.
"""

import os

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from newsdesk.pagecache import purge, stampede, store

FEED_WORDS = ("feed", "rss", "atom")


def _candidate(request) -> bool:
    return (
        store.enabled()
        and request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and store.safe_path(request.path)
    )


def _validators(stat) -> tuple[str, str]:
    """ETag and Last-Modified as nginx makes them for a static file."""
    mtime = int(stat.st_mtime)
    return f'"{mtime:x}-{stat.st_size:x}"', http_date(mtime)


def _public_headers(response, keys: str, stat) -> None:
    etag, last_modified = _validators(stat)
    response["ETag"] = etag
    response["Last-Modified"] = last_modified
    # Browsers revalidate every time (a reader never keeps a stale story); a CDN may keep the
    # page briefly and purge it early by Surrogate-Key.
    response["Cache-Control"] = (
        f"public, max-age=0, must-revalidate, s-maxage={settings.NEWSDESK_CDN_MAX_AGE}"
    )
    if keys:
        response["Surrogate-Key"] = keys


def _page_language(request) -> str:
    """The language a cached page must be in: its edition's (editions/middleware.py)."""
    edition = getattr(request, "edition", None)
    return edition.language if edition else settings.LANGUAGE_CODE


def _implicit_keys(path: str) -> list[str]:
    if "sitemap" in path:
        return ["sitemaps"]
    if any(word in path for word in FEED_WORDS):
        return ["feeds"]
    return []


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _candidate(request):
            response = self.get_response(request)
            if getattr(response, "page_cache_keys", None) is not None:
                response["Cache-Control"] = "private, no-cache"  # an editor's fresh page
            return response
        purge.purge_due()
        hit = store.find(request.path)
        if hit is not None and (served := self._serve(request, hit)) is not None:
            return served
        with stampede.single_render(request.path) as rendered:
            if rendered is not None and (served := self._serve(request, rendered)) is not None:
                return served
            return self._render_and_store(request)

    def _render_and_store(self, request):
        started = store.generation()
        response = self.get_response(request)
        keys = getattr(response, "page_cache_keys", None)
        keys = list(keys) if keys is not None else _implicit_keys(request.path)
        if keys and self._cacheable(request, response):
            purge.ensure_due()
            written = store.write(
                request.path,
                response.get("Content-Type", ""),
                response.content,
                keys,
                getattr(response, "page_listing", None),
                started,
            )
            try:
                stat = os.stat(written) if written is not None else None
            except OSError:  # purged as soon as written: this reader's copy goes out uncached
                stat = None
            if stat is not None:
                _public_headers(response, " ".join(sorted(keys)), stat)
        return response

    @staticmethod
    def _cacheable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            # one cached copy per page: the one in its edition's language
            and getattr(request, "LANGUAGE_CODE", None) in (None, _page_language(request))
        )

    @staticmethod
    def _serve(request, path):
        try:
            body, stat = path.read_bytes(), path.stat()
        except OSError:  # purged between the lookup and the read
            return None
        etag, last_modified = _validators(stat)
        response = HttpResponse(body, content_type=store.CONTENT_TYPES[path.suffix[1:]])
        keys = store.surrogate_keys(request.path)
        _public_headers(response, keys, stat)
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        response["X-Page-Cache"] = "hit"
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(stat.st_mtime), response=response
        )
        if conditional is not response:
            conditional["Cache-Control"] = response["Cache-Control"]
            conditional["Surrogate-Key"] = keys
        return conditional
