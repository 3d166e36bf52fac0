"""The edition of the request being answered, kept as Django keeps the active language and
time zone (an asgiref Local: per thread, and per task under ASGI)."""

from contextlib import contextmanager

from asgiref.local import Local
from django.conf import settings

from newsdesk.editions.config import Edition, editions, main_edition

_state = Local()


def current_edition() -> Edition:
    """The edition being served; the main edition outside of a reader's request."""
    return getattr(_state, "edition", None) or main_edition()


def site_name() -> str:
    """The name readers know the site by: the edition's, on a site of several editions."""
    return current_edition().name if len(editions()) > 1 else settings.NEWSDESK_SITE_NAME


def activate(edition: Edition) -> None:
    _state.edition = edition


def deactivate() -> None:
    if hasattr(_state, "edition"):
        del _state.edition


@contextmanager
def override(edition: Edition):
    """Serve a block as `edition` (feeds and sitemaps of another edition, tests, the demo)."""
    before = getattr(_state, "edition", None)
    _state.edition = edition
    try:
        yield edition
    finally:
        _state.edition = before
