"""plain_text() and sanitize_html(): bodies per second on story-sized HTML.

    .venv/bin/python bench/plain_text.py [--bodies 2000] [--paragraphs 12]

The bodies mix what stories hold: paragraphs with inline markup and links, lists,
headings, a table and a figure. Prints the time per body and the text's size, so a
change to either function can be weighed against its cost.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsdesk.content.text import plain_text, sanitize_html  # noqa: E402

WORDS = "harbour council ferry river school bridge market train weather budget".split()  # noqa: SIM905


def body(rng: random.Random, paragraphs: int) -> str:
    def sentence():
        words = rng.choices(WORDS, k=rng.randint(8, 20))
        words[rng.randrange(len(words))] = f"<b>{words[0]}</b>"
        words[rng.randrange(len(words))] = (
            f'<a href="https://example.org/{rng.randint(1, 99)}">x</a>'
        )
        return " ".join(words).capitalize() + "."

    parts = []
    for n in range(paragraphs):
        parts.append(f"<p>{sentence()} {sentence()}</p>")
        if n % 4 == 1:
            parts.append("<ul>" + "".join(f"<li>{sentence()}</li>" for _ in range(3)) + "</ul>")
        if n % 5 == 2:
            parts.append(f"<h2>{sentence()}</h2>")
    parts.append("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>")
    parts.append(
        '<figure><img src="https://example.org/a.jpg" alt="a"><figcaption>Cap</figcaption></figure>'
    )
    return "".join(parts)


def per_body_ms(function, bodies) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for html in bodies:
            function(html)
        best = min(best, time.perf_counter() - started)
    return best / len(bodies) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bodies", type=int, default=2000)
    parser.add_argument("--paragraphs", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(7)
    bodies = [body(rng, args.paragraphs) for _ in range(args.bodies)]
    size = sum(map(len, bodies)) / len(bodies)
    print(f"{len(bodies)} bodies of {size / 1024:.1f} KB on average (best of 3 runs)")
    for name, function in (("plain_text", plain_text), ("sanitize_html", sanitize_html)):
        print(f"{name:>14}: {per_body_ms(function, bodies):.3f} ms per body")


if __name__ == "__main__":
    main()
