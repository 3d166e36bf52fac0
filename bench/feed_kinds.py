"""Every feed kind (RSS and Atom of the site, a section, a tag and an author), in-process:
CPU per request, or every document written to a directory to compare two versions of the
code byte for byte (run each version's copy of this script, then `diff -r`).

    NEWSDESK_DATA_DIR=/tmp/newsdesk-bench-20000 .venv/bin/python bench/feed_kinds.py --rounds 30
    … --dump /tmp/feeds-new     # every section's, and the busiest tags' and authors', feeds

Timings are the median process_time of interleaved rounds after a warm-up, the page cache
off (as profile_pages.py). Tag and author rows use the busiest tag and author.
"""

import argparse
import statistics
import time
from pathlib import Path

from django.db.models import Count
from profile_pages import (  # sets Django up, before the models below are imported
    HANDLER,
    anonymous_get,
    call,
)

from newsdesk.content.models import Person, Section, Tag

KINDS = ("rss", "atom")


def busiest(model, count: int) -> list:
    return list(model.objects.annotate(n=Count("stories")).order_by("-n", "pk")[:count])


def urls(count: int) -> dict[str, str]:
    """{name: URL} of the site's feeds, and of `count` sections, tags and authors."""
    found = {f"site {kind}": f"/feeds/{kind}/" for kind in KINDS}
    subjects = {
        "section": list(Section.objects.order_by("order", "pk")[:count]),
        "tag": busiest(Tag, count),
        "author": busiest(Person, count),
    }
    for name, about in subjects.items():
        for number, subject in enumerate(about):
            for kind in KINDS:
                found[f"{name}{number} {kind}"] = f"/feeds/{name}/{subject.slug}/{kind}/"
    return found


def document(url: str) -> bytes:
    """The response to an anonymous GET of `url`: status line, feed headers, body."""
    environ = anonymous_get(url)
    head = []

    def start_response(status, headers, exc_info=None):
        wanted = {"content-type", "last-modified"}
        head.append(status)
        head.extend(f"{k}: {v}" for k, v in headers if k.lower() in wanted)

    body = b"".join(HANDLER(environ, start_response))
    return "\n".join(head).encode() + b"\n\n" + body


def dump(directory: Path, count: int) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, url in urls(count).items():
        (directory / (name.replace(" ", "-") + ".xml")).write_bytes(document(url))


def timings(rounds: int) -> None:
    pages = urls(1)
    for url in pages.values():  # warm-up
        call(url)
    spent = {name: [] for name in pages}
    for _ in range(rounds):
        for name, url in pages.items():
            started = time.process_time()
            call(url)
            spent[name].append((time.process_time() - started) * 1000)
    print(f"{'feed':14} {'ms (median)':>11}")
    for name in pages:
        print(f"{name:14} {statistics.median(spent[name]):>11.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--dump", type=Path, help="write every feed document here instead")
    parser.add_argument("--subjects", type=int, default=5, help="sections, tags, authors dumped")
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.subjects)
    else:
        timings(args.rounds)


if __name__ == "__main__":
    main()
