"""Locking one aggregate's row for the rest of the transaction: the dossier's and the petition's writers queue on it,
so two officers acting at once never overwrite each other."""

from __future__ import annotations

from typing import TypeVar

from django.db import models, transaction

from motcua.core.errors import NotFound

M = TypeVar("M", bound=models.Model)


def lock_row(queryset: models.QuerySet[M], pk: int, missing: NotFound) -> M:
    """The row ``pk`` of ``queryset``, locked until the end of the current transaction, or ``missing`` raised.

    Only the row itself is locked (``of=("self",)``): locking the joined rows too would make every writer of an
    object sharing an agency or a procedure wait for the others."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_row() must run inside transaction.atomic()")
    found = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
    if found is None:
        raise missing
    return found
