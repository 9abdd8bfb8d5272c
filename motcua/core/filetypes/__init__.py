"""What a stored file may contain: each accepted type is parsed by a real parser before it is stored.

PDFs must parse with pypdf and may not act on the reader's machine (``pdf``); images must decode with Pillow and are
stored re-encoded, without any metadata (``images``). A refusal is a :class:`Refused` with a code and a message
naming the file; :func:`motcua.dossiers.files.store_upload` turns it into the usual 422.
"""

from __future__ import annotations

from django.core.files.base import File

from motcua.core.filetypes import images, pdf
from motcua.core.filetypes.base import Refused

__all__ = ["EXTENSIONS", "Refused", "checked", "sniff"]

#: Magic numbers of the accepted types.
SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def sniff(head: bytes) -> str | None:
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def checked(source: File, *, content_type: str, name: str, max_pixels: int) -> File:
    """The content to store for ``source`` (sniffed as ``content_type``): the PDF itself once it passed every check,
    or the image re-encoded; raises :class:`Refused`."""
    if content_type == "application/pdf":
        pdf.check(source, name=name, max_pixels=max_pixels)
        return source
    return images.reencode(source, content_type=content_type, name=name, max_pixels=max_pixels)
