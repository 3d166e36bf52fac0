"""Removing location and personal metadata from originals, without decoding the picture.

Cameras and phones write GPS position, owner, camera serial and software into EXIF, XMP
(which has its own `exif:GPSLatitude`), IPTC and comments, and some place whole second
images with their own EXIF after the first (MPF). The public original must carry none of
it. The file is rewritten at the container level — JPEG segments, PNG chunks, WebP RIFF
chunks — so the pixels are never decoded (a 49-megapixel upload costs its file size, not
200 MB) and never re-encoded (no quality loss). What a picture needs to be shown right is
kept: the colour profile, JFIF/Adobe colour information, and the EXIF orientation, which
is written back alone.

    strip(data, fmt, orientation) -> bytes     # fmt: "JPEG", "PNG" or "WEBP"
"""

import struct
import zlib

from django.core.exceptions import ValidationError

ORIENTATION_TAG = 0x0112


def _orientation_tiff(orientation: int | None) -> bytes:
    """A TIFF (EXIF) block with the orientation only; b"" when there is nothing to keep."""
    if not orientation or orientation == 1:
        return b""
    # Big-endian TIFF header, one IFD with one SHORT entry, no next IFD.
    return (
        b"MM\x00*"
        + struct.pack(">IH", 8, 1)
        + struct.pack(">HHIHH", ORIENTATION_TAG, 3, 1, orientation, 0)
        + struct.pack(">I", 0)
    )


def _broken(what: str) -> ValidationError:
    return ValidationError(f"The file is not a readable image ({what}).")


# --- JPEG -----------------------------------------------------------------------------

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP2, APP14 = 0xE0, 0xE2, 0xEE


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == APP0:
        return payload.startswith((b"JFIF\x00", b"JFXX\x00"))
    if marker == APP2:
        return payload.startswith(b"ICC_PROFILE\x00")  # not MPF (second images, own EXIF)
    if marker == APP14:
        return payload.startswith(b"Adobe")  # colour transform: needed to decode right
    # Every other APPn (EXIF, XMP, IPTC, maker data…) and comments go.
    return not (0xE0 <= marker <= 0xEF or marker == 0xFE)


def _strip_jpeg(data: bytes, orientation: int | None) -> bytes:
    if data[:2] != b"\xff\xd8":
        raise _broken("no JPEG start")
    out = [b"\xff\xd8"]
    tiff = _orientation_tiff(orientation)
    if tiff:
        exif = b"Exif\x00\x00" + tiff
        out.append(b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    pos, in_scan = 2, False
    while pos < len(data):
        if in_scan:
            # Entropy-coded data: FF00 is a stuffed byte and FFD0–D7 restart markers.
            next_ff = data.find(b"\xff", pos)
            if next_ff < 0 or next_ff + 1 >= len(data):
                raise _broken("truncated JPEG scan")
            marker = data[next_ff + 1]
            if marker == 0x00 or 0xD0 <= marker <= 0xD7 or marker == 0xFF:
                out.append(data[pos : next_ff + 2 if marker != 0xFF else next_ff + 1])
                pos = next_ff + 2 if marker != 0xFF else next_ff + 1
                continue
            out.append(data[pos:next_ff])
            pos, in_scan = next_ff, False
            continue
        if data[pos] != 0xFF:
            raise _broken("bad JPEG marker")
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= len(data):
            raise _broken("truncated JPEG")
        marker = data[pos]
        pos += 1
        if marker == EOI:
            out.append(b"\xff\xd9")
            return b"".join(out)  # anything after (MPF second images, trailers) is dropped
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > len(data):
            raise _broken("truncated JPEG segment")
        (length,) = struct.unpack(">H", data[pos : pos + 2])
        segment = data[pos + 2 : pos + length]
        if length < 2 or len(segment) != length - 2:
            raise _broken("truncated JPEG segment")
        if _keep_jpeg_segment(marker, segment):
            out.append(bytes((0xFF, marker)) + data[pos : pos + length])
        pos += length
        in_scan = marker == SOS
    raise _broken("no JPEG end")


# --- PNG ------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Text (tEXt/zTXt/iTXt, where XMP lives), EXIF, and the time of the last edit.
PNG_DROPPED = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def _strip_png(data: bytes, orientation: int | None) -> bytes:
    if not data.startswith(PNG_SIGNATURE):
        raise _broken("no PNG signature")
    out, pos = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    tiff = _orientation_tiff(orientation)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise _broken("truncated PNG chunk")
        if kind == b"IDAT" and tiff:
            out.append(_png_chunk(b"eXIf", tiff))  # eXIf must come before the image data
            tiff = b""
        if kind not in PNG_DROPPED:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)
    raise _broken("no PNG end")


# --- WebP -----------------------------------------------------------------------------

VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _strip_webp(data: bytes, orientation: int | None) -> bytes:
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise _broken("no WebP header")
    chunks, pos = [], 12
    tiff = _orientation_tiff(orientation)
    while pos + 8 <= len(data):
        kind, length = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > len(data):
            raise _broken("truncated WebP chunk")
        if kind not in (b"EXIF", b"XMP "):
            chunks.append([kind, bytearray(data[pos + 8 : pos + 8 + length])])
        pos = end
    for chunk in chunks:
        if chunk[0] == b"VP8X" and chunk[1]:
            chunk[1][0] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
            if tiff:
                chunk[1][0] |= VP8X_EXIF
    if tiff and any(kind == b"VP8X" for kind, _ in chunks):
        chunks.append([b"EXIF", bytearray(tiff)])  # metadata chunks follow the image
    body = b"".join(
        kind
        + struct.pack("<I", len(payload))
        + bytes(payload)
        + (b"\x00" if len(payload) & 1 else b"")
        for kind, payload in chunks
    )
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


STRIPPERS = {"JPEG": _strip_jpeg, "PNG": _strip_png, "WEBP": _strip_webp}


def strip(data: bytes, fmt: str, orientation: int | None = None) -> bytes:
    """`data` without metadata; `orientation` (EXIF 1–8) is written back when it is not 1."""
    return STRIPPERS[fmt](data, orientation)
