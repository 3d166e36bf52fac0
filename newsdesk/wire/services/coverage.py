"""The same event across agencies: every wire item joins the cluster of the event it
reports (services/events.py decides "same event"), and so does every story, through the
item it was accepted from or, for a story written or imported here, by its own text.

A new copy is compared only with copies seen within WINDOW of it that share at least two
of its keys (names, numbers, days; looked up in ClusterKey's index), the likeliest first:
its cost stays the same however many copies the store holds. When a cluster gains a copy,
the pages showing it (its stories' pages, /coverage/) are purged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Max, Min

from newsdesk.content.text import plain_text
from newsdesk.pagecache import store
from newsdesk.pagecache.purge import story_key
from newsdesk.wire.models import ClusterKey, ClusterMember, EventCluster, WireItem
from newsdesk.wire.services import events

WINDOW = timedelta(hours=48)
CANDIDATES = 12
MIN_SHARED_KEYS = 2
# The page cache's key of the coverage page.
CACHE_KEY = "coverage"
# Keys nearly every copy of the region carries: no help in finding candidates (they still
# count in the comparison itself).
COMMON_KEYS = frozenset(
    ["iran", "tehran", "percent", "monday", "tuesday", "wednesday", "thursday", "friday"]
    + ["saturday", "sunday"]
)


def _as_json(signature: events.Signature) -> dict:
    return {
        "words": sorted(signature.words),
        "keys": sorted(signature.keys),
        "script": signature.script,
    }


def _from_json(data: dict) -> events.Signature:
    return events.Signature(
        frozenset(data.get("words", ())), frozenset(data.get("keys", ())), data.get("script", "")
    )


def item_signature(item: WireItem) -> events.Signature:
    return events.signature(item.headline, plain_text(item.body) or plain_text(item.summary))


def add_items(items) -> list[ClusterMember]:
    """Place each new wire item (one feed document's, or one import) in its cluster."""
    placed = []
    for item in items:
        if item.error or not (item.headline or item.body):
            continue
        placed.append(
            _place(
                item_signature(item),
                item=item,
                agency_id=item.source_id,
                headline=item.headline,
                url=item.link,
                seen_at=item.published_at or item.fetched_at,
            )
        )
    return placed


def add_accepted_story(story, item: WireItem) -> ClusterMember | None:
    """A story accepted from `item` joins the item's cluster (no matching needed)."""
    copy = ClusterMember.objects.filter(item=item).first()
    if copy is None or ClusterMember.objects.filter(story=story).exists():
        return None
    return _join(
        copy.cluster,
        _from_json(copy.signature),
        story=story,
        headline=story.headline,
        url="",
        seen_at=story.published_at or story.created_at,
        with_keys=False,
    )


def add_story(story) -> ClusterMember | None:
    """A story written in the newsroom or imported joins the cluster its text matches."""
    if ClusterMember.objects.filter(story=story).exists():
        return None
    text = plain_text(f"{story.standfirst} {story.body}")
    return _place(
        events.signature(story.headline, text),
        story=story,
        headline=story.headline,
        url="",
        seen_at=story.published_at or story.created_at,
    )


def _candidates(keys: list[str], seen_at) -> list[ClusterMember]:
    if not keys:
        return []
    shared = (
        ClusterKey.objects.filter(
            key__in=keys, seen_at__gte=seen_at - WINDOW, seen_at__lte=seen_at + WINDOW
        )
        .values("member_id")
        .annotate(shared=Count("id"))
        .filter(shared__gte=MIN_SHARED_KEYS)
        .order_by("-shared", "-member_id")[:CANDIDATES]
    )
    ids = [row["member_id"] for row in shared]
    return list(ClusterMember.objects.filter(pk__in=ids).only("cluster_id", "signature"))


def _place(signature: events.Signature, **fields) -> ClusterMember:
    keys = sorted(signature.keys - COMMON_KEYS)
    best, best_score = None, 0.0
    for candidate in _candidates(keys, fields["seen_at"]):
        other = _from_json(candidate.signature)
        score = events.similarity(signature, other)
        if events.same_event(signature, other) and score > best_score:
            best, best_score = candidate, score
    if best is not None:
        cluster = EventCluster(pk=best.cluster_id)
    else:
        seen = fields["seen_at"]
        cluster = EventCluster.objects.create(
            headline=fields["headline"][:500], first_seen=seen, last_seen=seen
        )
    return _join(cluster, signature, keys=keys, **fields)


def _join(cluster, signature, *, keys=(), with_keys=True, **fields) -> ClusterMember:
    with transaction.atomic():
        member = ClusterMember.objects.create(
            cluster=cluster, signature=_as_json(signature), **fields
        )
        if with_keys:
            ClusterKey.objects.bulk_create(
                ClusterKey(member=member, key=key[:64], seen_at=member.seen_at) for key in keys
            )
        _refresh(cluster.pk)
    return member


def _refresh(cluster_id: int) -> None:
    """The cluster's span and agency count; its pages purged."""
    members = ClusterMember.objects.filter(cluster_id=cluster_id)
    span = members.values("cluster_id").annotate(first=Min("seen_at"), last=Max("seen_at"))
    agencies = members.exclude(agency=None).values("agency_id").distinct().count()
    for row in span:
        EventCluster.objects.filter(pk=cluster_id).update(
            first_seen=row["first"], last_seen=row["last"], agency_count=agencies
        )
    if store.enabled():
        stories = members.exclude(story=None).values_list("story_id", flat=True)
        keys = [CACHE_KEY, *(story_key(pk) for pk in stories)]
        transaction.on_commit(lambda: store.purge_keys(keys))


def also_reported(story) -> list[ClusterMember]:
    """Other agencies' copies of the story's event, the first of each agency, oldest
    first; not the copies the story was made from or merged with (one query)."""
    members = (
        ClusterMember.objects.filter(cluster__members__story_id=story.pk, item__isnull=False)
        .exclude(item__story_id=story.pk)
        .exclude(agency=None)
        .select_related("agency")
        .order_by("seen_at", "id")
    )
    first: dict[int, ClusterMember] = {}
    for member in members:
        first.setdefault(member.agency_id, member)
    return list(first.values())


@dataclass
class Coverage:
    cluster: EventCluster
    copies: list[ClusterMember]  # the first of each agency, oldest first
    stories: list  # our live stories on it


def clusters_since(since, live_story_ids, limit: int = 100) -> list[Coverage]:
    """Clusters seen since `since`, the most widely carried first, with their agencies'
    first copies and the live stories (of `live_story_ids`, a queryset) about them."""
    clusters = list(
        EventCluster.objects.filter(last_seen__gte=since, agency_count__gte=1).order_by(
            "-agency_count", "-last_seen", "-id"
        )[:limit]
    )
    members = ClusterMember.objects.filter(cluster__in=clusters).select_related("agency", "story")
    by_cluster: dict[int, Coverage] = {c.pk: Coverage(c, [], []) for c in clusters}
    ours = members.exclude(story=None).values("story_id")
    live = set(live_story_ids.filter(pk__in=ours).values_list("pk", flat=True))
    for member in members.order_by("seen_at", "id"):
        entry = by_cluster[member.cluster_id]
        if member.story_id and member.story_id in live:
            entry.stories.append(member.story)
        elif member.agency_id and all(c.agency_id != member.agency_id for c in entry.copies):
            entry.copies.append(member)
    return list(by_cluster.values())
