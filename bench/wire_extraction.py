# ruff: noqa: E501  (HTML page templates read best on one line each)
"""Web page → story extraction quality on generated pages with known bodies.

    .venv/bin/python bench/wire_extraction.py [--pages 60]

Six layouts (semantic article, div soup with sidebars and comments, an old table layout,
boxes and banners inside the article, <br>-separated text, long menus and "most read"
lists). Precision/recall/F1 of body words (multiset overlap with the true body), micro-
averaged, overall and per layout; plus how often headline, author, date and language
came out right.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter, defaultdict
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORD = re.compile(r"\w+", re.UNICODE)


def _chrome(rng, writer, n=8):
    return [escape(writer.story("Wire").headline) for _ in range(n)]


def page(layout: str, rng, writer):
    copy = writer.story("Agency")
    paragraphs = [escape(p) for p in re.findall(r"<p>(.*?)</p>", copy.body, flags=re.S)]
    author = rng.choice(["Maria Costa", "Jonas Berg", "Aiko Tanaka", "Omar Haddad"])
    date = f"2025-0{rng.randrange(1, 10)}-{rng.randrange(10, 28)}"
    lang = rng.choice(["en", "en-GB", "en-US"])
    links = "".join(
        f'<li><a href="/s/{i}">{h}</a></li>' for i, h in enumerate(_chrome(rng, writer))
    )
    meta = (
        f'<meta name="author" content="{author}">'
        f'<meta property="article:published_time" content="{date}T09:00:00Z">'
        f'<meta property="og:title" content="{escape(copy.headline)}">'
    )
    head = f'<!DOCTYPE html><html lang="{lang}"><head><title>{escape(copy.headline)} | Daily</title>{meta}</head><body>'
    body_p = "".join(f"<p>{p}</p>" for p in paragraphs)
    if layout == "semantic":
        html = (
            f"<header><nav><ul>{links}</ul></nav></header><main><article><h1>{escape(copy.headline)}</h1>"
            f'<p class="byline">By {author}</p>{body_p}</article>'
            f"<aside><h2>Related</h2><ul>{links}</ul></aside></main><footer>© Daily · Privacy · Terms</footer>"
        )
    elif layout == "divsoup":
        comments = "".join(
            f'<div class="comment"><b>user{i}</b> <p>{h} — what a story, totally agree!</p></div>'
            for i, h in enumerate(_chrome(rng, writer, 4))
        )
        html = (
            f'<div id="top"><div class="menu">{links}</div></div><div class="wrap"><div class="col-8">'
            f'<div class="title"><h1>{escape(copy.headline)}</h1></div><div class="content">{body_p}</div>'
            f'<div class="comments"><h3>Comments</h3>{comments}</div></div>'
            f'<div class="col-4 sidebar"><h3>Most read</h3><ol>{links}</ol></div></div>'
        )
    elif layout == "table":
        html = (
            f'<table width="100%"><tr><td width="20%"><ul>{links}</ul></td><td>'
            f'<h1>{escape(copy.headline)}</h1><font size="2">{body_p}</font></td>'
            f'<td width="20%">Advertisement<br>Buy now!</td></tr></table>'
        )
    elif layout == "boxes":
        middle = len(paragraphs) // 2
        box = (
            '<div class="newsletter">Sign up for our newsletter to get the news every morning.'
            '<form><input type="email"><button>Subscribe</button></form></div>'
        )
        html = (
            f'<div class="cookie">We use cookies to improve your experience. <button>Accept</button></div>'
            f'<article><h1>{escape(copy.headline)}</h1><div class="share">Share on X · Facebook · Email</div>'
            + "".join(f"<p>{p}</p>" for p in paragraphs[:middle])
            + box
            + "".join(f"<p>{p}</p>" for p in paragraphs[middle:])
            + f'</article><section class="more"><h2>More stories</h2><ul>{links}</ul></section>'
        )
    elif layout == "br":
        html = (
            f'<div class="page"><h1>{escape(copy.headline)}</h1><div class="text">'
            + "<br><br>".join(paragraphs)
            + f'</div><div class="links">{links}</div></div>'
        )
    else:  # menus
        menus = "".join(f'<nav class="m{i}"><ul>{links}</ul></nav>' for i in range(3))
        html = (
            f"{menus}<article><h1>{escape(copy.headline)}</h1>{body_p}</article>"
            f'<div class="mostread"><h2>Most read</h2><ol>{links}</ol></div>'
        )
    truth = " ".join(re.sub(r"&[a-z]+;", " ", p) for p in paragraphs)
    return head + html + "</body></html>", {
        "text": truth,
        "headline": copy.headline,
        "author": author,
        "date": date,
        "lang": lang,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from newsdesk.content.demo.writer import CopyWriter
    from newsdesk.wire.services.extraction import extract
    from newsdesk.wire.services.page_body import text_of

    rng = random.Random(args.seed)
    writer = CopyWriter(rng)
    layouts = ["semantic", "divsoup", "table", "boxes", "br", "menus"]
    totals = defaultdict(Counter)
    fields = Counter()
    for n in range(args.pages):
        layout = layouts[n % len(layouts)]
        html, truth = page(layout, rng, writer)
        found = extract(html, f"https://daily.example/{n}")
        got = Counter(w.lower() for w in WORD.findall(text_of(found["body"])))
        want = Counter(w.lower() for w in WORD.findall(truth["text"]))
        overlap = sum((got & want).values())
        for key in (layout, "all"):
            totals[key].update(overlap=overlap, got=sum(got.values()), want=sum(want.values()))
        fields["headline"] += found["headline"] == truth["headline"]
        fields["author"] += found["author"] == truth["author"]
        fields["date"] += bool(found["published_at"]) and (
            found["published_at"].date().isoformat() == truth["date"]
        )
        fields["language"] += found["language"].lower() == truth["lang"].lower()
    print(f"{args.pages} generated pages, {len(layouts)} layouts (seed {args.seed})")
    print(f"{'layout':10} {'precision':>9} {'recall':>7} {'F1':>6}")
    for key in [*layouts, "all"]:
        t = totals[key]
        p = t["overlap"] / t["got"] if t["got"] else 0.0
        r = t["overlap"] / t["want"] if t["want"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{key:10} {p:9.3f} {r:7.3f} {f1:6.3f}")
    for name, right in fields.items():
        print(f"{name} right: {right}/{args.pages}")


if __name__ == "__main__":
    main()
