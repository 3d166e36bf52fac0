"""`story_head_meta(request, story, is_preview)`: the story page's OpenGraph, article,
Twitter card and JSON-LD tags, from `syndication.structured_data.story_meta()`.

Built in Python, as story cards are (story_card.py), rather than as an included template:
the include's own context and its thirty lookups and escapes cost more than the values.
Every value is escaped by markupsafe, as the templates' autoescape does; the line breaks
are those the template had, its empty lines included.
"""

from markupsafe import Markup, escape

from newsdesk.public.formats import truncatechars
from newsdesk.syndication import structured_data
from newsdesk.syndication.structured_data import og_locale


def story_head_meta(request, story, is_preview: bool) -> Markup:
    """The values of `structured_data.story_meta()`, placed."""
    meta = structured_data.story_meta(request, story)
    headline, summary, image = escape(story.headline), story.summary, meta["image"]
    html = [
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{headline}">\n'
        f'<meta property="og:description" content="{escape(truncatechars(summary, 300))}">\n'
        f'<meta property="og:url" content="{escape(meta["url"])}">\n'
        f'<meta property="og:locale" content="{escape(og_locale(story.language))}">\n'
        f'<meta property="og:image" content="{escape(image["url"])}">\n'
    ]
    if image["width"]:
        html.append(
            f'<meta property="og:image:width" content="{escape(image["width"])}">\n'
            f'<meta property="og:image:height" content="{escape(image["height"])}">\n'
        )
    if image["alt"]:
        html.append(f'<meta property="og:image:alt" content="{escape(image["alt"])}">\n')
    html.append(
        f'<meta property="article:published_time" content="{escape(meta["published"])}">\n'
        f'<meta property="article:modified_time" content="{escape(meta["modified"])}">\n'
    )
    if story.section:
        html.append(f'<meta property="article:section" content="{escape(story.section.name)}">')
    html.append("\n")
    html += [f'<meta property="article:author" content="{escape(a)}">\n' for a in meta["authors"]]
    html += [f'<meta property="article:tag" content="{escape(tag)}">\n' for tag in meta["tags"]]
    html.append(
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'<meta name="twitter:title" content="{headline}">\n'
        f'<meta name="twitter:description" content="{escape(truncatechars(summary, 200))}">\n'
        f'<meta name="twitter:image" content="{escape(image["url"])}">\n'
    )
    if is_preview:
        html.append('<meta name="robots" content="noindex">')
    html.append(f'\n<script type="application/ld+json">{meta["json_ld"]}</script>')
    return Markup("".join(html))  # noqa: S704  every value above is escaped
