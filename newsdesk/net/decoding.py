"""Bounded decompression of response bodies.

httpx inflates each network chunk in one call, so a 64 KB chunk of a layered encoding
(`Content-Encoding: gzip, gzip`) can grow to gigabytes before any size check sees it. Here
the raw bytes are inflated with a cap on each step's output, so memory never exceeds the
fetch's `max_bytes` plus one chunk, and only one layer of gzip or deflate is accepted: no
honest server stacks encodings, and refusing them removes the multiplying ratio.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from newsdesk.net.addresses import FetchError

# What we tell servers we can read; anything else they send is refused, not passed through.
ACCEPT_ENCODING = "gzip, deflate"
# Inflate at most this much per step: the bound on memory beyond `max_bytes`.
STEP = 64 * 1024


def content_coding(header: str) -> str:
    """The one content coding of a response ("" for none); FetchError for layers or unknowns."""
    codings = [part.strip().lower() for part in header.split(",") if part.strip()]
    codings = [coding for coding in codings if coding != "identity"]
    if len(codings) > 1:
        raise FetchError(f"layered content encoding ({header}) refused")
    coding = codings[0] if codings else ""
    if coding not in ("", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"unsupported content encoding {coding!r}")
    return coding


class _Inflater:
    def __init__(self, coding: str):
        self.coding = coding
        # 16 + MAX_WBITS: gzip header; 32 + MAX_WBITS would also take zlib, which
        # "deflate" servers may send either wrapped (zlib) or raw, so that is sniffed.
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if coding != "deflate" else None

    def _start_deflate(self, data: bytes) -> None:
        # RFC 9110 "deflate" is zlib-wrapped; some servers send raw deflate.
        wrapped = len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self.inflater is None:
            self._start_deflate(data)
        pending = data
        while not self.inflater.eof:  # bytes after the stream's end are ignored, as browsers do
            try:
                out = self.inflater.decompress(pending, STEP)
            except zlib.error as exc:
                raise FetchError(f"corrupt {self.coding} body: {exc}") from exc
            if out:
                yield out
            pending = self.inflater.unconsumed_tail
            # A full step may leave output inside zlib even with no input left: ask again.
            if not pending and len(out) < STEP:
                return


def decoded_chunks(raw_chunks, coding: str) -> Iterator[bytes]:
    """Yield the decoded body piece by piece, each piece at most STEP bytes."""
    if not coding:
        yield from raw_chunks
        return
    inflater = _Inflater(coding)
    for chunk in raw_chunks:
        yield from inflater.feed(chunk)
