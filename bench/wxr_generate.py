"""Write a WordPress WXR 1.2 export of any size, streamed to disk (for tests and benches).

.venv/bin/python bench/wxr_generate.py OUT.xml --posts 100000
"""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/{v}/">
<channel>
<title>Old Blog</title><link>{site}</link><description>An old blog</description>
<language>en-US</language><wp:wxr_version>{v}</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[anna]]></wp:author_login>
<wp:author_email><![CDATA[anna@old.example]]></wp:author_email>
<wp:author_display_name><![CDATA[Anna Writer]]></wp:author_display_name></wp:author>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[bob]]></wp:author_login>
<wp:author_display_name><![CDATA[Bob Editor]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename><![CDATA[news]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent>
<wp:cat_name><![CDATA[News]]></wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename><![CDATA[local-news]]></wp:category_nicename>
<wp:category_parent><![CDATA[news]]></wp:category_parent>
<wp:cat_name><![CDATA[Local news]]></wp:cat_name></wp:category>
<wp:tag><wp:term_id>3</wp:term_id><wp:tag_slug><![CDATA[harbour]]></wp:tag_slug>
<wp:tag_name><![CDATA[Harbour]]></wp:tag_name></wp:tag>
"""
TAIL = "</channel>\n</rss>\n"

POST = """<item>
<title>{title}</title>
<link>{site}/{y}/{m}/{d}/{slug}/</link>
<pubDate>{pub}</pubDate>
<dc:creator><![CDATA[{author}]]></dc:creator>
<guid isPermaLink="false">{site}/?p={id}</guid>
<description></description>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
<wp:post_id>{id}</wp:post_id>
<wp:post_date><![CDATA[{local}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{gmt}]]></wp:post_date_gmt>
<wp:comment_status><![CDATA[open]]></wp:comment_status>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[{type}]]></wp:post_type>
<wp:is_sticky>{sticky}</wp:is_sticky>
<category domain="category" nicename="{category}"><![CDATA[{category_name}]]></category>
<category domain="post_tag" nicename="harbour"><![CDATA[Harbour]]></category>
{extra}</item>
"""
ATTACHMENT = """<item>
<title>{title}</title>
<wp:post_id>{id}</wp:post_id>
<wp:post_date><![CDATA[2020-01-01 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2020-01-01 09:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[inherit]]></wp:status>
<wp:post_type><![CDATA[attachment]]></wp:post_type>
<excerpt:encoded><![CDATA[{caption}]]></excerpt:encoded>
<wp:attachment_url><![CDATA[{url}]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>
<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>
</item>
"""
COMMENT = """<wp:comment><wp:comment_id>{cid}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {cid}]]></wp:comment_author>
<wp:comment_author_email><![CDATA[r{cid}@example.org]]></wp:comment_author_email>
<wp:comment_date><![CDATA[2020-01-02 10:00:00]]></wp:comment_date>
<wp:comment_date_gmt><![CDATA[2020-01-02 09:00:00]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[Nice piece {cid}.]]></wp:comment_content>
<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
<wp:comment_parent>0</wp:comment_parent></wp:comment>
"""
WORDS = [
    "harbour",
    "council",
    "city",
    "river",
    "school",
    "bridge",
    "market",
    "train",
    "weather",
    "festival",
    "museum",
    "election",
    "budget",
    "hospital",
    "library",
    "street",
    "park",
]


def post_xml(
    site,
    post_id,
    *,
    title,
    slug,
    status="publish",
    type_="post",
    content="",
    excerpt="",
    when=None,
    author="anna",
    category=("local-news", "Local news"),
    sticky=0,
    extra="",
) -> str:
    when = when or datetime(2019, 5, 1, 8, 30, tzinfo=UTC)
    local = when + timedelta(hours=2)  # the old site ran two hours ahead of UTC
    return POST.format(
        site=site,
        id=post_id,
        title=escape(title),
        slug=slug,
        y=f"{local:%Y}",
        m=f"{local:%m}",
        d=f"{local:%d}",
        pub=when.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        author=author,
        content=content,
        excerpt=excerpt,
        local=f"{local:%Y-%m-%d %H:%M:%S}",
        gmt=f"{when:%Y-%m-%d %H:%M:%S}" if status != "draft" else "0000-00-00 00:00:00",
        status=status,
        type=type_,
        sticky=sticky,
        category=category[0],
        category_name=category[1],
        extra=extra,
    )


def attachment_xml(post_id, url, title="A picture", alt="Alt text", caption="Caption") -> str:
    return ATTACHMENT.format(
        id=post_id, url=url, title=escape(title), slug=f"pic-{post_id}", alt=alt, caption=caption
    )


def comment_xml(cid) -> str:
    return COMMENT.format(cid=cid)


def head(site="https://old.example", version="1.2") -> str:
    return HEAD.format(site=site, v=version)


def generate(path, posts: int, site="https://old.example", seed=1, paragraphs=6):
    rng = random.Random(seed)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    with open(path, "w", encoding="utf-8") as out:
        out.write(head(site))
        for n in range(1, posts + 1):
            words = rng.sample(WORDS, 4)
            body = "\n\n".join(
                " ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(paragraphs)
            )
            out.write(
                post_xml(
                    site,
                    n,
                    title=f"Post {n}: {' '.join(words)}",
                    slug=f"post-{n}-{words[0]}",
                    content=f"<!-- wp:paragraph -->\n{body}\n<!-- /wp:paragraph -->",
                    excerpt=f"Excerpt {n}",
                    when=start + timedelta(minutes=37 * n),
                    author=rng.choice(["anna", "bob"]),
                    extra=comment_xml(n) if n % 10 == 0 else "",
                )
            )
        out.write(TAIL)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--posts", type=int, default=1000)
    args = parser.parse_args()
    generate(args.out, args.posts)
    print(f"wrote {args.posts} posts to {args.out}")
