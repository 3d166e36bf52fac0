"""SSRF-safe outbound HTTP for every part of Newsdesk (feeds, page import, images, webhooks).

from newsdesk.net import fetch, check_url, UnsafeURL, FetchError
"""

from newsdesk.net.addresses import CheckedURL, FetchError, UnsafeURL, check_url
from newsdesk.net.fetch import DEFAULT_MAX_BYTES, FetchResult, fetch

__all__ = [
    "DEFAULT_MAX_BYTES",
    "CheckedURL",
    "FetchError",
    "FetchResult",
    "UnsafeURL",
    "check_url",
    "fetch",
]
