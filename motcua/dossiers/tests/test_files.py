"""Stored files: parsed as their type by a real parser, images re-encoded without metadata, hostile PDFs refused,
the content stored once per SHA-256, replaced files removed, each applicant's own uploads within a quota."""

import hashlib
import io
import os
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from motcua.core.errors import ValidationFailed
from motcua.dossiers import files
from motcua.dossiers.files import store_upload
from motcua.dossiers.models import Blob, Channel, DossierComponent, StoredFile
from motcua.dossiers.services import intake
from motcua.dossiers.tests import samples
from motcua.dossiers.tests.factories import PDF, PNG

MB = 1024 * 1024


def refused(data, name="tai-lieu.pdf", **kwargs):
    with pytest.raises(ValidationFailed) as caught:
        store_upload(name=name, data=data, **kwargs)
    return caught.value


def stored_bytes(stored):
    with stored.blob.file.open("rb") as handle:
        return handle.read()


# --- the hostile files of the report, one by one -------------------------------------------------------------


def test_pdf_magic_followed_by_html_is_refused(world):
    error = refused(b"%PDF-1.7\n" + samples.HTML)
    assert error.code == "pdf_markup"
    assert "tai-lieu.pdf" in str(error.message) and error.fields == {"file": error.message}


def test_a_valid_pdf_with_html_after_its_end_is_refused(world):
    assert refused(samples.big_pdf(4000) + samples.HTML).code == "pdf_trailing_data"


def test_jpeg_magic_followed_by_html_is_refused(world):
    assert refused(b"\xff\xd8\xff\xe0" + samples.HTML, name="anh.jpg").code == "image_unreadable"


def test_a_real_jpeg_with_html_appended_is_stored_without_it(world):
    stored = store_upload(name="anh.jpg", data=samples.image("JPEG") + samples.HTML)
    content = stored_bytes(stored)
    assert b"<script" not in content and content.startswith(b"\xff\xd8\xff")
    assert Image.open(io.BytesIO(content)).size == (64, 48)


@pytest.mark.parametrize(
    ("catalog", "objects", "code"),
    [
        # the report's file: JavaScript run when the document opens
        (b"/OpenAction 5 0 R", (b"<< /Type /Action /S /JavaScript /JS (app.alert\\(1\\)) >>",), "pdf_javascript"),
        # the same with the names written in hex escapes (/J#61vaScript is /JavaScript)
        (b"/OpenAction 5 0 R", (b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>",), "pdf_javascript"),
        # document-level scripts in the name tree
        (b"/Names << /JavaScript 5 0 R >>", (b"<< /Names [(a) << /S /JavaScript /JS (x) >>] >>",), "pdf_javascript"),
        # a program started when the document opens
        (b"/OpenAction << /S /Launch /F (cmd.exe) >>", (), "pdf_launch"),
        # another document opened automatically
        (b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>", (), "pdf_auto_action"),
        # an additional action on the catalog (run on close, save, print)
        (b"/AA << /WC << /S /URI /URI (http://example.com/) >> >>", (), "pdf_auto_action"),
        # files carried inside
        (
            b"/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
            (b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>", samples.stream(b"MZ", b"/Type /EmbeddedFile ")),
            "pdf_embedded_files",
        ),
        # a dynamic XFA form (scripts)
        (b"/AcroForm << /Fields [] /XFA 5 0 R >>", (samples.stream(b"<xdp:xdp/>"),), "pdf_xfa"),
    ],
)
def test_pdfs_that_act_on_the_readers_machine_are_refused(world, catalog, objects, code):
    assert refused(samples.pdf(catalog=catalog, objects=objects)).code == code


def test_scripts_hidden_in_a_compressed_object_stream_are_found(world):
    inner = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"
    header = b"6 0 "
    packed = samples.stream(
        zlib.compress(header + inner),
        b"/Type /ObjStm /N 1 /First %d /Filter /FlateDecode " % len(header),
    )
    document = _pdf_with_object_stream(packed)
    assert refused(document).code == "pdf_javascript"


def _pdf_with_object_stream(packed: bytes) -> bytes:
    """Catalog (1) opening action 6, which lives in object stream 5; a cross-reference stream (7) lists both."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        samples.stream(b""),
        packed,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, obj in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref_at = out.tell()
    rows = b"\x00\x00\x00\x00"  # 0: free
    rows += b"".join(b"\x01" + offset.to_bytes(2, "big") + b"\x00" for offset in offsets)
    rows += b"\x02\x00\x05\x00"  # 6: in object stream 5, index 0
    rows += b"\x01" + xref_at.to_bytes(2, "big") + b"\x00"  # 7: this stream
    out.write(
        b"7 0 obj\n"
        + samples.stream(rows, b"/Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R ")
        + b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )
    return out.getvalue()


def test_a_harmless_opening_view_is_accepted(world):
    stored = store_upload(name="mo-trang.pdf", data=samples.pdf(catalog=b"/OpenAction [3 0 R /Fit]"))
    assert stored.content_type == "application/pdf"


def test_a_pdf_with_a_zip_bomb_stream_is_refused_with_bounded_work(world):
    bomb = samples.pdf_with_bomb(2 << 30)  # 2 GB of zeros in about 2 MB
    tracemalloc.start()
    started = time.perf_counter()
    error = refused(bomb)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert error.code == "pdf_too_complex"
    assert peak < len(bomb) + 16 * MB  # the file and small buffers, never the inflated data
    assert elapsed < 10


def test_pdf_magic_followed_by_a_zip_bomb_is_refused(world):
    assert refused(samples.pdf_magic_then_zip_bomb()).code == "pdf_unreadable"


def test_a_109_kb_png_of_30000_by_30000_pixels_is_refused_before_decoding(world):
    bomb = samples.png_bomb(30000, 30000)
    assert len(bomb) < 120_000
    tracemalloc.start()
    error = refused(bomb, name="anh.png")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert error.code == "image_too_large" and peak < 8 * MB


def test_an_image_over_the_pixel_limit_is_refused(world, settings):
    settings.MOTCUA_UPLOAD_MAX_PIXELS = 64 * 47
    assert refused(samples.image("PNG", (64, 48)), name="anh.png").code == "image_too_large"
    assert store_upload(name="anh.png", data=samples.image("PNG", (64, 47))).content_type == "image/png"


def test_a_photo_is_stored_without_its_exif_gps_and_upright(world):
    photo = samples.jpeg_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the sample does carry GPS
    stored = store_upload(name="anh.jpg", data=photo)
    clean = Image.open(io.BytesIO(stored_bytes(stored)))
    assert not clean.getexif() and not clean.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert b"Exif" not in stored_bytes(stored) and "icc_profile" not in clean.info
    assert stored.sha256 == hashlib.sha256(stored_bytes(stored)).hexdigest() and stored.size == len(
        stored_bytes(stored)
    )


def test_a_truncated_image_is_refused(world):
    assert refused(samples.image("PNG")[:60], name="anh.png").code == "image_unreadable"


def test_other_types_and_empty_files_keep_their_codes(world):
    assert refused(b"MZ\x90\x00", name="virus.exe").code == "file_type"
    assert refused(b"", name="rong.pdf").code == "file_empty"


# --- streaming: the size is known before anything is read ----------------------------------------------------


class Unreadable(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("read")

    def chunks(self, *args):
        raise AssertionError("read")


def test_an_oversized_upload_is_refused_from_its_size_without_reading_it(world, settings):
    settings.MOTCUA_UPLOAD_MAX_BYTES = 1000
    upload = Unreadable("big.pdf", b"x" * 2000)
    assert refused(upload).code == "file_too_large"


def test_an_upload_on_disk_is_stored_from_the_file(world, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(samples.pdf(text="scan"))
    with path.open("rb") as handle:
        from django.core.files import File

        stored = store_upload(name="scan.pdf", data=File(handle, name="scan.pdf"))
    assert stored_bytes(stored) == path.read_bytes()


# --- one blob per content, replaced files removed, quota -----------------------------------------------------


def test_identical_bytes_are_stored_once(world):
    first = store_upload(name="a.pdf", data=PDF, owner_applicant=world.citizen)
    second = store_upload(name="b.pdf", data=ContentFile(PDF), owner_applicant=world.citizen)
    assert first.pk != second.pk and first.blob_id == second.blob_id
    assert Blob.objects.count() == 1
    folder = first.blob.file.storage.path(first.blob.file.name)
    assert len(list(Path(folder).parent.iterdir())) == 1


def _draft(world):
    return intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip


def _put(world, dossier, component, data, name="to-khai.pdf"):
    item = intake.ComponentInput(component_id=component.pk, file_name=name, content=data)
    return intake.dossier_put_components(actor=world.citizen_user, dossier_id=dossier.pk, items=[item])


def test_a_replaced_component_file_is_removed_after_commit(world, django_capture_on_commit_callbacks):
    dossier = _draft(world)
    component = world.version.components.first()
    _put(world, dossier, component, samples.pdf(text="first"))
    old = DossierComponent.objects.get(dossier=dossier).file
    path = old.blob.file.path
    with django_capture_on_commit_callbacks(execute=True):
        _put(world, dossier, component, samples.pdf(text="second"))
    assert not StoredFile.objects.filter(pk=old.pk).exists()
    assert not Blob.objects.filter(pk=old.blob_id).exists()
    assert not os.path.exists(path)
    assert StoredFile.objects.count() == Blob.objects.count() == 1


def test_content_still_used_elsewhere_is_kept(world, django_capture_on_commit_callbacks):
    first, second = _draft(world), _draft(world)
    component = world.version.components.first()
    _put(world, first, component, PDF)
    _put(world, second, component, PDF)  # the same bytes, another upload
    with django_capture_on_commit_callbacks(execute=True):
        _put(world, first, component, samples.pdf(text="corrected"))
    kept = DossierComponent.objects.get(dossier=second).file
    assert stored_bytes(kept) == PDF


def test_an_applicants_own_uploads_stay_within_the_quota(world, settings):
    dossier = _draft(world)
    components = list(world.version.components.all())
    one = samples.big_pdf(300_000)
    settings.MOTCUA_APPLICANT_QUOTA_BYTES = len(one) + 100_000
    _put(world, dossier, components[0], one)
    _put(world, dossier, components[0], one)  # the same content again costs nothing
    with pytest.raises(ValidationFailed) as caught:
        _put(world, dossier, components[-1], samples.big_pdf(200_000))
    assert caught.value.code == "quota_exceeded"
    assert f"components.{components[-1].pk}" in caught.value.fields
    # the desk scanning paper for the applicant is not held by the applicant's quota
    staff = files.store_upload(
        name="scan.pdf", data=samples.big_pdf(200_000), uploaded_by=world.desk, owner_applicant=world.citizen
    )
    assert staff.pk


def test_the_sweep_removes_orphans_left_by_a_rolled_back_upload(world, settings):
    storage = Blob._meta.get_field("file").storage
    name = storage.save("dossiers/blobs/ab/orphan.pdf", ContentFile(PDF))
    kept = store_upload(name="a.pdf", data=PDF)
    unused = Blob.objects.create(sha256="0" * 64, content_type="image/png", size=len(PNG), file=storage.save(
        "dossiers/blobs/00/unused.png", ContentFile(PNG)))  # fmt: skip
    removed = files.files_sweep(older_than_seconds=0)
    assert removed["blobs"] == 1 and removed["files"] >= 1
    assert not storage.exists(name) and not storage.exists(unused.file.name)
    assert storage.exists(kept.blob.file.name) and not Blob.objects.filter(pk=unused.pk).exists()


def test_the_sweep_command_reports_what_it_removed(world):
    from io import StringIO

    from django.core.management import call_command

    storage = Blob._meta.get_field("file").storage
    storage.save("dossiers/blobs/cd/orphan.pdf", ContentFile(PDF))
    out = StringIO()
    call_command("dossiers_sweep", "--older-than", "0", stdout=out)
    assert "1 unreferenced files" in out.getvalue()
