"""The media library: checking uploads, keeping originals without location or personal
metadata, and resized renditions (WebP plus a JPEG/PNG fallback) made once and reused.

    store_upload(uploaded_file, user, alt_text="", caption="", credit="", title="") -> Image
    store_picture(data, name, user=None, alt_text="", …) -> Image   # no permission check
    save_original(image, filename, content) -> Image   # raises MediaNotSaved
    rendition_widths(image) -> list[int];  rendition(image, width, fmt) -> Rendition
    rendition_name(image, width, fmt) -> str;  rendition_url(image, width, fmt) -> str

A rendition lives at a name known before it exists (`rendition_name`), so pages link the
file itself: no redirect on the way to a picture, and a front server can answer with the
file while the app makes a missing one on its first request. The name carries the
original's own file name, so a new original gets new URLs and caches never go stale.
"""

import errno
import io
import os
import secrets
import warnings
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from newsdesk.content import image_metadata
from newsdesk.content.models import Image, Rendition
from newsdesk.content.services import permissions

if TYPE_CHECKING:
    from PIL import Image as PILImage

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # e.g. 8660 × 5773; larger is a decompression bomb or a scan
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (320, 640, 960, 1280, 1600)
FALLBACK_FORMAT = {"JPEG": "jpeg", "PNG": "png", "WEBP": "jpeg"}
FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


class MediaNotSaved(Exception):
    """The storage could not write the picture (full disk, quota, permissions): nothing of
    the upload was kept, neither a row nor a piece of the file."""

    def __init__(self, error: OSError):
        self.full = error.errno in FULL_ERRNOS
        if self.full:
            message = _(
                "The media storage is full: nothing was saved. Ask the site's administrator "
                "to free some space, then upload the picture again."
            )
        else:
            message = _(
                "The media storage could not write the picture (%(error)s): "
                "nothing was saved. Please try again later."
            ) % {"error": error.strerror or error}
        super().__init__(message)


def _remove(storage, name: str):
    try:
        if storage.exists(name):
            storage.delete(name)
    except OSError:
        pass  # the storage is failing already; the original error is what the user needs


def save_original(record: Image, filename: str, content) -> Image:
    """Write the picture's file, then its row; when either fails, neither is left behind.
    A disk that fills up mid-write leaves a partial file (Django's FileSystemStorage does not
    remove it): it is removed here. The name has a random part, so what is removed can only
    be this upload's own file, never another one written at the same moment."""
    stem, extension = os.path.splitext(os.path.basename(filename or "picture"))
    field, storage = record.file.field, record.file.storage
    unique = f"{stem[:80] or 'picture'}-{secrets.token_hex(4)}{extension.lower()}"
    name = storage.get_available_name(
        field.generate_filename(record, unique), max_length=field.max_length
    )
    try:
        record.file = storage.save(name, content, max_length=field.max_length)
        record.save()
    except OSError as error:
        _remove(storage, name)
        raise MediaNotSaved(error) from error
    except BaseException:
        _remove(storage, name)
        raise
    return record


# A check decode of a JPEG is done at 1/8 scale (DCT scaling): proof it is readable, at a
# fraction of the memory; a PNG's chunks are checked by their CRCs without inflating them.
CHECK_DECODE_SIZE = (1024, 1024)


def _open_checked(data: bytes) -> "PILImage.Image":
    """Open and check an image from its headers, turning every way it can be bad into one
    clear error. The pixel limit is applied before anything is decoded, and a large picture
    is never decoded whole here (a 49-megapixel PNG would cost some 200 MB per upload)."""
    from PIL import Image as PILImage

    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            probe = PILImage.open(io.BytesIO(data))
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("%(format)s files are not accepted: upload JPEG, PNG or WebP.")
                    % {"format": probe.format or "?"}
                )
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The picture is %(width)s×%(height)s pixels; "
                        "the limit is %(limit)s megapixels."
                    )
                    % {
                        "width": probe.width,
                        "height": probe.height,
                        "limit": MAX_PIXELS // 1_000_000,
                    }
                )
            probe.verify()
            image = PILImage.open(io.BytesIO(data))
            if image.format == "JPEG":
                check = PILImage.open(io.BytesIO(data))
                check.draft(check.mode, CHECK_DECODE_SIZE)
                check.load()
            elif image.format == "WEBP":
                PILImage.open(io.BytesIO(data)).load()
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(
                _("The picture is too large to open safely (decompression bomb).")
            ) from None
        except Exception:
            raise ValidationError(
                _("The file is not a readable JPEG, PNG or WebP image.")
            ) from None
    return image


def _without_metadata(data: bytes, image: "PILImage.Image") -> bytes:
    """The original without location and personal metadata (EXIF, XMP, IPTC, comments),
    rewritten losslessly; only the orientation is kept (see content/image_metadata.py)."""
    orientation = image.getexif().get(image_metadata.ORIENTATION_TAG)
    return image_metadata.strip(data, image.format, orientation)


def store_upload(uploaded, user, alt_text="", caption="", credit="", title="") -> Image:
    if not permissions.can_upload_media(user):
        raise PermissionDenied(_("You may not upload pictures."))
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": uploaded.size // (1024 * 1024), "limit": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    return store_picture(
        uploaded.read(), uploaded.name, user, alt_text=alt_text, caption=caption, credit=credit,
        title=title,
    )  # fmt: skip


def store_picture(data: bytes, name: str, user=None, alt_text="", caption="", credit="", title=""):
    """The library's Image of `data` (checked, without location data, renditions queued).
    Raises ValidationError for what is not a safe JPEG/PNG/WebP, MediaNotSaved when the
    storage fails. Callers check permissions (store_upload) or act for the system (a
    picture that came with agency copy)."""
    image = _open_checked(data)
    clean = _without_metadata(data, image)
    stem = (name or "picture").rsplit(".", 1)[0][:80] or "picture"
    record = Image(
        title=(title or stem)[:255],
        alt_text=alt_text[:500],
        caption=caption,
        credit=credit[:255],
        uploaded_by=user,
    )
    save_original(record, f"{stem}.{ALLOWED_FORMATS[image.format]}", ContentFile(clean))
    from newsdesk.content.tasks import make_image_renditions

    transaction.on_commit(lambda: make_image_renditions.enqueue(record.pk))
    return record


def rendition_widths(image: Image) -> list[int]:
    """Widths worth making for this original: never upscaled, always at least one."""
    if not image.width:
        return []
    widths = [w for w in RENDITION_WIDTHS if w < image.width]
    return sorted(set(widths) | {min(image.width, RENDITION_WIDTHS[-1])})


def fallback_format(image: Image) -> str:
    name = image.file.name.lower()
    return "png" if name.endswith(".png") else "jpeg"


RENDITION_FORMATS = ("webp", "jpeg", "png")


def original_stem(image: Image) -> str:
    """The original's file name without folder and extension (unique: it has a random part)."""
    return os.path.splitext(os.path.basename(image.file.name))[0]


def rendition_name(image: Image, width: int, fmt: str) -> str:
    """Where the `width`-pixel copy in `fmt` is stored, whether or not it is made yet."""
    return f"renditions/{image.pk}/{original_stem(image)}-{width}.{fmt}"


def rendition_url(image: Image, width: int, fmt: str) -> str:
    return image.file.storage.url(rendition_name(image, width, fmt))


def offers_rendition(image: Image, width: int, fmt: str) -> bool:
    """Whether `rendition_url(image, width, fmt)` is one the site links to."""
    return width in rendition_widths(image) and fmt in ("webp", fallback_format(image))


def rendition(image: Image, width: int, fmt: str) -> Rendition:
    """The `width`-pixel-wide copy in `fmt` ("webp", "jpeg", "png"), made on first request."""
    existing = Rendition.objects.filter(image=image, width=width, format=fmt).first()
    if existing:
        return existing
    storage, name = Rendition.file.field.storage, rendition_name(image, width, fmt)
    made = Rendition(image=image, width=width, format=fmt)
    # At its known name. A file already there (left by a request that lost the race for
    # the row, or restored from a backup) is the same picture, made the same way.
    if not storage.exists(name):
        name = storage.save(name, _resized(image, width, fmt))
    made.file.name = name
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:  # made by a concurrent request meanwhile
        if name != rendition_name(image, width, fmt):  # another name: this copy is unused
            _remove(storage, name)
        return Rendition.objects.get(image=image, width=width, format=fmt)
    return made


def _resized(image: Image, width: int, fmt: str) -> ContentFile:
    from PIL import Image as PILImage
    from PIL import ImageOps

    with image.file.open("rb") as source:
        picture = ImageOps.exif_transpose(PILImage.open(source))
        picture.thumbnail((width, width * 10))
        if fmt == "jpeg" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        out = io.BytesIO()
        picture.save(out, fmt.upper(), quality=80)
    return ContentFile(out.getvalue())


# The shapes search engines ask of an article's picture (Google: 16:9, 4:3 and 1:1), each
# cut around the picture's focal point, at most this wide.
CROP_RATIOS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
CROP_WIDTH = 1200


def crop_size(image: Image, ratio: str) -> tuple[int, int]:
    across, down = CROP_RATIOS[ratio]
    width = min(CROP_WIDTH, image.width or 0, (image.height or 0) * across // down)
    return width, width * down // across


def crop_name(image: Image, ratio: str) -> str:
    return f"renditions/{image.pk}/{original_stem(image)}-{ratio}.jpeg"


def crop_url(image: Image, ratio: str) -> str:
    return image.file.storage.url(crop_name(image, ratio))


def crop(image: Image, ratio: str) -> str:
    """The stored name of the picture cut to `ratio` ("16x9", "4x3", "1x1"), made if missing."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    storage, name = Rendition.file.field.storage, crop_name(image, ratio)
    if storage.exists(name):
        return name
    focus = (
        image.focal_x if image.focal_x is not None else 0.5,
        image.focal_y if image.focal_y is not None else 0.5,
    )
    with image.file.open("rb") as source:
        picture = ImageOps.exif_transpose(PILImage.open(source)).convert("RGB")
        picture = ImageOps.fit(picture, crop_size(image, ratio), centering=focus)
        out = io.BytesIO()
        picture.save(out, "JPEG", quality=82)
    saved = storage.save(name, ContentFile(out.getvalue()))
    if saved != name:  # made by a concurrent request meanwhile: theirs is the same
        _remove(storage, saved)
    return name


def make_all_renditions(image_id: int) -> int:
    image = Image.objects.filter(pk=image_id).first()
    if image is None:
        return 0
    count = 0
    for width in rendition_widths(image):
        for fmt in ("webp", fallback_format(image)):
            rendition(image, width, fmt)
            count += 1
    return count
