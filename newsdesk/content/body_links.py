"""A story's body with its links and picture URLs made absolute, for readers off the site.

The site's own pages may link "/story/12/x/" and show "/media/renditions/…"; a feed reader
or an API client holds the body away from the page it came from and resolves nothing, so
every `href`, `src` and `srcset` URL is resolved against the story's own absolute URL
(RFC 3986, as a browser would on the story page).

Bodies are stored as the sanitizer (nh3, see text.py) serializes them: a `<` in text is
written `&lt;`, so every `<` opens a tag, and every attribute is written name="value" with
the value's `"` and `&` escaped. Tags and their attributes are therefore found exactly
without parsing the document again (a parse and re-serialization of every body cost a feed
more than the rest of it), and a URL's escaped `&amp;` is left as it is: only what comes
before a relative reference changes.
"""

import re
from urllib.parse import urljoin

_TAG = re.compile(r'<[a-zA-Z][^\s/>]*(?:\s+[^\s"=/>]+(?:="[^"]*")?)*\s*/?>')
# One attribute of a tag, read from where the previous one ended (never inside a value).
_ATTRIBUTE = re.compile(r'(\s+)([^\s"=/>]+)(?:="([^"]*)")?')
# A srcset candidate: a URL, then an optional width or density descriptor.
_CANDIDATE = re.compile(r"\s*(\S+)(\s+[^,]*)?\s*(?:,|$)")


def absolute_body(body: str, base: str) -> str:
    """`body` with every link and picture URL resolved against `base` (the story's
    absolute URL). Absolute URLs and other schemes (mailto:) are left as they are."""
    if not body or "=" not in body:
        return body
    return _TAG.sub(lambda tag: _absolute_tag(base, tag[0]), body)


def _absolute_tag(base: str, tag: str) -> str:
    if "=" not in tag:
        return tag
    return _ATTRIBUTE.sub(lambda attribute: _absolute_attribute(base, attribute), tag)


def _absolute_attribute(base: str, attribute) -> str:
    space, name, value = attribute.groups()
    if value is None:
        return attribute[0]
    name_lower = name.lower()
    if name_lower in ("href", "src"):
        value = _absolute(base, value)
    elif name_lower == "srcset":
        value = _absolute_srcset(base, value)
    return f'{space}{name}="{value}"'


def _absolute(base: str, url: str) -> str:
    url = url.strip()
    return urljoin(base, url) if url else url


def _absolute_srcset(base: str, srcset: str) -> str:
    candidates = []
    for match in _CANDIDATE.finditer(srcset):
        if match[1]:
            candidates.append(f"{_absolute(base, match[1])}{(match[2] or '').rstrip()}")
    return ", ".join(candidates)
