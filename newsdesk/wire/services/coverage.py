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
from datetime import datetime, timedelta

from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import Count, Max, Min, OuterRef, Subquery

from newsdesk.content.services.prepared import Prepared
from newsdesk.content.text import plain_text
from newsdesk.pagecache import store
from newsdesk.pagecache.purge import story_key
from newsdesk.wire.models import ClusterKey, ClusterMember, EventCluster, WireItem
from newsdesk.wire.services import events

WINDOW = timedelta(hours=48)
CANDIDATES = 12
MIN_SHARED_KEYS = 2
KEYS_KEPT = 16  # per copy, in the lookup index
# The page cache's key of the coverage page.
CACHE_KEY = "coverage"
# Keys nearly every copy of the region carries: no help in finding candidates (they still
# count in the comparison itself).
COMMON_KEYS = frozenset(
    ["iran", "tehran", "percent", "monday", "tuesday", "wednesday", "thursday", "friday"]
    + ["saturday", "sunday", "earthquake", "flood", "injured", "killed", "village", "barrel"]
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
    return _place_batch(
        [
            _Arrival(
                item_signature(item),
                {
                    "item": item,
                    "agency_id": item.source_id,
                    "headline": item.headline[:500],
                    "url": item.link,
                    "seen_at": item.published_at or item.fetched_at,
                },
            )
            for item in items
            if not item.error and (item.headline or item.body)
        ]
    )


def add_accepted_story(story, item: WireItem) -> ClusterMember | None:
    """A story accepted from `item` joins the item's cluster (no matching needed)."""
    copy = ClusterMember.objects.filter(item=item).first()
    if copy is None or ClusterMember.objects.filter(story=story).exists():
        return None
    arrival = _Arrival(_from_json(copy.signature), _story_fields(story), cluster_id=copy.cluster_id)
    return _place_batch([arrival], with_keys=False)[0]


def add_story(story) -> ClusterMember | None:
    """A story written in the newsroom or imported joins the cluster its text matches."""
    if ClusterMember.objects.filter(story=story).exists():
        return None
    text = plain_text(f"{story.standfirst} {story.body}")
    signature = events.signature(story.headline, text)
    return _place_batch([_Arrival(signature, _story_fields(story))])[0]


def _story_fields(story) -> dict:
    return {
        "story": story,
        "headline": story.headline[:500],
        "url": "",
        "seen_at": story.published_at or story.created_at,
    }


@dataclass
class _Arrival:
    signature: events.Signature
    fields: dict
    cluster_id: int | None = None

    @property
    def keys(self) -> list[str]:
        """The keys it is found by: numbers first ("#…" sorts first), then names."""
        return sorted(key[:64] for key in self.signature.keys - COMMON_KEYS)[:KEYS_KEPT]

    @property
    def seen_at(self):
        return self.fields["seen_at"]


def _candidates(arrivals: list[_Arrival]) -> dict[int, list[tuple[int, int, events.Signature]]]:
    """Per arrival (by position): the stored members sharing MIN_SHARED_KEYS of its keys
    within WINDOW of it, the most shared first, as (member id, cluster id, signature).
    Two queries for the whole batch."""
    keys = sorted({key for arrival in arrivals for key in arrival.keys})
    if not keys:
        return {}
    low = min(arrival.seen_at for arrival in arrivals) - WINDOW
    high = max(arrival.seen_at for arrival in arrivals) + WINDOW
    holders: dict[str, list[tuple[int, object]]] = {}
    rows = ClusterKey.objects.filter(key__in=keys, seen_at__gte=low, seen_at__lte=high)
    for key, member_id, seen_at in rows.values_list("key", "member_id", "seen_at"):
        holders.setdefault(key, []).append((member_id, seen_at))
    wanted: dict[int, list[int]] = {}
    for n, arrival in enumerate(arrivals):
        shared: dict[int, int] = {}
        for key in arrival.keys:
            for member_id, seen_at in holders.get(key, ()):
                if abs(seen_at - arrival.seen_at) <= WINDOW:
                    shared[member_id] = shared.get(member_id, 0) + 1
        best = sorted(
            (m for m, count in shared.items() if count >= MIN_SHARED_KEYS),
            key=lambda m: (-shared[m], -m),
        )
        wanted[n] = best[:CANDIDATES]
    ids = {pk for found in wanted.values() for pk in found}
    known = {
        pk: (cluster_id, _from_json(signature))
        for pk, cluster_id, signature in ClusterMember.objects.filter(pk__in=ids).values_list(
            "pk", "cluster_id", "signature"
        )
    }
    return {n: [(pk, *known[pk]) for pk in found if pk in known] for n, found in wanted.items()}


def _best_cluster(signature, candidates) -> int | None:
    best, best_score = None, 0.0
    for _, cluster_id, other in candidates:
        score = events.similarity(signature, other)
        if score > best_score and events.same_event(signature, other):
            best, best_score = cluster_id, score
    return best


def _place_batch(arrivals: list[_Arrival], with_keys: bool = True) -> list[ClusterMember]:
    """Match each arrival with the stored copies and the batch's earlier arrivals, then
    write the whole batch: a fixed number of statements however large it is."""
    if not arrivals:
        return []
    matching = [a for a in arrivals if a.cluster_id is None]
    candidates = _candidates(matching)
    new: dict[int, EventCluster] = {}  # clusters the batch starts, by stand-in id
    for n, arrival in enumerate(matching):
        earlier = [
            (None, other.cluster_id, other.signature)
            for other in matching[:n]
            if abs(other.seen_at - arrival.seen_at) <= WINDOW
        ]
        arrival.cluster_id = _best_cluster(arrival.signature, [*candidates.get(n, []), *earlier])
        if arrival.cluster_id is None:
            cluster = EventCluster(
                headline=arrival.fields["headline"],
                first_seen=arrival.seen_at,
                last_seen=arrival.seen_at,
            )
            arrival.cluster_id = -len(new) - 1  # stands for the cluster until it is written
            new[arrival.cluster_id] = cluster
    with transaction.atomic():
        EventCluster.objects.bulk_create(new.values())
        for arrival in matching:
            if arrival.cluster_id < 0:
                arrival.cluster_id = new[arrival.cluster_id].pk
        members = ClusterMember.objects.bulk_create(
            ClusterMember(cluster_id=a.cluster_id, signature=_as_json(a.signature), **a.fields)
            for a in arrivals
        )
        if with_keys:
            _insert_keys(
                [
                    (member.pk, key, member.seen_at)
                    for member, arrival in zip(members, arrivals, strict=True)
                    for key in arrival.keys
                ]
            )
        _refresh({a.cluster_id for a in arrivals})
    return members


# Rows per INSERT: within SQLite's 999 bound parameters.
_CHUNK = 300


def _insert_keys(rows) -> None:
    """The lookup keys, some 16 per copy: one INSERT per chunk without model instances
    (as dedupe._insert_bands, for the same reason: bulk_create's cost per row)."""
    quote = connection.ops.quote_name
    table = quote(ClusterKey._meta.db_table)
    columns = ", ".join(quote(name) for name in ("member_id", "key", "seen_at"))
    field = ClusterKey._meta.get_field("seen_at")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params = []
            for member_id, key, seen_at in chunk:
                params += [member_id, key, field.get_db_prep_value(seen_at, connection)]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values}",  # noqa: S608
                params,
            )


def _refresh(cluster_ids: set[int]) -> None:
    """The clusters' spans and agency counts, computed by the database from their members
    in one statement; their pages purged after commit."""
    members = ClusterMember.objects.filter(cluster=OuterRef("pk")).values("cluster")
    EventCluster.objects.filter(pk__in=cluster_ids).update(
        first_seen=Subquery(members.annotate(at=Min("seen_at")).values("at")),
        last_seen=Subquery(members.annotate(at=Max("seen_at")).values("at")),
        agency_count=Subquery(members.annotate(n=Count("agency_id", distinct=True)).values("n")),
    )
    if store.enabled():
        stories = ClusterMember.objects.filter(cluster_id__in=cluster_ids).exclude(story=None)
        keys = [CACHE_KEY, *(story_key(pk) for pk in stories.values_list("story_id", flat=True))]
        transaction.on_commit(lambda: store.purge_keys(keys))


@dataclass(frozen=True, slots=True)
class OtherCopy:
    """What a story's page shows of another agency's copy of its event."""

    agency_name: str
    agency_url: str
    url: str
    seen_at: datetime


# The few columns the page shows, by a prepared query (content/services/prepared.py): the
# members' own rows carry their event signatures, which cost more to read than the rest.
_other_copies = Prepared(
    lambda story_id: (
        ClusterMember.objects.filter(cluster__members__story_id=story_id, item__isnull=False)
        .exclude(item__story_id=story_id)
        .exclude(agency=None)
        .order_by("seen_at", "id")
        .values_list("agency_id", "agency__name", "agency__url", "url", "seen_at")
    )
)


def also_reported(story, using: str = DEFAULT_DB_ALIAS) -> list[OtherCopy]:
    """Other agencies' copies of the story's event, the first of each agency, oldest
    first; not the copies the story was made from or merged with (one query)."""
    first: dict[int, OtherCopy] = {}
    for agency_id, *shown in _other_copies.rows(using, story_id=story.pk):
        if agency_id not in first:
            first[agency_id] = OtherCopy(*shown)
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
