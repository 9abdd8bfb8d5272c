"""The catalogue's store of blank forms (mẫu đơn, tờ khai): the files a procedure's components point to.

A component of a version names its blank form (``form_name``), and gives it as an address (``form_url``), a file
in this store (``form_file``: ``catalog/forms/<file>``), or both. Files come in through the admin (a draft
version's components) or ahead of an import (the import names them, as its other parts, and refuses a name the
store does not hold); the portal serves them at ``/thu-tuc/<code>/mau/<component>/``.
"""

from __future__ import annotations

import posixpath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "catalog/forms"
#: What a blank form may be: documents to print or fill in.
EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".rtf")


def stored_name(name: str) -> str:
    """``to-khai.pdf`` or ``catalog/forms/to-khai.pdf`` → ``catalog/forms/to-khai.pdf``; ``""`` stays ``""``."""
    base = posixpath.basename((name or "").strip().replace("\\", "/"))
    return f"{FOLDER}/{base}" if base else ""


def exists(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def acceptable(name: str) -> bool:
    return name.lower().endswith(EXTENSIONS)


def put(file_name: str, content: bytes) -> str:
    """Store ``content`` as ``file_name`` in the form store unless a file of that name is already there (a blank
    form is replaced by a new name, never overwritten: published versions keep pointing at theirs)."""
    name = stored_name(file_name)
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    return name
