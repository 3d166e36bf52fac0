"""The edition of the request being answered, kept as Django keeps the active language and
time zone (an asgiref Local: per thread, and per task under ASGI)."""

from contextlib import contextmanager

from asgiref.local import Local

from newsdesk.editions.config import Edition, main_edition

_state = Local()


def current_edition() -> Edition:
    """The edition being served; the main edition outside of a reader's request."""
    return getattr(_state, "edition", None) or main_edition()


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
