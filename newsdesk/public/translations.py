"""`{{ _("…") }}` and `{{ gettext("…") }}` in the readers' pages: Jinja2's newstyle gettext
with the same output, the catalogue's answer kept per language and message.

A story page looks up some twenty messages; through Jinja2's alias and Django's gettext
each lookup reads the active translation from an asgiref Local and walks the catalogue's
fallbacks. The catalogues do not change while the process runs (a setting that reloads
them in tests clears this too), so the answer is a pure function of (language, message).
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from jinja2 import pass_context
from markupsafe import Markup

from newsdesk.public.formats import language


@pass_context
def gettext(__context, __string: str, **variables) -> str:
    """Jinja2's newstyle `gettext`: the translation, escaped as markup when the template
    autoescapes, always formatted with `variables` (so "%%" is a literal "%")."""
    code = language()
    if not __context.eval_ctx.autoescape:
        return translated(code, __string) % variables
    if variables or code is None or type(__string) is not str:
        return Markup(translated(code, __string)) % variables  # noqa: S704  as Jinja2 does
    return _markup(code, __string)


def translated(language_code: str | None, message: str) -> str:
    """Django's gettext of `message`, in `language_code`, the active language."""
    if language_code is None or type(message) is not str:  # no language, or safe text
        return translation.gettext(message)
    return _translated(language_code, message)


@lru_cache(maxsize=2048)
def _translated(language_code: str, message: str) -> str:
    # Only called with the active language as `language_code`.
    return translation.gettext(message)


@lru_cache(maxsize=2048)
def _markup(language_code: str, message: str) -> Markup:
    # Formatting with no variables only turns "%%" into "%": kept with the translation.
    return Markup(_translated(language_code, message)) % {}  # noqa: S704  as Jinja2 does


@receiver(setting_changed)
def _forget_translated(setting, **kwargs):
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS", "INSTALLED_APPS"):
        _translated.cache_clear()
        _markup.cache_clear()
