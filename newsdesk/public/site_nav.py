"""`nav_items(nav_links, current, separator)`: the sections' links of the site's navigation,
which every page shows twice (header and footer).

Built in Python, as story cards are (story_card.py), and kept for each list of links:
as a template loop, its lookups and escapes (and, on pages without a section, an undefined
`section` made for every link) cost ≈ 40 µs a page, some 5 % of a story page. Names and
URLs are escaped by markupsafe, as the templates' autoescape does.
"""

from functools import lru_cache

from markupsafe import Markup, escape


def nav_items(nav_links, current=None, separator: str = "") -> Markup:
    """An <li> link for each (section, URL) of `nav_links`, each followed by `separator`;
    the link to `current` (the page's own section, if any) marked aria-current."""
    current_pk = getattr(current, "pk", None) if current else None
    links = tuple((url, section.pk, section.name) for section, url in nav_links)
    return _nav_items(links, current_pk, separator)


@lru_cache(maxsize=256)
def _nav_items(links: tuple, current_pk, separator: str) -> Markup:
    items = []
    for url, pk, name in links:
        marked = ' aria-current="page"' if current_pk is not None and pk == current_pk else ""
        items.append(f'<li><a href="{escape(url)}"{marked}>{escape(name)}</a></li>{separator}')
    return Markup("".join(items))  # noqa: S704  names and URLs escaped
