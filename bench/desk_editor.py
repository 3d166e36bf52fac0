"""How the desk's rich-text editor copes with a long story: editor start-up, keystroke
latency and save time for a 10,000-word story against a 300-word one, in Debian's chromium.

    .venv/bin/python bench/desk_editor.py [--port 8131]

Prints the figures and the long/short ratios. Uses a throwaway SQLite data dir.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-bench-")
os.environ["NEWSDESK_HTTPS"] = "0"
os.environ["NEWSDESK_PLAIN_STATIC"] = "1"
os.makedirs(Path(os.environ["NEWSDESK_DATA_DIR"]) / "static")  # whitenoise expects it
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from bench.desk_browser import signed_in_desk  # noqa: E402
from newsdesk.content.models import Section  # noqa: E402
from newsdesk.content.services import revisions  # noqa: E402

SENTENCE = "the minister said on monday that talks would resume after the holiday"
WORDS = SENTENCE.split(" ")


def story_body(words: int) -> str:
    paragraphs, text = [], []
    for i in range(words):
        text.append(WORDS[i % len(WORDS)])
        if len(text) == 80:
            paragraphs.append(f"<p>{' '.join(text)}.</p>")
            text = []
    if text:
        paragraphs.append(f"<p>{' '.join(text)}.</p>")
    return "".join(paragraphs)


def measure(page, url, keys=100):
    start = time.perf_counter()
    page.goto(url)
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.wait_for()
    ready = time.perf_counter() - start
    editor.click()
    page.keyboard.press("Control+End")
    start = time.perf_counter()
    page.keyboard.type("x" * keys)
    # The last keystroke is in the document: the editor kept up.
    page.wait_for_function(
        "n => document.querySelector('.ProseMirror[contenteditable=true]')"
        ".textContent.endsWith('x'.repeat(n))",
        arg=keys,
    )
    per_key = (time.perf_counter() - start) / keys
    start = time.perf_counter()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_selector(".messages")
    saved = time.perf_counter() - start
    return ready, per_key, saved


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8131)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_superuser("bench", "b@example.org", "pw")
    section = Section.objects.create(name="Bench")
    short = revisions.create_story(
        {"headline": "Short", "body": story_body(300), "section": section}, user
    )
    long = revisions.create_story(
        {"headline": "Long", "body": story_body(10_000), "section": section}, user
    )
    with signed_in_desk(user, args.port) as (page, base):
        results = {}
        for name, story in (("300 words", short), ("10,000 words", long)):
            measure(page, f"{base}/desk/stories/{story.pk}/")  # warm-up (static files, JIT)
            results[name] = measure(page, f"{base}/desk/stories/{story.pk}/")

    print(f"{'story':>14} {'editor ready':>14} {'per keystroke':>15} {'save':>10}")
    for name, (ready, per_key, saved) in results.items():
        print(
            f"{name:>14} {ready * 1000:>11.0f} ms "
            f"{per_key * 1000:>12.1f} ms {saved * 1000:>7.0f} ms"
        )
    (r1, k1, s1), (r2, k2, s2) = results.values()
    print(f"{'long/short':>14} {r2 / r1:>13.1f}x {k2 / k1:>14.1f}x {s2 / s1:>9.1f}x")


if __name__ == "__main__":
    main()
