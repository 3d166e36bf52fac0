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


def index_item(item) -> None:
    """Store the item's shingles and LSH bands, and join it to a duplicate group."""
    import numpy as np

    from newsdesk.wire.models import Band, DuplicateGroup, WireItem

    if item.shingle_hashes:
        hashes = np.frombuffer(bytes(item.shingle_hashes), dtype=np.uint32)
    else:
        hashes = shingle_hashes(text_of(item))
        item.shingle_hashes = hashes.tobytes()
        WireItem.objects.filter(pk=item.pk).update(shingle_hashes=item.shingle_hashes)
    if len(hashes) < MIN_SHINGLES:
        return
    keys = band_keys(hashes)
    since = timezone.now() - WINDOW
    candidates = (
        Band.objects.filter(key__in=keys)
        .exclude(item_id=item.pk)
        .values_list("item_id", "band", "key")
    )
    candidate_ids = {item_id for item_id, band, key in candidates if keys[band] == key}
    with connection.cursor() as cursor:
        # 42 rows per item: executemany skips building model instances (bulk_create's cost).
        cursor.executemany(
            "INSERT INTO wire_band (item_id, band, key) VALUES (%s, %s, %s)",
            [(item.pk, band, key) for band, key in enumerate(keys)],
        )
    if not candidate_ids:
        return
    others = WireItem.objects.filter(pk__in=candidate_ids, fetched_at__gte=since).only(
        "id", "group_id", "shingle_hashes"
    )
    matches = [
        other
        for other in others
        if is_near_duplicate(hashes, np.frombuffer(bytes(other.shingle_hashes), dtype=np.uint32))
    ]
    if not matches:
        return
    with transaction.atomic():
        group_ids = sorted({m.group_id for m in matches if m.group_id})
        if group_ids:
            group_id = group_ids[0]
            # Two groups bridged by this item become one.
            WireItem.objects.filter(group_id__in=group_ids[1:]).update(group_id=group_id)
            DuplicateGroup.objects.filter(pk__in=group_ids[1:]).delete()
        else:
            group_id = DuplicateGroup.objects.create().pk
        ids = [m.pk for m in matches if m.group_id != group_id] + [item.pk]
        WireItem.objects.filter(pk__in=ids).update(group_id=group_id)
        item.group_id = group_id
