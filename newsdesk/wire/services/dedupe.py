"""Near-duplicate grouping of wire items.

Candidates come from MinHash LSH (MinHash over word 5-shingles, computed as datasketch's
"affine32" scheme does; the band keys are stored in the database so every process shares
one index that survives restarts). Candidates are then confirmed with the *exact* shingle
sets (kept as sorted 32-bit hashes on the item): Jaccard similarity for edited copies,
containment (|A∩B| / min(|A|,|B|)) for truncated ones, whose Jaccard is low. Thresholds
and figures: bench/wire_dupes.py.

numpy (≈ 20 MB of memory) is imported when an item is first compared, not with this
module: the web workers import it through the wire's views but never run it, and must
stay small.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from newsdesk.content.text import plain_text

if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 126
# 3 rows x 42 bands: a pair with Jaccard 0.5 becomes a candidate with p = 0.995, one
# with 0.15 (unrelated copy from the same templates) with p = 0.13.
ROWS_PER_BAND = 3
BANDS = NUM_PERM // ROWS_PER_BAND
SHINGLE_WORDS = 5
MIN_SHINGLES = 8  # shorter texts (a bare headline) say too little to group on
JACCARD_THRESHOLD = 0.2
CONTAINMENT_THRESHOLD = 0.6
WINDOW = timedelta(days=7)  # agencies resend a story within days, not months
# Bounds that keep each item's work constant however many near-identical items the store
# holds (a feed of thousands of copies of one story): per band key only the most recent
# holders are candidates, and per item only the candidates sharing the most bands.
HOLDERS_PER_KEY = 8
CANDIDATES_PER_ITEM = 12

_WORD = re.compile(r"\w+", re.UNICODE)


def shingle_hashes(text: str) -> np.ndarray:
    import numpy as np

    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        grams = [" ".join(words)] if words else []
    else:
        grams = [
            " ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)
        ]
    return np.unique(np.array([zlib.crc32(g.encode()) for g in grams], dtype=np.uint32))


def text_of(item) -> str:
    """The words compared: the body (headlines differ between agencies), else the summary."""
    return plain_text(item.body) if item.body else plain_text(item.summary)


# MinHash as datasketch's "affine32" scheme computes it (seed 7), in a few lines of numpy:
# importing datasketch pulls in scipy (≈ 60 MB per worker) for the LSH classes we do not
# use. tests/wire/test_dedupe.py pins the values to datasketch's own, so the band keys
# stored in the database stay the same.
MINHASH_SEED = 7
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    import numpy as np

    generator = np.random.RandomState(MINHASH_SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: mixes the input hashes before the affine permutations."""
    import numpy as np

    s1, m1, s2, m2, s3 = (np.uint32(c) for c in _FMIX32)
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s3)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """The NUM_PERM minimum permuted hashes of a shingle set (uint32 arithmetic wraps, as
    the scheme intends)."""
    import numpy as np

    values = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    if len(hashes):
        a, b = _permutations()
        mixed = _fmix32(hashes.astype(np.uint32)).reshape(-1, 1)
        values = np.minimum(values, (mixed * a + b).min(axis=0))
    return values


def band_keys(hashes: np.ndarray) -> list[int]:
    import numpy as np

    values = minhash(hashes).astype(np.uint64)
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    import numpy as np

    if not len(a) or not len(b):
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def is_near_duplicate(a: np.ndarray, b: np.ndarray) -> bool:
    jaccard, containment = similarity(a, b)
    return jaccard >= JACCARD_THRESHOLD or containment >= CONTAINMENT_THRESHOLD


def _hashes_of(item) -> np.ndarray:
    import numpy as np

    from newsdesk.wire.models import WireItem

    if item.shingle_hashes:
        return np.frombuffer(bytes(item.shingle_hashes), dtype=np.uint32)
    hashes = shingle_hashes(text_of(item))
    item.shingle_hashes = hashes.tobytes()
    WireItem.objects.filter(pk=item.pk).update(shingle_hashes=item.shingle_hashes)
    return hashes


# Rows per INSERT and keys per lookup: within SQLite's 999 bound parameters.
_CHUNK = 300


def index_items(items) -> None:
    """Store the items' shingles and LSH bands and join each to its duplicate group. For a
    batch (one feed document) the bands are looked up and stored, and the candidates read,
    in a few statements; an item also finds the ones before it in the batch."""
    batch = []
    for item in items:
        hashes = _hashes_of(item)
        if len(hashes) >= MIN_SHINGLES:
            batch.append((item, hashes, band_keys(hashes)))
    if not batch:
        return
    holders = _band_holders({key for _, _, item_keys in batch for key in item_keys})
    _insert_bands([(item.pk, band, key) for item, _, ks in batch for band, key in enumerate(ks)])
    plan = []
    for item, hashes, item_keys in batch:
        shared = Counter()
        for band_key in enumerate(item_keys):
            recent = holders.setdefault(band_key, [])
            shared.update(recent)
            recent.append(item.pk)
            del recent[:-HOLDERS_PER_KEY]
        shared.pop(item.pk, None)
        # The candidates sharing the most bands are the likeliest duplicates; joining any one
        # of them puts the item in their group, so a few are enough.
        candidates = {pk for pk, _ in shared.most_common(CANDIDATES_PER_ITEM)}
        if candidates:
            plan.append((item, hashes, candidates))
    if not plan:
        return
    # Known items: the batch's own (in memory) and the recent candidates (one read).
    known = {item.pk: (item.group_id, hashes) for item, hashes, _ in batch}
    outside = set().union(*(candidates for _, _, candidates in plan)) - known.keys()
    known.update(_recent_items(outside))
    linked = _Components()
    for item, hashes, candidates in plan:
        for pk in sorted(candidates):
            if pk in known and is_near_duplicate(hashes, known[pk][1]):
                linked.union(item.pk, pk)
    in_batch = {item.pk: item for item, _, _ in batch}
    for members in linked.groups():
        group_id = _join_group(members, {known[pk][0] for pk in members} - {None})
        for pk in members:
            if pk in in_batch:
                in_batch[pk].group_id = group_id


class _Components:
    """Union-find over item ids: the batch's matches become whole groups, written once
    each instead of once per item."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, pk: int) -> int:
        root = pk
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[pk] != root:  # path compression
            self.parent[pk], pk = root, self.parent[pk]
        return root

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        found: dict[int, list[int]] = {}
        for pk in list(self.parent):
            found.setdefault(self.find(pk), []).append(pk)
        return list(found.values())


def _band_holders(keys) -> dict[tuple[int, int], list[int]]:
    """The most recent HOLDERS_PER_KEY items of each band key, oldest first."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from newsdesk.wire.models import Band

    holders: dict[tuple[int, int], list[int]] = {}
    keys = sorted(keys)
    for start in range(0, len(keys), _CHUNK):
        found = (
            Band.objects.filter(key__in=keys[start : start + _CHUNK])
            .annotate(
                recency=Window(
                    RowNumber(), partition_by=[F("band"), F("key")], order_by=F("item_id").desc()
                )
            )
            .filter(recency__lte=HOLDERS_PER_KEY)
            .order_by("item_id")
        )
        for item_id, band, key in found.values_list("item_id", "band", "key"):
            holders.setdefault((band, key), []).append(item_id)
    return holders


def _recent_items(ids) -> dict[int, tuple[int | None, np.ndarray]]:
    import numpy as np

    from newsdesk.wire.models import WireItem

    since, ids, found = timezone.now() - WINDOW, sorted(ids), {}
    for start in range(0, len(ids), _CHUNK):
        rows = WireItem.objects.filter(pk__in=ids[start : start + _CHUNK], fetched_at__gte=since)
        for pk, group_id, shingles in rows.values_list("pk", "group_id", "shingle_hashes"):
            found[pk] = (group_id, np.frombuffer(bytes(shingles), dtype=np.uint32))
    return found


def _insert_bands(rows) -> None:
    # No model instances (bulk_create's cost), and one round trip per chunk where
    # executemany makes one per row on psycopg's client cursor.
    with connection.cursor() as cursor:
        for start in range(0, len(rows), _CHUNK):
            chunk = rows[start : start + _CHUNK]
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO wire_band (item_id, band, key) VALUES {values}",  # noqa: S608
                [value for row in chunk for value in row],
            )


def _join_group(members: list[int], group_ids: set[int]) -> int:
    """Put `members` in one group: the oldest of their groups, into which the others merge
    (an item can bridge two groups), or a new one. Returns the group's id."""
    from newsdesk.wire.models import DuplicateGroup, WireItem

    with transaction.atomic():
        ordered = sorted(group_ids)
        group_id = ordered[0] if ordered else DuplicateGroup.objects.create().pk
        if ordered[1:]:
            WireItem.objects.filter(group_id__in=ordered[1:]).update(group_id=group_id)
            DuplicateGroup.objects.filter(pk__in=ordered[1:]).delete()
        members = sorted(members)
        for start in range(0, len(members), _CHUNK):
            WireItem.objects.filter(pk__in=members[start : start + _CHUNK]).update(
                group_id=group_id
            )
    return group_id
