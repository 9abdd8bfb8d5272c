"""bench/uploads: how much of a request body is read, and how much memory it takes, before an upload is refused.

Each case sends a real multipart body from a file on disk straight to the WSGI application (as gunicorn would),
with a session and a CSRF token, and reports: the answer, the bytes taken from ``wsgi.input``, the peak of Python
allocations (tracemalloc) and the growth of the process's resident memory high-water mark during the request.
Cases: a 10 MB PDF (the largest file accepted), a 200 MB file, an anonymous 50 MB post to ``/tra-cuu/``, and a
40-megapixel JPEG photo (the largest image accepted, decoded and re-encoded: Pillow's pixel buffers are not Python
allocations, so they show in the resident memory column only). A first, unmeasured upload imports the code.
The bench uses its own SQLite database under var/bench (the figures do not depend on the database).
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from bench.common import ROOT, migrate, setup_django  # noqa: E402

MB = 1024 * 1024
BOUNDARY = "motcuabenchboundary"
DB = ROOT / "var" / "bench" / "uploads.sqlite3"


class Counting(io.RawIOBase):
    """wsgi.input that counts what the application reads."""

    def __init__(self, path: Path) -> None:
        self.handle = path.open("rb")
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        self.taken += len(data)
        return len(data)

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.taken += len(data)
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self.handle.readline(size)
        self.taken += len(data)
        return data


def _hwm_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _reset_hwm() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _multipart(path: Path, fields: dict[str, str], file_name: str, head: bytes, size: int) -> int:
    """Write a multipart body to ``path``: the fields, then a file of ``size`` bytes: ``head`` then zeros."""
    with path.open("wb") as out:
        for key, value in fields.items():
            out.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
        )
        out.write(head)
        left = size - len(head)
        block = b"\0" * MB
        while left > 0:
            out.write(block[: min(MB, left)])
            left -= min(MB, left)
        out.write(f"\r\n--{BOUNDARY}--\r\n".encode())
    return path.stat().st_size


def _environ(path: str, body: Counting, length: int, cookie: str, token: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
        "CONTENT_LENGTH": str(length),
        "HTTP_COOKIE": cookie,
        "HTTP_X_CSRFTOKEN": token,
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def _send(app: Any, path: str, body_path: Path, length: int, cookie: str, token: str) -> dict[str, Any]:
    body = Counting(body_path)
    status: list[str] = []
    tracemalloc.start()
    _reset_hwm()
    before = _hwm_kb()
    started = time.perf_counter()
    chunks = app(_environ(path, body, length, cookie, token), lambda s, h, *a: status.append(s))
    for _chunk in chunks:
        pass
    getattr(chunks, "close", lambda: None)()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    grown = max(0, _hwm_kb() - before)
    body.handle.close()
    return {"status": status[0] if status else "?", "read": body.taken, "peak": peak, "rss": grown * 1024, "s": elapsed}


def _jpeg(megapixels: int) -> bytes:
    from PIL import Image

    side = int((megapixels * 1_000_000) ** 0.5)
    image = Image.radial_gradient("L").resize((side, side)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def main() -> None:
    DB.parent.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    setup_django(f"sqlite:///{DB}")
    migrate()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client
    from django.utils.crypto import get_random_string

    from motcua.dossiers.models import Channel
    from motcua.dossiers.services import intake
    from motcua.dossiers.tests.factories import make_world
    from motcua.dossiers.tests.samples import big_pdf

    settings.MEDIA_ROOT = ROOT / "var" / "bench" / "media"
    world = make_world()
    dossier = intake.dossier_create(
        actor=world.citizen_user, version=world.version, applicant=world.citizen,
        handling_agency=world.city.justice, receiving_agency=world.city.centre, channel=Channel.ONLINE,
    )  # fmt: skip
    component = world.version.components.first()
    assert component is not None
    client = Client()
    client.force_login(world.citizen_user)
    token = get_random_string(32)
    signed_in = f"sessionid={client.cookies['sessionid'].value}; csrftoken={token}"
    anonymous = f"csrftoken={token}"
    app = WSGIHandler()
    upload = f"/ho-so/{dossier.pk}/thanh-phan/{component.pk}/"
    limit = settings.MOTCUA_UPLOAD_MAX_BYTES
    pdf_head = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n% padding follows\n"
    largest = big_pdf(limit - 4096)
    cases: list[tuple[str, str, str, bytes, int, str]] = [
        ("largest accepted PDF", upload, "to-khai.pdf", largest, len(largest), signed_in),
        ("200 MB file", upload, "to-khai.pdf", pdf_head, 200 * MB, signed_in),
        ("anonymous 50 MB to /tra-cuu/", "/tra-cuu/", "x.pdf", pdf_head, 50 * MB, anonymous),
    ]
    jpeg = _jpeg(40)
    with tempfile.TemporaryDirectory() as tmp:
        # Warm up: the first request imports the views (and WeasyPrint), some 27 MB of code not to be counted.
        warm = Path(tmp) / "warm"
        small = big_pdf(2048)
        _send(app, upload, warm, _multipart(warm, {"version": str(dossier.version)}, "a.pdf", small, len(small)),
              signed_in, token)  # fmt: skip
        dossier.refresh_from_db()
        print(f"{'case':<32} {'answer':<26} {'body read':>12} {'py peak':>10} {'RSS grew':>10} {'time':>7}")
        for label, path, name, head, size, cookie in cases:
            body_path = Path(tmp) / "body"
            length = _multipart(body_path, {"version": str(dossier.version)}, name, head, size)
            result = _send(app, path, body_path, length, cookie, token)
            print(
                f"{label:<32} {result['status']:<26} {result['read'] / MB:>9.1f} MB {result['peak'] / MB:>7.1f} MB "
                f"{result['rss'] / MB:>7.1f} MB {result['s']:>6.2f}s"
            )
            dossier.refresh_from_db()
        body_path = Path(tmp) / "photo"
        dossier.refresh_from_db()
        length = _multipart(body_path, {"version": str(dossier.version)}, "anh.jpg", jpeg, len(jpeg))
        result = _send(app, upload, body_path, length, signed_in, token)
        print(
            f"{'40 MP JPEG photo':<32} {result['status']:<26} {result['read'] / MB:>9.1f} MB "
            f"{result['peak'] / MB:>7.1f} MB {result['rss'] / MB:>7.1f} MB {result['s']:>6.2f}s"
        )


if __name__ == "__main__":
    main()
