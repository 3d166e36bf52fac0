"""Finding what would execute in a page: the checks a browser's parser would trip on."""

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {
    "iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "applet",
    "style", "link_import", "isindex", "keygen", "marquee", "xss", "image", "video", "audio",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "background",
                  "cite", "srcset", "poster", "data-embed-url"}  # fmt: skip
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data(?!:image/(png|jpeg|gif|webp|avif);))", re.I)
ALLOWED_SCRIPT_TYPES = {"application/ld+json", "application/json"}
# Scripts the site itself serves: its static files, and the desk's text catalogue (Django's
# JavaScriptCatalog, built from the shipped translations with nothing a user sent in it).
OWN_SCRIPTS = ("/static/", "/desk/jsi18n/")


def _squash(value: str) -> str:
    # Browsers ignore ASCII whitespace and control characters inside a URL scheme.
    return re.sub(r"[\x00-\x20]", "", value or "")


class DangerFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if (
            tag == "script"
            and not (attributes.get("src") or "").startswith(OWN_SCRIPTS)
            and (attributes.get("type") not in ALLOWED_SCRIPT_TYPES)
        ):
            self.dangers.append(f"<script {attrs}>")
        if tag in FORBIDDEN_TAGS:
            self.dangers.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.dangers.append("<meta refresh>")
        if tag == "link" and (attributes.get("rel") or "").lower() == "import":
            self.dangers.append("<link rel=import>")
        for name, value in attrs:
            if name.startswith("on"):
                self.dangers.append(f"<{tag} {name}=...>")
            if name == "style" and value and re.search(r"expression|url\(|javascript", value, re.I):
                self.dangers.append(f"<{tag} style={value!r}>")
            if name == "srcdoc":
                self.dangers.append(f"<{tag} srcdoc>")
            if name in URL_ATTRIBUTES and value:
                for part in value.split(","):
                    if BAD_SCHEME.match(_squash(part)):
                        self.dangers.append(f"<{tag} {name}={value[:60]!r}>")

    handle_startendtag = handle_starttag


def dangers_in(html: str) -> list[str]:
    finder = DangerFinder()
    finder.feed(html)
    finder.close()
    return finder.dangers
