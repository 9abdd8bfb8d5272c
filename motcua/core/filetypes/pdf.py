"""PDF uploads: parsed with pypdf; refused when they could act on the reader's machine or cost unbounded work.

A PDF is stored as sent (re-writing it would break its digital signature), so it must pass every check:
- it starts with ``%PDF-``, has no web-page markup in its first kilobyte (where browsers sniff) and nothing but
  white space after its last ``%%EOF``: a PDF that is also an HTML page is refused;
- pypdf reads its cross-reference table, its catalog and its page tree (at most ``MAX_PAGES`` pages);
- every object reachable from the trailer (at most ``MAX_OBJECTS``) is visited: JavaScript (``/JS``,
  ``/JavaScript``), XFA forms, launch actions, automatic actions (``/AA``, an ``/OpenAction`` other than showing
  a page), embedded files and multimedia (``/RichMedia``, ``/3D``, ``/Screen``, ``/Movie``, ``/Sound``) are refused,
  each with its own code and message; names written with ``#xx`` escapes are decoded by the parser first;
- the streams are inflated in 64 KB steps and thrown away, counting: more than ``MAX_INFLATED_BYTES`` in all
  (a zip bomb) is refused long before memory is at risk. Images are not inflated (viewers decode only the declared
  width × height), but an image declaring more than the pixel limit is refused.
Object streams are decoded by pypdf itself, under its own output limits (``LIMITS``).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

import pypdf
from django.core.files.base import File
from django.utils.translation import gettext as _
from pypdf.errors import LimitReachedError
from pypdf.filters import ASCII85Decode, ASCIIHexDecode, LZWDecode, RunLengthDecode
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

from motcua.core.filetypes.base import Refused

MAX_PAGES = 2000
MAX_OBJECTS = 200_000
MAX_INFLATED_BYTES = 256 * 1024 * 1024
STEP = 64 * 1024
HEAD = 1024
MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b", re.IGNORECASE)
#: pypdf's own limits while it reads the file (object streams, LZW and run-length data): 32 MB per stream.
LIMITS = pypdf.Configuration().with_overwrites(
    **dict.fromkeys(
        (
            "zlib_maximum_output_length",
            "lzw_maximum_output_length",
            "run_length_maximum_output_length",
            "array_based_stream_maximum_output_length",
            "maximum_declared_stream_length",
        ),
        32 * 1024 * 1024,
    )
)
MULTIMEDIA = {"/RichMedia", "/3D", "/Screen", "/Movie", "/Sound"}
#: The order in which findings are reported when a file has several.
ORDER = ["javascript", "xfa", "launch", "embedded_files", "multimedia", "auto_action"]


def _messages() -> dict[str, str]:
    return {
        "markup": _(
            "The file “%(name)s” starts like a PDF but contains web page code (HTML); save the document again as a "
            "plain PDF."
        ),
        "trailing_data": _("The PDF “%(name)s” has other data after its end; save the document again as a plain PDF."),
        "unreadable": _("The file “%(name)s” is not a readable PDF (damaged, or not really a PDF)."),
        "encrypted": _("The PDF “%(name)s” is password-protected; remove the protection and attach it again."),
        "too_many_pages": _("The PDF “%(name)s” has %(pages)d pages; the limit is %(limit)d."),
        "too_complex": _(
            "The PDF “%(name)s” is too complex to check (too many objects, or content that expands to more than "
            "%(limit)d MB); save it again as a plain PDF, or split it."
        ),
        "image_too_large": _(
            "The PDF “%(name)s” contains an image of more than %(limit).0f megapixels; save it at a lower resolution."
        ),
        "javascript": _(
            "The PDF “%(name)s” contains JavaScript; save it again as a plain PDF (for example with “Print to PDF”)."
        ),
        "xfa": _(
            "The PDF “%(name)s” is a dynamic (XFA) form, which runs scripts; print it to a plain PDF and attach that."
        ),
        "launch": _(
            "The PDF “%(name)s” contains a command that starts a program or opens another file; save it again as "
            "a plain PDF."
        ),
        "embedded_files": _(
            "The PDF “%(name)s” carries other files inside it; attach each document separately as a PDF, JPEG or "
            "PNG file."
        ),
        "multimedia": _(
            "The PDF “%(name)s” contains multimedia content (video, sound, 3D or Flash); save it again as a plain PDF."
        ),
        "auto_action": _(
            "The PDF “%(name)s” runs an automatic action when it is opened or used; save it again as a plain PDF."
        ),
    }


class _Finding(Exception):
    def __init__(self, kind: str, **values: Any) -> None:
        super().__init__(kind)
        self.kind, self.values = kind, values


def check(source: File, *, name: str, max_pixels: int) -> None:
    """Raise :class:`Refused` unless ``source`` is a plain PDF (see the module's description)."""
    try:
        _check(source, max_pixels)
    except _Finding as finding:
        values = {"name": name, **finding.values}
        raise Refused(f"pdf_{finding.kind}", _messages()[finding.kind] % values) from None


def _check(source: File, max_pixels: int) -> None:
    source.seek(0)
    if MARKUP.search(source.read(HEAD)):
        raise _Finding("markup")
    size = source.size
    source.seek(max(0, size - HEAD))
    tail = source.read()
    end = tail.rfind(b"%%EOF")
    if end < 0:
        raise _Finding("unreadable")
    if tail[end + 5 :].strip(b" \t\r\n\f\x00"):
        raise _Finding("trailing_data")
    source.seek(0)
    with pypdf.apply_configuration(LIMITS):
        try:
            reader = _open(source)
            found = _walk(reader, max_pixels)
        except (_Finding, Refused):
            raise
        except LimitReachedError:
            raise _Finding("too_complex", limit=MAX_INFLATED_BYTES >> 20) from None
        except RecursionError:
            raise _Finding("too_complex", limit=MAX_INFLATED_BYTES >> 20) from None
        except Exception:  # whatever pypdf raises, the file is not a readable PDF
            raise _Finding("unreadable") from None
    if found:
        raise _Finding(min(found, key=ORDER.index))


def _open(source: File) -> pypdf.PdfReader:
    reader = pypdf.PdfReader(source, strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # an unsupported cipher is as closed as a password
            opened = None
        if not opened:
            raise _Finding("encrypted")
    pages = len(reader.pages)
    if pages > MAX_PAGES:
        raise _Finding("too_many_pages", pages=pages, limit=MAX_PAGES)
    if pages == 0:
        raise _Finding("unreadable")
    return reader


def _resolved(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _raw(mapping: DictionaryObject, key: str) -> Any:
    return _resolved(dict.get(mapping, key))


def _findings(obj: DictionaryObject) -> Iterator[str]:
    keys = set(dict.keys(obj))
    action = _raw(obj, "/S")
    if "/JS" in keys or "/JavaScript" in keys or action == "/JavaScript":
        yield "javascript"
    if "/XFA" in keys:
        yield "xfa"
    if action == "/Launch":
        yield "launch"
    if "/AA" in keys:
        yield "auto_action"
    if "/OpenAction" in keys:
        opening = _raw(obj, "/OpenAction")
        if isinstance(opening, DictionaryObject) and _raw(opening, "/S") not in (None, "/GoTo"):
            yield "auto_action"
    if keys & {"/EmbeddedFiles", "/EF"} or _raw(obj, "/Type") == "/EmbeddedFile":
        yield "embedded_files"
    if _raw(obj, "/Subtype") == "/FileAttachment" or action == "/GoToE":
        yield "embedded_files"
    if _raw(obj, "/Subtype") in MULTIMEDIA or action in ("/Rendition", "/Movie", "/Sound"):
        yield "multimedia"


def _walk(reader: pypdf.PdfReader, max_pixels: int) -> set[str]:
    """Visit every object reachable from the trailer once; return what was found, measure every stream."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    budget = [MAX_INFLATED_BYTES]
    stack: list[Any] = [dict.get(reader.trailer, "/Root"), dict.get(reader.trailer, "/Info")]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_OBJECTS:
                raise _Finding("too_complex", limit=MAX_INFLATED_BYTES >> 20)
            obj = obj.get_object()
        if isinstance(obj, DictionaryObject):
            found.update(_findings(obj))
            if isinstance(obj, StreamObject):
                _measure(obj, budget, max_pixels)
            stack.extend(dict.values(obj))
        elif isinstance(obj, ArrayObject):
            stack.extend(list.__iter__(obj))
    return found


def _filters(stream: StreamObject) -> list[str]:
    value = _raw(stream, "/Filter")
    if value is None:
        return []
    if isinstance(value, ArrayObject):
        return [str(_resolved(f)) for f in list.__iter__(value)]
    return [str(value)]


def _measure(stream: StreamObject, budget: list[int], max_pixels: int) -> None:
    """Count what ``stream`` decodes to against ``budget`` (what is left of the document's allowance)."""
    if _raw(stream, "/Subtype") == "/Image":
        width, height = _raw(stream, "/Width"), _raw(stream, "/Height")
        if isinstance(width, int) and isinstance(height, int) and width * height > max_pixels:
            raise _Finding("image_too_large", limit=max_pixels / 1e6)
        return
    data: bytes = stream._data  # the stream as stored (still encoded)
    produced = len(data)
    for name in _filters(stream):
        if name in ("/ASCIIHexDecode", "/AHx"):
            data = ASCIIHexDecode.decode(data)
        elif name in ("/ASCII85Decode", "/A85"):
            data = ASCII85Decode.decode(data)
        elif name in ("/FlateDecode", "/Fl"):
            produced = _inflated(data, budget[0])
            break
        elif name in ("/LZWDecode", "/LZW"):
            produced = len(LZWDecode.decode(data))
            break
        elif name in ("/RunLengthDecode", "/RL"):
            produced = len(RunLengthDecode.decode(data))
            break
        else:  # image codecs and the rest: what is stored
            produced = len(data)
            break
    budget[0] -= produced
    if budget[0] < 0:
        raise _Finding("too_complex", limit=MAX_INFLATED_BYTES >> 20)


def _inflated(data: bytes, allowance: int) -> int:
    """How many bytes zlib ``data`` inflates to, up to ``allowance`` (beyond: too complex), in ``STEP`` pieces."""
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):  # zlib or gzip header, else raw deflate
        inflater = zlib.decompressobj(wbits)
        total, rest = 0, data
        try:
            while not inflater.eof:
                piece = inflater.decompress(rest, STEP)
                rest = inflater.unconsumed_tail
                total += len(piece)
                if total > allowance:
                    raise _Finding("too_complex", limit=MAX_INFLATED_BYTES >> 20)
                if not piece and not rest:
                    break
            return total
        except zlib.error:
            if total:  # damaged after a while: viewers show what came out
                return total
    return len(data)
