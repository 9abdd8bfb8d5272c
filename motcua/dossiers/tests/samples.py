"""Files to upload in tests, built here byte by byte: plain PDFs, hostile PDFs, images with metadata, bombs."""

from __future__ import annotations

import io
import zipfile
import zlib

from PIL import ExifTags, Image

HTML = b"<html><body><script>fetch('/staff/').then(r=>r.text()).then(alert)</script></body></html>\n"


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body: its dictionary (with the right /Length) and its data."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf(
    *,
    text: str = "motcua",
    catalog: bytes = b"",
    page: bytes = b"",
    content: bytes | None = None,
    objects: tuple[bytes, ...] = (),
    version: bytes = b"1.7",
) -> bytes:
    """A one-page PDF with a correct cross-reference table. Objects 1-4 are the catalog, the page tree, the page and
    its content stream; ``objects`` are numbered from 5. ``catalog`` and ``page`` add entries to those dictionaries;
    ``content`` replaces the page's content stream object (a full ``stream(...)``)."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> " + page + b">>",
        content if content is not None else stream(b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"),
        *objects,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref))
    return out.getvalue()


def big_pdf(size: int) -> bytes:
    """A valid PDF of about ``size`` bytes: a page and an unused, uncompressed stream of zeros as padding."""
    small = pdf(objects=(stream(b""),))
    return pdf(objects=(stream(b"\0" * max(0, size - len(small))),))


def deflate_bomb(inflated: int) -> bytes:
    """zlib data that inflates to ``inflated`` zero bytes (a whole number of MB), about 1,000 times its size.

    Built fast: after a full flush, every further megabyte of zeros compresses to the same bytes, so one compressed
    megabyte is repeated; the stream ends with an empty final block and the right checksum."""
    block = b"\0" * (1 << 20)
    packer = zlib.compressobj(9)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    megabytes = max(1, inflated >> 20)
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(block, checksum)
    return first + again * (megabytes - 1) + b"\x03\x00" + checksum.to_bytes(4, "big")


def pdf_with_bomb(inflated: int = 2 << 30) -> bytes:
    """A PDF whose page content stream inflates to ``inflated`` bytes (2 GB by default, in about 2 MB)."""
    return pdf(content=stream(deflate_bomb(inflated), b"/Filter /FlateDecode "))


def pdf_magic_then_zip_bomb(inflated: int = 128 << 20) -> bytes:
    """``%PDF-`` followed by a zip archive whose one entry inflates to ``inflated`` bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("bomb.bin", "w", force_zip64=True) as entry,
    ):
        block = b"\0" * (1 << 20)
        for _ in range(inflated >> 20):
            entry.write(block)
    return b"%PDF-1.7\n" + out.getvalue()


def image(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), **options: object) -> bytes:
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    picture.save(out, fmt, **options)
    return out.getvalue()


#: Hoàn Kiếm Lake: N 21°1′41″, E 105°51′7″.
GPS: dict[int, object] = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (21.0, 1.0, 41.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (105.0, 51.0, 7.0),
}


def jpeg_with_gps() -> bytes:
    """A phone photo: EXIF with the camera, the date and the GPS position of Hoàn Kiếm Lake."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.DateTime] = "2026:03:02 08:15:00"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    return image("JPEG", (120, 90), exif=exif.tobytes())


def png_bomb(width: int = 30000, height: int = 30000) -> bytes:
    """A valid PNG of ``width`` × ``height`` black pixels (1 bit per pixel) in about 100 KB: every row is a filter
    byte and zeros, so the image data is one long run of zeros."""
    row = 1 + (width + 7) // 8
    packer = zlib.compressobj(9)
    parts = [packer.compress(b"\0" * row * 1000) for _ in range(height // 1000)]
    parts.append(packer.compress(b"\0" * row * (height % 1000)))
    data = b"".join(parts) + packer.flush()

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
