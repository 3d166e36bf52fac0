"""The Jinja2 environment of the readers' pages (settings.TEMPLATES, first engine).

Jinja2 renders a page in a fraction of the Django template language's time (a home page
shows some 60 story cards). What the pages used from Django's templates is here, with
the same output: dates in the site's time zone with localized month and day names,
URLs from the URL patterns, static file URLs, Django's own text filters.
"""

from functools import lru_cache

from django.conf.locale import LANG_INFO
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import linebreaksbr, pluralize
from django.utils import translation
from jinja2 import Environment, Template, pass_context

from newsdesk.claims.reading import story_claims
from newsdesk.content.links import current_routing, fast_reverse, routing_fixed, static_url
from newsdesk.content.services.rows import related_list
from newsdesk.content.web_links import web_url
from newsdesk.live import alerts as live_alerts
from newsdesk.live import reading as live_reading
from newsdesk.live.structured import live_blog_json_ld
from newsdesk.public import translations
from newsdesk.public.edition_links import edition_alternates, edition_switcher
from newsdesk.public.formats import (
    date,
    digits,
    iso,
    language,
    language_bidi,
    locale_fixed,
    today,
    truncatechars,
    truncatewords,
)
from newsdesk.public.pictures import picture, story_gallery
from newsdesk.public.site_nav import nav_items
from newsdesk.public.story_card import story_card
from newsdesk.public.story_head import story_head_meta
from newsdesk.syndication import structured_data


class PageTemplate(Template):
    """Reads the time zone, language, URLconf and script prefix once a render: Django keeps
    them in asgiref Locals (≈ 2 µs a read) and a home page's dates and URLs read them some
    400 times. Nothing a template calls activates another language, zone or URLconf."""

    def render(self, *args, **kwargs):
        with locale_fixed(), routing_fixed():
            return super().render(*args, **kwargs)


def text_direction(language_code: str) -> str:
    """ "rtl" for right-to-left languages (Persian, Arabic, Hebrew, Urdu…), else "ltr"."""
    code = (language_code or "").lower()
    info = LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}
    return "rtl" if info.get("bidi") else "ltr"


def url(viewname: str, *args, **kwargs) -> str:
    """`{% url %}`: Django's reverse(), through the per-pattern cache of fast_reverse."""
    if args or kwargs:
        return fast_reverse(viewname, args, kwargs)
    return _fixed_url(*current_routing(), viewname)


@lru_cache(maxsize=256)
def _fixed_url(urlconf, script_prefix, viewname: str) -> str:
    """A URL without values (the home page, search, icons…): every page makes a dozen."""
    return fast_reverse(viewname)


@receiver(setting_changed)
def _forget_fixed_urls(**kwargs):  # ROOT_URLCONF, editions (tests change them)
    _fixed_url.cache_clear()


@pass_context
def feed_links(context):
    """The listing's own feeds (of its section, tag or person), or a story's section's,
    then the whole site's."""
    story = context.get("story")
    if story is not None and getattr(story, "section", None) and "section" not in context:
        return structured_data.feed_links({"section": story.section})
    return structured_data.feed_links(context)


def environment(**options) -> Environment:
    extensions = [*options.pop("extensions", []), "jinja2.ext.i18n"]
    env = Environment(extensions=extensions, **options)  # noqa: S701  autoescape from settings
    env.template_class = PageTemplate
    # `{{ _("Latest") }}`, `{{ ngettext(…) }}` and `{% trans %}` read Django's catalogues.
    env.install_gettext_translations(translation, newstyle=True)
    # Both names straight to the kept lookup: the extension's `_` resolves `gettext` again
    # on every call.
    env.globals.update(_=translations.gettext, gettext=translations.gettext)
    env.globals.update(
        url=url,
        static=static_url,
        today=today,
        get_language=language,
        get_language_bidi=language_bidi,
        picture=picture,
        story_card=story_card,
        nav_items=nav_items,
        story_gallery=story_gallery,
        related_list=related_list,
        story_claims=story_claims,
        story_head_meta=story_head_meta,
        breadcrumb_json_ld=structured_data.breadcrumb_json_ld,
        feed_links=feed_links,
        live_blog=live_reading.blog_page,
        live_blog_json_ld=live_blog_json_ld,
        breaking_alert=live_alerts.current,
        edition_alternates=edition_alternates,
        edition_switcher=edition_switcher,
    )
    env.filters.update(
        date=date,
        iso=iso,
        digits=digits,
        text_direction=text_direction,
        truncatechars=truncatechars,
        truncatewords=truncatewords,
        linebreaksbr=linebreaksbr,
        intcomma=intcomma,
        pluralize=pluralize,
        web_url=web_url,
    )
    return env
