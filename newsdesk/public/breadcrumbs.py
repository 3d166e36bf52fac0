from typing import NamedTuple


class Crumb(NamedTuple):
    """One step of a breadcrumb; the last one has no link (it is the current page)."""

    label: str
    url: str | None
