"""`newsdesk bench-corpus --stories N`: a large, realistic corpus for benchmarks, fast.

Bodies are assembled from a pool of pre-written, pre-sanitized paragraphs so that a million
stories take minutes, not hours; everything else (sections, tags, bylines, agencies,
pictures, dates over years) goes through the real models with bulk inserts.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from newsdesk.content.benchcorpus import CorpusSpec, build_corpus


class Command(BaseCommand):
    help = "Fill the database with N realistic published stories for benchmarks (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, required=True)
        parser.add_argument("--sections", type=int, default=10)
        parser.add_argument("--tags", type=int, default=100)
        parser.add_argument("--people", type=int, default=40)
        parser.add_argument("--years", type=float, default=5.0)
        parser.add_argument("--min-words", type=int, default=300)
        parser.add_argument("--max-words", type=int, default=1500)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, stories, **options):
        if stories < 1:
            raise CommandError("--stories must be at least 1")
        if options["min_words"] > options["max_words"]:
            raise CommandError("--min-words must not exceed --max-words")
        spec = CorpusSpec(
            stories=stories,
            sections=options["sections"],
            tags=options["tags"],
            people=options["people"],
            years=options["years"],
            min_words=options["min_words"],
            max_words=options["max_words"],
            batch=options["batch"],
            seed=options["seed"],
        )
        started = time.perf_counter()

        def progress(done, total):
            elapsed = time.perf_counter() - started
            self.stdout.write(f"  {done:>10,} / {total:,} stories  {done / elapsed:,.0f} stories/s")
            self.stdout.flush()

        result = build_corpus(spec, progress=progress)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result['stories']:,} stories ({result['words']:,} words, "
                f"{result['tag_links']:,} tag links, {result['bylines']:,} bylines) "
                f"in {elapsed:,.1f} s: {result['stories'] / elapsed:,.0f} stories/s"
            )
        )
