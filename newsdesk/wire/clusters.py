"""The wire queue's entries: each listed item with the other versions of its story (its
near-duplicate group) that match the same filters, and a one-line summary of who sent
them when ("3 versions: IRNA, ISNA, AP — 12:04–12:31")."""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from newsdesk.content.text import plain_text

PREVIEW_CHARS = 220
# What the queue never shows of an item: the payload as it came (often far longer than the
# text), the duplicate finder's hashes, the picture's own texts and any error.
UNLISTED_FIELDS = ("raw", "shingle_hashes", "image_caption", "image_credit", "error")


@dataclass
class Cluster:
    lead: object
    versions: list = field(default_factory=list)  # the others, newest first

    @property
    def items(self):
        return [self.lead, *self.versions]

    @property
    def agencies(self) -> list[str]:
        names = []
        for item in self.items:
            name = item.source.name if item.source_id else gettext("no source")
            if name not in names:
                names.append(name)
        return names

    @property
    def span(self) -> str:
        times = [timezone.localtime(item.fetched_at) for item in self.items]
        first, last = min(times), max(times)
        fmt = "H:i" if first.date() == last.date() else "M j, H:i"
        start, end = date_format(first, fmt), date_format(last, fmt)
        return start if start == end else f"{start}–{end}"

    @property
    def summary(self) -> str:
        count = len(self.items)
        return ngettext(
            "%(count)d version: %(agencies)s — %(span)s",
            "%(count)d versions: %(agencies)s — %(span)s",
            count,
        ) % {"count": count, "agencies": ", ".join(self.agencies), "span": self.span}

    @property
    def preview(self) -> str:
        text = self.lead.summary or plain_text(self.lead.body)
        return text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else "")


def for_leaders(leaders: list, items) -> list[Cluster]:
    """One Cluster per listed item, its versions read from `items` in one query."""
    group_ids = {item.group_id for item in leaders if item.group_id}
    others: dict[int, list] = {}
    if group_ids:
        rows = items.filter(group_id__in=group_ids).select_related("source").defer(*UNLISTED_FIELDS)
        for row in rows.order_by("-fetched_at", "-id"):
            others.setdefault(row.group_id, []).append(row)
    return [
        Cluster(item, [o for o in others.get(item.group_id, []) if o.pk != item.pk])
        for item in leaders
    ]
