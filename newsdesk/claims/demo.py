"""The demo newsroom's ledger: two agency reports dense with attributed figures, then
extraction over every demo story, and an editor's hand on a few claims (one confirmed,
one corrected, one removed) so the desk shows each state."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from newsdesk.claims import ledger
from newsdesk.claims.models import Claim
from newsdesk.content.models import Section, Source, Status, Story
from newsdesk.content.text import make_slug

REPORTS = [
    (
        "Quake death toll rises to 340 as rescuers search the rubble",
        "The Health Ministry gave the new figure on Monday.",
        [
            "The death toll from the earthquake rose to 340, the Health Ministry said on "
            "Monday. Another 1,200 people were injured, it said.",
            "Ali Rezaei, a spokesman for the Red Crescent, was quoted by the Caspian News "
            "Agency as saying 18 rescue teams were working in 42 villages.",
            "About 250,000 people have been left without shelter, the UN Office for the "
            "Coordination of Humanitarian Affairs said, and it appealed for $85 million.",
            '"We need at least 300 doctors," the provincial governor told state television.',
        ],
    ),
    (
        "Oil exports climb to 2.1 million barrels a day",
        "Shipments rose for a third month, according to official figures.",
        [
            "Crude exports reached 2.1 million barrels a day in April, according to a report "
            "from the Gulf Wire Service, up 0.8 percent from March.",
            "The oil minister told parliament that revenue would reach $3.4bn this quarter.",
            "Two senior officials told Levant Newswire that 12 new tankers had been chartered "
            "in three weeks.",
            "Prices fell 1.2% on Tuesday, traders said.",
        ],
    ),
]


def build_demo_claims() -> dict:
    """Write the reports, extract every story's claims, and check a few by hand."""
    now = timezone.now()
    section = Section.objects.order_by("order").first()
    sources = list(Source.objects.order_by("pk"))
    with transaction.atomic():
        for hours, (headline, standfirst, paragraphs) in enumerate(REPORTS, start=1):
            story, created = Story.objects.get_or_create(
                slug=make_slug(headline),
                defaults={
                    "headline": headline,
                    "standfirst": standfirst,
                    "body": "".join(f"<p>{text}</p>" for text in paragraphs),
                    "section": section,
                    "status": Status.PUBLISHED,
                    "published_at": now - timedelta(hours=hours),
                },
            )
            if created and sources:
                story.sources.add(sources[hours % len(sources)])
    stories = Story.objects.filter(deleted_at__isnull=True)
    changed = sum(ledger.refresh(story) for story in stories.iterator(chunk_size=200))
    _editors_hand(Story.objects.get(slug=make_slug(REPORTS[0][0])))
    return {"stories": changed, "claims": Claim.objects.count()}


def _editors_hand(story: Story) -> None:
    editor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if editor is None:
        return
    claims = {claim.quote: claim for claim in story.claims.all()}
    if "340" in claims:
        ledger.confirm(claims["340"], editor)
    if "1,200" in claims:
        ledger.correct(claims["1,200"], editor, {"unit": "people injured"})
    if "300" in claims:
        ledger.remove(claims["300"], editor)  # a request, not a claim of fact
