"""`newsdesk bench-corpus` fills real tables, and the pages read it right away."""

from io import StringIO

from django.core.management import call_command

from newsdesk.content.models import Byline, PageCount, Story
from newsdesk.content.services import pagecounts, reading
from newsdesk.content.services.lists import story_list_page


def test_bench_corpus_builds_a_readable_newsroom(db, settings, tmp_path):
    out = StringIO()
    call_command(
        "bench_corpus",
        stories=120,
        sections=3,
        tags=7,
        people=4,
        years=0.5,
        min_words=300,
        max_words=400,
        batch=50,
        stdout=out,
    )
    assert "Created 120 stories" in out.getvalue() and "stories/s" in out.getvalue()
    assert Story.objects.count() == 120
    assert reading.archive().count() == 120
    words = [len(body.split()) for body in Story.objects.values_list("body", flat=True)]
    assert min(words) >= 300
    # The search benchmark's word is in about a fifth of the stories, as the issue asks.
    assert 0.08 < Story.objects.filter(body__icontains="diplomacy").count() / 120 < 0.35
    assert Byline.objects.count() >= 120
    assert Story.tags.through.objects.count() >= 120
    # Page counts were rebuilt after the bulk load: the deepest page is there and full.
    assert PageCount.objects.filter(list_key=pagecounts.ALL).exists()
    last = story_list_page(pagecounts.ALL, 12, per_page=10)
    assert [s.pk for s in last.items] == list(
        reading.archive().values_list("pk", flat=True)[110:120]
    )


def test_bench_corpus_rejects_nonsense(db):
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("bench_corpus", stories=0)
    with pytest.raises(CommandError):
        call_command("bench_corpus", stories=5, min_words=900, max_words=100)
