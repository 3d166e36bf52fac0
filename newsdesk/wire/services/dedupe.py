"""Near-duplicate grouping of wire items.

Candidates come from MinHash LSH (datasketch MinHash over word 5-shingles; the band keys
are stored in the database so every process shares one index that survives restarts).
Candidates are then confirmed with the *exact* shingle sets (kept as sorted 32-bit hashes
on the item): Jaccard similarity for edited copies, containment (|A∩B| / min(|A|,|B|)) for
truncated ones, whose Jaccard is low. Thresholds and figures: bench/wire_dupes.py.

numpy and datasketch (with scipy: ≈ 70 MB of memory) are imported when an item is first
compared, not with this module: the web workers import it through the wire's views but
never run it, and must stay small.
"""

from __future__ import annotations

import hashlib
import re
import zlib
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


_SCHEME = "affine32"


@cache
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=7, scheme=_SCHEME).permutations


def _identity(value: int) -> int:
    return value  # the shingles are already 32-bit hashes (CRC-32)


def band_keys(hashes: np.ndarray) -> list[int]:
    import numpy as np
    from datasketch import MinHash

    minhash = MinHash(
        num_perm=NUM_PERM, hashfunc=_identity, permutations=_permutations(), scheme=_SCHEME
    )
    if len(hashes):
        minhash.update_batch(hashes.tolist())
    values = minhash.hashvalues.astype(np.uint64)
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
        candidates = set()
        for band_key in enumerate(item_keys):
            candidates |= holders.get(band_key, set())
            holders.setdefault(band_key, set()).add(item.pk)
        candidates.discard(item.pk)
        if candidates:
            plan.append((item, hashes, candidates))
    if not plan:
        return
    # Known items: the batch's own (in memory) and the recent candidates (one read).
    known = {item.pk: (item.group_id, hashes) for item, hashes, _ in batch}
    outside = set().union(*(candidates for _, _, candidates in plan)) - known.keys()
    known.update(_recent_items(outside))
    for item, hashes, candidates in plan:
        matches = [
            pk
            for pk in sorted(candidates)
            if pk in known and is_near_duplicate(hashes, known[pk][1])
        ]
        if matches:
            _join_group(item, matches, known)


def _band_holders(keys) -> dict[tuple[int, int], set[int]]:
    from newsdesk.wire.models import Band

    holders: dict[tuple[int, int], set[int]] = {}
    keys = sorted(keys)
    for start in range(0, len(keys), _CHUNK):
        found = Band.objects.filter(key__in=keys[start : start + _CHUNK])
        for item_id, band, key in found.values_list("item_id", "band", "key"):
            holders.setdefault((band, key), set()).add(item_id)
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


def _join_group(item, matches: list[int], known: dict) -> None:
    """Put `item` and its matches in one group; `known` (pk → (group, hashes)) follows."""
    from newsdesk.wire.models import DuplicateGroup, WireItem

    with transaction.atomic():
        group_ids = sorted({known[pk][0] for pk in matches if known[pk][0]})
        if group_ids:
            group_id = group_ids[0]
            # Two groups bridged by this item become one.
            WireItem.objects.filter(group_id__in=group_ids[1:]).update(group_id=group_id)
            DuplicateGroup.objects.filter(pk__in=group_ids[1:]).delete()
        else:
            group_id = DuplicateGroup.objects.create().pk
        moved = [pk for pk in matches if known[pk][0] != group_id] + [item.pk]
        WireItem.objects.filter(pk__in=moved).update(group_id=group_id)
    merged = set(group_ids[1:])
    for pk, (old_group, hashes) in list(known.items()):
        if old_group in merged or pk in moved:
            known[pk] = (group_id, hashes)
    item.group_id = group_id
