"""`fast_reverse()`: Django's `reverse()`, with each URL pattern matched once per process.

`reverse()` searches the URL patterns anew on every call (≈ 25 µs). A home page links about
300 times (stories, sections, five widths × two formats of every picture), which was a
quarter of its rendering time. Here each (name, parameters) pair is reversed once with
placeholder values; later calls check each value against its path converter, exactly as
`reverse()` does, and fill it in, quoted as `reverse()` quotes it. The URL patterns stay
the one source of truth, and a value the converter refuses still raises `NoReverseMatch`.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, resolve, reverse
from django.urls.converters import get_converters

# What reverse() leaves unquoted (django.urls.resolvers: RFC 3986 sub-delims + "/~:@").
SAFE = "!$&'()*+,;=/~:@"
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
# Digits satisfy every converter this project routes by (int, str, slug, uslug, pagenum).
PLACEHOLDER = "7310958462{}"
# Values made only of these characters come out of quote() unchanged: skip the call.
NEEDS_NO_QUOTING = re.compile(r"[-\w.!$&'()*+,;=/~:@]*", re.ASCII)

# (URLconf, script prefix) while a page renders; None outside of routing_fixed().
_fixed_routing: ContextVar[tuple[str, str] | None] = ContextVar("fixed_routing", default=None)


@contextmanager
def routing_fixed():
    """Read the URLconf and script prefix once for a block in which they cannot change, such
    as rendering a page: Django keeps them in asgiref Locals, ≈ 2 µs a read, and a home
    page makes some 100 URLs."""
    token = _fixed_routing.set(_live_routing())
    try:
        yield
    finally:
        _fixed_routing.reset(token)


def current_routing() -> tuple[str, str]:
    """(URLconf, script prefix): what the URLs made now depend on."""
    return _fixed_routing.get() or _live_routing()


def _live_routing() -> tuple[str, str]:
    return get_urlconf() or settings.ROOT_URLCONF, get_script_prefix()  # tests may override


def static_url(path: str) -> str:
    """Django's `static()`, kept per (path, script prefix): the staticfiles storage reads
    its manifest once a process, so a file's URL is fixed until the settings change, and
    working it out costs ≈ 20 µs."""
    return _static_url(path, current_routing()[1])


@lru_cache(maxsize=256)
def _static_url(path, script_prefix):
    return static(path)


@receiver(setting_changed)
def _forget_static_urls(**kwargs):  # STATIC_URL, STORAGES… (tests change them)
    _static_url.cache_clear()


def fast_reverse(viewname: str, args=(), kwargs=None) -> str:
    kwargs = kwargs or {}
    return url_maker(viewname, len(args), tuple(kwargs))(*args, *kwargs.values())


def url_maker(viewname: str, positional: int = 0, keywords: tuple = ()):
    """A function of the URL's values (positional ones, then keyword ones in `keywords`
    order) that builds it for the current request: for many URLs of one pattern."""
    return _maker(*current_routing(), viewname, positional, keywords)


@lru_cache(maxsize=256)
def _maker(urlconf, script_prefix, viewname, positional, keywords):
    plan = _plan(urlconf, script_prefix, viewname, positional, keywords)
    if plan is None:  # not a plain path() route: let reverse() do it
        return lambda *values: reverse(
            viewname,
            args=values[:positional],
            kwargs=dict(zip(keywords, values[positional:], strict=True)),
        )
    pieces, slots = plan

    def make(*values):
        out = [pieces[0]]
        for (index, converter, valid), piece in zip(slots, pieces[1:], strict=True):
            # str(): the str/slug/path converters hand an int back as it came (reverse() too,
            # then formats it into the URL)
            text = str(converter.to_url(values[index]))
            if not valid(text):
                raise NoReverseMatch(f"{text!r} is not a valid value for {viewname!r}")
            out += [text if NEEDS_NO_QUOTING.fullmatch(text) else quote(text, safe=SAFE), piece]
        return "".join(out)

    return make


def _plan(urlconf, script_prefix, viewname, positional, keywords):
    """The URL cut where its values go, and for each cut (value index, converter, its
    check); None when the URL cannot be planned safely."""
    marks = [PLACEHOLDER.format(i) for i in range(positional + len(keywords))]
    url = reverse(
        viewname,
        urlconf=urlconf,
        args=marks[:positional],
        kwargs=dict(zip(keywords, marks[positional:], strict=True)),
    )
    quoted_prefix = quote(script_prefix, safe=SAFE)
    if not url.startswith(quoted_prefix):
        return None
    match = resolve("/" + url[len(quoted_prefix) :], urlconf=urlconf)
    kinds = {m["parameter"]: m["converter"] or "str" for m in ROUTE_PARAMETER.finditer(match.route)}
    if (
        match.view_name != viewname
        or len(kinds) != len(marks)
        or any(url.count(mark) != 1 for mark in marks)
    ):
        return None
    names = [*list(kinds)[:positional], *keywords]  # positional values fill the route in order
    converters = get_converters()
    slots, pieces, rest = [], [], url
    for index in sorted(range(len(marks)), key=lambda i: url.index(marks[i])):
        head, rest = rest.split(marks[index])
        pieces.append(head)
        converter = converters[kinds[names[index]]]
        slots.append((index, converter, re.compile(converter.regex).fullmatch))
    return [*pieces, rest], slots
