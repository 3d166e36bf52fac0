"""Small pictures for the desk's lists and pickers: the smallest rendition the public site
makes anyway (made once, then served from storage), never the full original."""

from django import template
from django.utils import translation
from django.utils.translation import gettext_lazy

from newsdesk.content.links import url_maker
from newsdesk.content.models import Status
from newsdesk.content.services import media
from newsdesk.desk.language import language_choices

register = template.Library()


@register.simple_tag
def thumb_url(image) -> str:
    if image is None:
        return ""
    widths = media.rendition_widths(image)
    if not widths:
        return image.file.url
    return url_maker("public:rendition", 3)(image.pk, widths[0], "webp")


@register.simple_tag
def desk_languages() -> list[tuple[str, str, bool]]:
    """(code, name, whether it is the page's) of each language the desk speaks."""
    current = (translation.get_language() or "").split("-")[0]
    return [(code, name, code == current) for code, name in language_choices()]


# A story's history names states by their stored codes; the trash is not a Status.
STATE_LABELS = {**dict(Status.choices), "deleted": gettext_lazy("In the trash")}


@register.filter
def state_label(code: str) -> str:
    """A state's name as the desk shows it, in the editor's language."""
    return STATE_LABELS.get(code, code)
