"""The site's editions: one installation serves one or more, each in its own language.

An edition is configuration, not data: which editions exist decides the URLs (`/` and
`/fa/`), the front server's cache layout and the catalogues shipped, all deploy-time
choices. They are read from the NEWSDESK_EDITIONS setting (a JSON list in the environment
variable of that name; "demo" names the demo's three), e.g.

    [{"code": "en", "name": "Newsdesk"},
     {"code": "fa", "name": "نیوزدسک", "language": "fa", "prefix": "fa",
      "time_zone": "Asia/Tehran", "calendar": "persian", "digits": "persian"}]

With none configured the site has one edition in LANGUAGE_CODE and TIME_ZONE at `/`,
exactly as before editions existed. The first edition is the main one: it is served at
`/` (its prefix is always empty), so every address the site had keeps working; the others
are served under their prefix.
"""

import json
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

# NEWSDESK_EDITIONS=demo (what `make demo` serves): the main edition in English, a Persian
# one at /fa/ and an Arabic one at /ar/.
DEMO_EDITIONS = [
    {"code": "en", "language": "en"},
    {
        "code": "fa",
        "name": "نیوزدسک",
        "language": "fa",
        "prefix": "fa",
        "time_zone": "Asia/Tehran",
        "calendar": "persian",
        "digits": "persian",
    },
    {
        "code": "ar",
        "name": "نيوزديسك",
        "language": "ar",
        "prefix": "ar",
        "time_zone": "Asia/Riyadh",
        "calendar": "hijri",
        "digits": "arabic",
    },
]
CALENDARS = ("gregorian", "persian", "hijri")
DIGITS = ("latin", "persian", "arabic")
# Top-level paths of the site's own apps, which no edition's prefix may take.
TAKEN_PREFIXES = {"admin", "api", "desk", "search", "media", "static", "story", "feeds"}


@dataclass(frozen=True)
class Edition:
    code: str
    name: str
    language: str
    prefix: str = ""
    time_zone: str = "UTC"
    calendar: str = "gregorian"
    digits: str = "latin"

    @property
    def is_main(self) -> bool:
        return not self.prefix

    @property
    def path(self) -> str:
        """Where the edition's pages start: "/" or "/fa/"."""
        return f"/{self.prefix}/" if self.prefix else "/"

    @property
    def direction(self) -> str:
        return "rtl" if _language_info(self.language).get("bidi") else "ltr"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def _language_info(code: str) -> dict:
    code = code.lower()
    return LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}


def _base_language(code: str) -> str:
    return code.lower().split("-")[0]


def _configured() -> list[dict]:
    value = getattr(settings, "NEWSDESK_EDITIONS", None)
    if value == "demo":
        return DEMO_EDITIONS
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else None
        except json.JSONDecodeError as error:
            raise ImproperlyConfigured(f"NEWSDESK_EDITIONS is not valid JSON: {error}") from None
    if not value:
        return [
            {
                "code": _base_language(settings.LANGUAGE_CODE),
                "name": settings.NEWSDESK_SITE_NAME,
                "language": settings.LANGUAGE_CODE,
                "time_zone": settings.TIME_ZONE,
            }
        ]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ImproperlyConfigured("NEWSDESK_EDITIONS must be a list of objects.")
    return value


def _edition(number: int, item: dict) -> Edition:
    code = str(item.get("code", "")).strip()
    if not code or not code.replace("-", "").isalnum() or not code.isascii():
        raise ImproperlyConfigured(f"Edition {number + 1} needs a code of letters and digits.")
    unknown = set(item) - set(Edition.__dataclass_fields__)
    if unknown:
        raise ImproperlyConfigured(f"Edition {code!r}: unknown settings {sorted(unknown)}.")
    edition = Edition(
        code=code,
        name=str(item.get("name") or settings.NEWSDESK_SITE_NAME),
        language=str(item.get("language") or code),
        prefix=str(item.get("prefix", "" if number == 0 else code)).strip("/"),
        time_zone=str(item.get("time_zone") or settings.TIME_ZONE),
        calendar=str(item.get("calendar") or "gregorian"),
        digits=str(item.get("digits") or "latin"),
    )
    if number == 0 and edition.prefix:
        raise ImproperlyConfigured(f"The first edition ({code!r}) is served at / : no prefix.")
    if number > 0 and (not edition.prefix or "/" in edition.prefix):
        raise ImproperlyConfigured(f"Edition {code!r} needs a one-segment prefix, e.g. {code!r}.")
    if edition.prefix in TAKEN_PREFIXES:
        raise ImproperlyConfigured(f"Edition {code!r}: /{edition.prefix}/ is the site's own.")
    if edition.calendar not in CALENDARS:
        raise ImproperlyConfigured(f"Edition {code!r}: calendar must be one of {CALENDARS}.")
    if edition.digits not in DIGITS:
        raise ImproperlyConfigured(f"Edition {code!r}: digits must be one of {DIGITS}.")
    if not _language_info(edition.language):
        raise ImproperlyConfigured(f"Edition {code!r}: unknown language {edition.language!r}.")
    try:
        edition.zone  # noqa: B018  a misspelt zone fails at start, not on a page
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"Edition {code!r}: unknown time zone.") from None
    return edition


@lru_cache(maxsize=1)
def editions() -> tuple[Edition, ...]:
    found = tuple(_edition(n, item) for n, item in enumerate(_configured()))
    for attribute in ("code", "prefix"):
        values = [getattr(edition, attribute) for edition in found]
        if len(set(values)) != len(values):
            raise ImproperlyConfigured(f"NEWSDESK_EDITIONS: two editions share a {attribute}.")
    return found


def main_edition() -> Edition:
    return editions()[0]


def main_edition_code() -> str:
    """What stories and sections belong to unless filed to another edition."""
    return main_edition().code


def edition_named(code: str) -> Edition:
    """The edition with this code; the main edition for a code no longer configured (a
    story of an edition that was taken away stays readable there)."""
    for edition in editions():
        if edition.code == code:
            return edition
    return main_edition()


def edition_of_path(path: str) -> Edition:
    """The edition a request path belongs to: the one whose prefix it starts with."""
    first = path.lstrip("/").split("/", 1)[0]
    for edition in editions()[1:]:
        if first == edition.prefix:
            return edition
    return main_edition()


def choices() -> list[tuple[str, str]]:
    return [(edition.code, f"{edition.name} ({edition.language})") for edition in editions()]


@receiver(setting_changed)
def _forget(setting, **kwargs):  # tests configure editions of their own
    if setting in ("NEWSDESK_EDITIONS", "LANGUAGE_CODE", "TIME_ZONE", "NEWSDESK_SITE_NAME"):
        editions.cache_clear()
