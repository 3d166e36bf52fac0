"""`story_card(story, …)`: one story's card on the home, listing and story pages.

Built in Python, as picture() is, rather than as a Jinja macro: a home page shows some 50
cards, and the macro's calls, lookups and escapes cost ≈ 23 µs a card, most of the page's
rendering. Every value is escaped by markupsafe, as the templates' autoescape does.
"""

from functools import lru_cache

from django.utils import translation
from markupsafe import Markup, escape

from newsdesk.public.formats import date, iso, language, truncatewords
from newsdesk.public.pictures import picture

DEFAULT_SIZES = "(min-width: 60em) 20em, 100vw"


@lru_cache(maxsize=64)
def _by(language_code: str) -> str:
    """ "By" in the page's language, looked up once per language rather than once a card
    (gettext reads the active language from an asgiref Local at every call)."""
    with translation.override(language_code):
        return str(escape(translation.gettext("By")))


def story_card(
    story,
    level=2,
    lazy=False,
    is_lead=False,
    show_section=True,
    sizes=DEFAULT_SIZES,
    priority=False,
    show_picture=True,
) -> Markup:
    """`priority`: this card's picture is the page's largest (see picture()).
    `show_picture=False`: a text card (headline lists, rails), whatever the story has."""
    image, section, people = story.featured_image, story.section, story.people
    image = image if show_picture else None
    level = escape(level)
    kicker = (
        f'<p class="kicker"><a href="{escape(section.get_absolute_url())}">'
        f"{escape(section.name)}</a></p>"
        if section and show_section
        else ""
    )
    standfirst = (
        f'<p class="standfirst">{escape(truncatewords(story.standfirst, 40))}</p>'
        if story.standfirst
        else ""
    )
    byline = (
        f'<span class="byline">{_by(language())} '
        f"{', '.join(escape(person.name) for person in people)}</span>"
        if people
        else ""
    )
    return Markup(  # noqa: S704  every value above is escaped
        f'<article class="card{" card-lead" if is_lead else ""}'
        f'{"" if image else " card-text-only"}">\n'
        f"  {escape(picture(image, sizes=sizes, lazy=lazy, priority=priority)) if image else ''}\n"
        f'  <div class="card-text">\n'
        f"    {kicker}\n"
        f'    <h{level} class="card-title"><a href="{escape(story.get_absolute_url())}">'
        f"{escape(story.headline)}</a></h{level}>\n"
        f"    {standfirst}\n"
        f'    <p class="meta">{byline}<time datetime="{escape(iso(story.published_at))}">'
        f"{escape(date(story.published_at, 'F j, Y'))}</time></p>\n"
        f"  </div>\n"
        f"</article>\n"
    )
