"""CPU of the data side of the readers' pages alone: each public view called in-process with
Django's `render` replaced by a stand-in that touches everything the templates read (cards'
section, picture and people; the story's tags, sources, corrections and gallery), so the
figure is the views' queries and objects without any template rendering.

    NEWSDESK_DATA_DIR=/tmp/newsdesk-bench-20000 PYTHONPATH=. .venv/bin/python \
        bench/profile_reads.py --rounds 300
    … --profile story --sort cumtime     # plus cProfile of one page's data side

Prints microseconds per call (median of interleaved rounds) and the query count per page.
"""

import argparse
import cProfile
import pstats
import statistics
import time

# Django set up as the page profiler sets it up (page cache off, plain HTTP, test hosts).
import profile_pages  # noqa: F401
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from newsdesk.content.models import Section, Story
from newsdesk.public import views


def touch_card(story):
    return (story.section, story.featured_image, story.people, story.get_absolute_url())


def touch_everything(request, template, context):
    """What the templates read, minus the rendering."""
    cards = [context.get("lead"), *context.get("latest", ()), *context.get("stories", ())]
    cards += [s for _, block in context.get("section_blocks", ()) for s in block]
    cards += context.get("more", ())
    for story in filter(None, cards):
        touch_card(story)
    story = context.get("story")
    if story is not None:
        touch_card(story)
        list(story.tags.all()), list(story.sources.all()), list(story.corrections.all())
        [item.image for item in story.gallery_items.all()]
    return HttpResponse()


def pages():
    live = Story.objects.filter(status="published").order_by("-published_at", "-id")
    story = live[500]
    section = Section.objects.order_by("order").first()
    return {
        "home": (views.home, {}),
        "story": (views.story, {"pk": story.pk, "slug": story.slug}),
        "archive p556": (views.story_list, {"kind": "archive", "number": 556}),
        "section": (views.story_list, {"kind": "section", "slug": section.slug}),
    }


def call(view, kwargs):
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response = view(request, **kwargs)
    assert response.status_code == 200, response.status_code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--profile", default="", help="a page name to run under cProfile")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()

    views.render = touch_everything
    targets = pages()
    for view, kwargs in targets.values():
        call(view, kwargs)
    timings = {name: [] for name in targets}
    for _ in range(args.rounds):
        for name, (view, kwargs) in targets.items():
            started = time.process_time()
            call(view, kwargs)
            timings[name].append((time.process_time() - started) * 1e6)
    print(f"{'page':14} {'queries':>7} {'µs (median)':>11}")
    for name, (view, kwargs) in targets.items():
        with CaptureQueriesContext(connection) as queries:
            call(view, kwargs)
        print(f"{name:14} {len(queries):>7} {statistics.median(timings[name]):>11.0f}")
    if args.profile:
        view, kwargs = targets[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.rounds):
            call(view, kwargs)
        profiler.disable()
        pstats.Stats(profiler).strip_dirs().sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
