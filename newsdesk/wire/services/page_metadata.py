"""What a news page says about itself, read from its markup: the publication time with its
zone, the publisher, the main picture's caption and credit; and the cleaning of what
extractors return (headlines carrying the site's name, bylines carrying the publisher or
the writer's job).

Sources, in the order pages are most often right: schema.org JSON-LD (NewsArticle and
kin), OpenGraph/article meta tags, microdata, then <time datetime>.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

# Separators sites put between a headline and their own name or a section label.
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—:·•»«/\\]|::)\s+")
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "citation_publication_date",
)
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "blogposting",
    "report",
    "webpage",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
}
# Words that make a byline part a job or a desk, not a person ("AP Auto Writer").
ROLE_WORDS = {
    "writer", "writers", "correspondent", "correspondents", "editor", "editors", "reporter",
    "reporters", "staff", "contributor", "contributors", "columnist", "bureau", "desk",
    "team", "photographer", "updated", "published", "by", "and", "special",
}  # fmt: skip
# Words that make a byline part an organisation rather than a person.
ORGANISATION_WORDS = {
    "inc", "llc", "ltd", "plc", "gmbh", "corp", "corporation", "company", "co", "group",
    "media", "news", "newspaper", "newspapers", "press", "agency", "network", "networks",
    "broadcasting", "publications", "publishing", "associated", "reuters", "afp", "ap",
    "wire", "services", "service", "times", "post", "journal", "magazine", "radio", "tv",
    "television", "online", "daily", "weekly", "herald", "tribune", "gazette", "nast",
}  # fmt: skip
BYLINE_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\|| with )\s*", re.IGNORECASE)
# A byline read from the text may run on into the date ("Nathan Willis March 25, 2015",
# "Laura June Topolsky July"): cut at a number, or at a month name that is followed by a
# number or ends a part of three words or more (so "Theresa May" and "Marathe" stay).
MONTH = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
DATE_TAIL = re.compile(rf"\s+(?:\d|(?:{MONTH}|may)\s+\d).*$", re.IGNORECASE)


def _without_date(part: str) -> str:
    part = DATE_TAIL.sub("", part)
    words = part.split()
    if len(words) >= 3 and re.fullmatch(MONTH, words[-1], re.IGNORECASE):
        part = " ".join(words[:-1])
    return part


URL_OR_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|https?://\S+")
PLACEHOLDERS = {"username", "admin", "author", "follow author", "anonymous", "unknown"}
BY_PREFIX = re.compile(r"^\s*(?:by|von|par|door|por)\s+", re.IGNORECASE)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


# JSON-LD ---------------------------------------------------------------------------------
def json_ld_objects(root) -> list[dict]:
    """Every JSON-LD object of the page, @graph and lists flattened."""
    found: list[dict] = []

    def walk(value):
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            found.append(value)
            walk(value.get("@graph"))

    for script in root.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text or ""))
        except ValueError:
            continue
    return found


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type") or []
    return {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}


def article_object(root) -> dict:
    objects = [o for o in json_ld_objects(root) if _types(o) & ARTICLE_TYPES]
    # A NewsArticle beats a WebPage that merely contains it.
    objects.sort(key=lambda o: "webpage" in _types(o))
    return objects[0] if objects else {}


def _name(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or ""
    return str(value or "").strip()


def _meta(root, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            values = root.xpath(f"//meta[@{attr}=$n]/@content|//meta[@{attr}=$n]/@datetime", n=name)
            for value in values:
                if value.strip():
                    return value.strip()
    return ""


# Dates -----------------------------------------------------------------------------------
def parse_when(text: str | None):
    """An aware datetime from an ISO 8601 (or RFC 3339-ish) string, keeping its time and
    zone. A bare date means that day in the newsroom's zone, never midnight UTC (which puts
    it a day early for every zone west of Greenwich). None when it is not a date."""
    text = (text or "").strip()
    if not text:
        return None
    candidate = text.replace(" ", "T", 1) if re.match(r"\d{4}-\d\d-\d\d \d", text) else text
    candidate = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", candidate)  # +0100 -> +01:00
    try:
        value = parse_datetime(candidate)
    except ValueError:
        value = None
    if value is None:
        try:
            day = parse_date(text[:10])
        except ValueError:
            day = None
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day, time()))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def published_time(root, fallback: str | None = None):
    """The page's own publication time, with the time of day and zone it states."""
    candidates = [str(article_object(root).get("datePublished") or "")]
    candidates.append(_meta(root, *PUBLISHED_META))
    candidates += root.xpath("//time[@datetime][contains(@itemprop, 'datePublished')]/@datetime")
    candidates += root.xpath("//article//time[@datetime]/@datetime")[:1]
    dated = [parse_when(c) for c in candidates if c]
    with_time = [d for d in dated if d is not None and (d.hour, d.minute) != (0, 0)]
    if with_time:
        return with_time[0]
    return next((d for d in dated if d is not None), None) or parse_when(fallback)


# The publisher, the picture --------------------------------------------------------------
def publisher_names(root, sitename: str = "") -> list[str]:
    article = article_object(root)
    names = [_name(article.get("publisher")), _meta(root, "og:site_name"), sitename]
    names += [
        _name(o)
        for o in json_ld_objects(root)
        if _types(o) & {"organization", "newsmediaorganization"}
    ]
    return [n for n in dict.fromkeys(names) if n]


def image_caption_and_credit(root, image_url: str) -> tuple[str, str]:
    """The main picture's caption and credit: from JSON-LD ImageObject, else the figure
    on the page that shows the same file."""
    article = article_object(root)
    image = article.get("image")
    image = image[0] if isinstance(image, list) and image else image
    caption = credit = ""
    if isinstance(image, dict):
        caption = str(image.get("caption") or image.get("description") or "")
        credit = _name(
            image.get("creditText") or image.get("copyrightHolder") or image.get("author")
        )
    if not caption:
        caption = _meta(root, "og:image:alt", "twitter:image:alt")
    if image_url and not (caption and credit):
        stem = image_url.rsplit("/", 1)[-1].split("?", 1)[0]
        for figure in root.xpath("//figure[.//img]"):
            sources = " ".join(figure.xpath(".//img/@src|.//img/@data-src|.//source/@srcset"))
            if stem and stem in sources:
                captions = figure.xpath(".//figcaption")
                text = " ".join(captions[0].text_content().split()) if captions else ""
                credits = figure.xpath(".//*[contains(@class, 'credit')]")
                credit_text = " ".join(credits[0].text_content().split()) if credits else ""
                if credit_text and credit_text in text:
                    text = text.replace(credit_text, "").strip()
                caption, credit = caption or text, credit or credit_text
                break
    return caption.strip()[:2000], credit.strip()[:255]


def page_title(root, extracted: str = "") -> str:
    """The title the page gives its article: the schema.org headline or name, the
    OpenGraph/Twitter/Dublin Core title, when it shares at least half its words with the
    document's <title> (a "headline" is now and then a description, "Wikimedia list
    article"); else the <title>; and only then an extractor's guess (which may be any
    heading on the page, a box's or the site's)."""
    if root is None:
        return extracted or ""
    document_title = " ".join((root.xpath("string(//head/title)") or "").split())
    title_words = set(_norm(document_title).split())
    article = article_object(root)
    candidates = [_name(article.get("headline")), _name(article.get("name"))]
    candidates.append(_meta(root, "og:title", "twitter:title", "dc.title", "DC.title"))
    for candidate in candidates:
        words = _norm(candidate).split()
        if words and (not title_words or len(set(words) & title_words) >= len(set(words)) / 2):
            return " ".join(candidate.split())
    return document_title or " ".join((extracted or "").split())


def byline_text(root, extracted: str = "") -> str:
    """The page's own statement of its authors (schema.org author names, the author meta
    tag), else an extractor's, which reads bylines from the text and can catch the date."""
    if root is not None:
        authors = article_object(root).get("author")
        authors = authors if isinstance(authors, list) else [authors]
        names = [_name(a) for a in authors if a]
        if any(names):
            return "; ".join(n for n in names if n)
        meta = _meta(root, "author", "article:author", "dc.creator", "parsely-author")
        if meta and "://" not in meta:
            return meta
    return extracted or ""


# Headlines and bylines -------------------------------------------------------------------
def clean_headline(title: str, site_names: list[str], page_headings: list[str]) -> str:
    """The headline without the site's name or a section label around it ("… – TechCrunch",
    "Opinion | …"): the part that is the page's own heading when there is one, else the
    title without parts naming the site, else without a short trailing or leading label."""
    title = " ".join((title or "").split())
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    headings = {_norm(h) for h in page_headings if h}
    for size in range(len(parts), 0, -1):  # the longest run of parts that is a heading
        for start in range(len(parts) - size + 1):
            run = parts[start : start + size]
            joined = title[title.index(run[0]) :]
            joined = joined[: joined.index(run[-1]) + len(run[-1])]
            if _norm(joined) in headings and len(_norm(joined).split()) >= 2:
                return joined
    sites = {_norm(s) for s in site_names if s}
    kept = [p for p in parts if _norm(p) not in sites and not _looks_like_host(p, sites)]
    if kept and len(kept) < len(parts):
        parts = kept
    if len(parts) >= 2:
        words = [len(p.split()) for p in parts]
        longest = words.index(max(words))
        if max(words) >= 3 and all(w <= 3 for i, w in enumerate(words) if i != longest):
            return parts[longest]
    first, last = parts[0], parts[-1]
    return title[title.index(first) : title.rindex(last) + len(last)]


def _looks_like_host(part: str, sites: set[str]) -> bool:
    squashed = _norm(part).replace(" ", "")
    return bool(squashed) and any(squashed == s.replace(" ", "") for s in sites)


def _is_organisation(part: str, publishers: set[str]) -> bool:
    words = _norm(part).split()
    if _norm(part) in publishers or "".join(words) in {p.replace(" ", "") for p in publishers}:
        return True
    return bool(set(words) & ORGANISATION_WORDS) or part.isupper() and len(part) <= 6


def _is_role(part: str) -> bool:
    return bool(set(_norm(part).split()) & ROLE_WORDS)


def split_byline(author: str, publishers: list[str]) -> tuple[list[str], list[str]]:
    """(people, organisations) named in a byline string. "Condé Nast; Molly Wood" gives
    Molly Wood and Condé Nast; "Tom Krisher; Ap Auto Writer" gives Tom Krisher (the rest is
    his job); an e-mail address, a URL or a bare "Staff" names no one."""
    known = {_norm(p) for p in publishers if p}
    people: list[str] = []
    organisations: list[str] = []
    author = URL_OR_BRACKETS.sub(" ", author or "")
    for raw in BYLINE_SPLIT.split(author):
        part = BY_PREFIX.sub("", raw)
        part = _without_date(part).strip(" .·-–—:")
        if not part or "@" in part or not re.search(r"\w", part) or _norm(part) in PLACEHOLDERS:
            continue
        if _is_role(part) and _norm(part) not in known:
            continue  # "AP Auto Writer", "Staff": a job or a desk, not a byline
        if _is_organisation(part, known):
            organisations.append(part)
        elif len(part.split()) > 5:
            continue  # a sentence caught by an extractor, not a name
        else:
            people.append(part.title() if part.isupper() or part.islower() else part)
    return list(dict.fromkeys(people)), list(dict.fromkeys(organisations))
