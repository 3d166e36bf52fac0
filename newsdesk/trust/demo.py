"""The demo newsroom's trust features: one event reported by three agencies (one copy in
Persian), a story accepted from the first copy with the second merged in, published and
then corrected; and a second, unrelated event from one agency. Readers then see the
"About this story" box, "Also reported by", /coverage/ and /corrections/."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from newsdesk.content.models import Section, Source
from newsdesk.content.services import corrections, revisions, workflow
from newsdesk.content.text import make_slug
from newsdesk.wire.models import ItemKind, WireItem
from newsdesk.wire.services import ingest, queue

QUAKE = [
    (
        "IRNA",
        "Magnitude 5.6 quake shakes Kerman province",
        "A magnitude 5.6 earthquake struck near the town of Rayen in Kerman province on "
        "Tuesday, injuring 27 people, the provincial crisis management office told IRNA. "
        "Rescue teams were sent to 14 villages.",
    ),
    (
        "Reuters",
        "Earthquake in southeastern Iran injures 27",
        "At least 27 people were hurt when a 5.6-magnitude earthquake hit Kerman province in "
        "southeastern Iran on Tuesday, officials told Reuters. The quake was centred near "
        "Rayen, and teams were checking 14 villages for damage.",
    ),
    (
        "ISNA",
        "زلزله ۵.۶ ریشتری کرمان را لرزاند",
        "زلزله‌ای به بزرگی ۵.۶ ریشتر روز سه‌شنبه حوالی راین در استان کرمان رخ داد و ۲۷ نفر "
        "مصدوم شدند. مدیریت بحران استان کرمان به ایسنا گفت تیم‌های امداد به ۱۴ روستا اعزام شدند.",
    ),
]
OTHER = (
    "IRNA",
    "Central bank raises deposit rate to 23 percent",
    "The Central Bank of Iran raised the interbank deposit rate to 23 percent on Monday to "
    "curb inflation, governor Mohammad Reza Farzin told IRNA.",
)


def _agency(name: str) -> Source:
    site = f"https://www.{name.lower()}.example/"
    return Source.objects.get_or_create(slug=make_slug(name), defaults={"name": name, "url": site})[
        0
    ]


def _copy(agency: str, headline: str, text: str, when, n: int) -> WireItem | None:
    return ingest.store_item(
        kind=ItemKind.FEED,
        raw="",
        source=_agency(agency),
        guid=f"demo-trust-{n}",
        link=f"https://www.{agency.lower()}.example/news/{n}",
        headline=headline,
        body=f"<p>{text}</p>",
        language="fa" if agency == "ISNA" else "en",
        published_at=when,
    )


def build_trust_demo() -> str:
    editor = get_user_model().objects.filter(is_superuser=True, is_active=True).first()
    if editor is None or WireItem.objects.filter(guid="demo-trust-0").exists():
        return "skipped (no editor account, or already there)"
    start = timezone.now() - timedelta(minutes=60)
    copies = [
        _copy(agency, headline, text, start + timedelta(minutes=27 * n), n)
        for n, (agency, headline, text) in enumerate(QUAKE)
    ]
    _copy(*OTHER, start + timedelta(minutes=5), len(QUAKE))
    story = queue.accept(copies[0], editor)
    queue.merge(copies[1], story, editor)
    story.refresh_from_db()
    section = Section.objects.order_by("order", "pk").first() or Section.objects.create(
        name="World", slug="world"
    )
    story = revisions.save_story(story, {"section": section}, editor, story.version)
    workflow.transition(story, "published", editor)
    story.refresh_from_db()
    corrections.add_note(
        story,
        "correction",
        "An earlier version put the number of villages at 41; it is 14.",
        editor,
    )
    return f"story {story.pk} from 2 agencies, in a cluster of 3; a correction"
