"""Embeds as safe placeholders. A paragraph holding only a YouTube or X/Twitter URL becomes
`<div class="embed" data-embed-provider=… data-embed-url=…>` around a plain link: no
third-party script or iframe ever reaches readers (privacy), and the sanitizer keeps it."""

import re
from html import escape, unescape

PROVIDERS = [
    (
        "youtube",
        re.compile(r"^https://(www\.|m\.)?(youtube\.com/watch\?v=|youtu\.be/)[\w-]{6,}\S*$"),
    ),
    ("x", re.compile(r"^https://(www\.)?(x|twitter)\.com/\w{1,15}/status/\d+\S*$")),
]
LABELS = {"youtube": "Watch on YouTube", "x": "View the post on X"}

# <p>URL</p> or <p><a href="URL">URL</a></p>, as editors paste them
_LONE_URL = re.compile(
    r"<p>\s*(?:<a [^>]*href=\"(?P<href>[^\"]+)\"[^>]*>[^<]*</a>|(?P<text>https://[^\s<]+))\s*</p>"
)


def provider_for(url: str) -> str | None:
    for name, pattern in PROVIDERS:
        if pattern.match(url):
            return name
    return None


def placeholder(url: str, provider: str) -> str:
    safe = escape(url, quote=True)
    return (
        f'<div class="embed embed-{provider}" data-embed-provider="{provider}" '
        f'data-embed-url="{safe}"><a href="{safe}">{LABELS[provider]}: {safe}</a></div>'
    )


def mark_embeds(html: str) -> str:
    def replace(match):
        url = unescape(match.group("href") or match.group("text"))
        provider = provider_for(url)
        return placeholder(url, provider) if provider else match.group(0)

    return _LONE_URL.sub(replace, html or "")
