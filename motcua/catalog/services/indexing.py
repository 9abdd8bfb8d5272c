"""Keeps the search columns of published versions and the search vocabulary up to date (derived data)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db.models.expressions import CombinedExpression

from motcua.catalog.models import ProcedureVersion, SearchWord
from motcua.catalog.normalize import normalise
from motcua.catalog.search import sqlite_fts, vocabulary
from motcua.core.sqlvendor import is_postgresql

MAX_WORD = 60


def search_columns(version: ProcedureVersion) -> tuple[str, str]:
    """The folded name (code and name) and the folded full text (adds field, sector and agencies)."""
    field = version.field
    agency_names = [part for a in version.agencies.all() for part in (a.name, a.short_name)]
    name = normalise(version.procedure.code, version.name)
    text = normalise(
        version.procedure.code,
        version.name,
        field.name,
        field.code,
        field.sector,
        version.implementing_agency,
        version.result_agency,
        *agency_names,
    )
    return name, text


def index_versions(version_ids: Iterable[int]) -> None:
    """Recompute the search columns of these versions and add their words to the vocabulary."""
    ids = list(version_ids)
    if not ids:
        return
    versions = list(
        ProcedureVersion.objects.filter(pk__in=ids).select_related("procedure", "field").prefetch_related("agencies")
    )
    words: set[str] = set()
    for version in versions:
        version.search_name, version.search_text = search_columns(version)
        words.update(w for w in version.search_text.split() if len(w) <= MAX_WORD)
    ProcedureVersion.objects.bulk_update(versions, ["search_name", "search_text"], batch_size=500)
    if is_postgresql():
        ProcedureVersion.objects.filter(pk__in=ids).update(search_vector=search_vector_expression())
    else:
        sqlite_fts.store((v.pk, v.search_text) for v in versions)
    add_words(words)


def search_vector_expression() -> CombinedExpression:
    """Name words weigh A, the other words B ('simple' configuration: the text is already folded)."""
    return SearchVector("search_name", weight="A", config="simple") + SearchVector(
        "search_text", weight="B", config="simple"
    )


def add_words(words: Iterable[str]) -> None:
    wanted = set(words)
    known = set(SearchWord.objects.filter(word__in=list(wanted)).values_list("word", flat=True))
    new = sorted(wanted - known)
    if new:
        SearchWord.objects.bulk_create([SearchWord(word=w) for w in new], ignore_conflicts=True, batch_size=1000)
        vocabulary.invalidate()
