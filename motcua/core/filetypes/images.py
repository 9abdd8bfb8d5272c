"""JPEG and PNG uploads: decoded by Pillow, stored re-encoded.

Only the pixels survive (and the resolution, so a scan prints at its size): EXIF (camera, date, GPS position), XMP,
ICC profiles, comments, text chunks and anything appended after the image are dropped. The orientation a phone
records in EXIF is applied to the pixels first, so the photo stays upright. The pixel count is read from the header
and checked before anything is decoded: a small file declaring a huge image (a decompression bomb) costs nothing.
"""

from __future__ import annotations

import io
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps

from motcua.core.filetypes.base import Refused

#: Pillow's decoder for each sniffed type (no other decoder is tried).
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
#: Modes each format stores as they are; anything else is converted (to RGB for JPEG, RGBA for PNG).
MODES = {"JPEG": {"L", "RGB", "CMYK"}, "PNG": {"1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"}}
JPEG_QUALITY = 90
_whole_lock = threading.Lock()


@contextmanager
def _whole_images_only() -> Iterator[None]:
    """Decode strictly: a truncated image is an error. WeasyPrint (imported for the forms) switches Pillow's
    process-wide ``LOAD_TRUNCATED_IMAGES`` on, which would pad a cut-off upload with grey instead."""
    with _whole_lock:
        saved = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = saved


def _too_large(name: str, max_pixels: int, size: tuple[int, int] | None = None) -> Refused:
    limit = max_pixels / 1e6
    if size is None:  # Pillow refused it at once: far beyond any limit
        message = _(
            "The image “%(name)s” has far more than %(limit).0f megapixels, the limit. Save it at a lower "
            "resolution and attach it again."
        ) % {"name": name, "limit": limit}
    else:
        message = _(
            "The image “%(name)s” is %(width)d × %(height)d pixels (%(mp).0f megapixels); the limit is "
            "%(limit).0f megapixels. Save it at a lower resolution and attach it again."
        ) % {"name": name, "width": size[0], "height": size[1], "mp": size[0] * size[1] / 1e6, "limit": limit}
    return Refused("image_too_large", message)


def _unreadable(name: str) -> Refused:
    return Refused(
        "image_unreadable",
        _("The file “%(name)s” is not a readable image (damaged, or not really a JPEG or PNG file).") % {"name": name},
    )


def reencode(source: File, *, content_type: str, name: str, max_pixels: int) -> ContentFile:
    """The image in ``source`` re-encoded in its own format without metadata; raises :class:`Refused`."""
    fmt = FORMATS[content_type]
    source.seek(0)
    try:
        with _whole_images_only(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source, formats=[fmt]) as picture:
                width, height = picture.size
                if width * height > max_pixels:
                    raise _too_large(name, max_pixels, (width, height))
                picture.load()
                return ContentFile(_encode(picture, fmt))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name, max_pixels) from None
    except (OSError, SyntaxError, ValueError, EOFError):  # UnidentifiedImageError is an OSError
        raise _unreadable(name) from None


def _encode(picture: Image.Image, fmt: str) -> bytes:
    dpi = picture.info.get("dpi")
    transparency = picture.info.get("transparency")
    ImageOps.exif_transpose(picture, in_place=True)  # in place: a 40-megapixel photo is not held twice
    upright = picture
    if upright.mode not in MODES[fmt]:
        upright = upright.convert("RGB" if fmt == "JPEG" else "RGBA")
        transparency = None
    upright.info = {}  # nothing of the original's metadata may be written back
    options: dict[str, object] = {}
    if isinstance(dpi, tuple) and len(dpi) == 2 and all(isinstance(v, int | float) and 0 < v < 10_000 for v in dpi):
        options["dpi"] = (round(dpi[0]), round(dpi[1]))
    if fmt == "JPEG":
        options["quality"] = JPEG_QUALITY
    elif transparency is not None and upright.mode in {"L", "P", "RGB"}:
        options["transparency"] = transparency
    out = io.BytesIO()
    upright.save(out, fmt, **options)
    return out.getvalue()
