"""Catalogue search: diacritic-insensitive, typo-tolerant, ranked, filtered; procedures in force only.

How a query is read (the same on both databases):

1. it is folded like the index (``catalog.normalize``): ``Đăng ký hộ kinh doanh`` and ``dang ky ho kinh doanh``
   are the same words;
2. a query that looks like a code (``1.004227``, ``2.0008``) matches codes by prefix;
3. every other word is looked up in the vocabulary: a word the catalogue has stands for itself, an unknown
   word for the catalogue words one edit away (``doanhh`` → ``doanh``, ``kinj`` → ``kinh``); the last word
   also matches as a prefix (typing ``kinh doa`` already finds ``kinh doanh``); a word with no match at all is
   left out;
4. every remaining word must match (AND), any of its variants will do (OR).

Matching and ranking then use each database's own machinery:

- PostgreSQL: full-text search (a GIN-indexed ``tsvector`` of the folded text, name words weighted A, the rest
  B) with a ``tsquery`` built from the variants, ranked by ``ts_rank`` plus the name score below; when that finds
  nothing, a pg_trgm word-similarity search over the whole text (``<%``, GIN-indexed) catches what one-edit
  correction cannot;
- SQLite: an FTS5 index of the folded column gives the candidates, ``LIKE '% word %'`` over the folded column
  checks them (and is the whole search where SQLite has no FTS5), ranked by the name score: where the words
  matched (name before field and agency) and whether the whole query occurs in the name.

Ties go to the shorter name (the more specific procedure), then the code. One pass gives the page and the total
(``COUNT(*) OVER ()``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Count,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length

from motcua.catalog import normalize
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.search import sqlite_fts, vocabulary
from motcua.catalog.selectors import current_versions
from motcua.core.sqlvendor import is_postgresql
from motcua.orgs.selectors import agency_get_by_code

CODE_QUERY = re.compile(r"^\d+(\.\d+)*\.?$")
MAX_PAGE_SIZE = 100
#: pg_trgm word similarity a garbled query needs to match in the fallback (the default 0.6 is stricter).
WORD_SIMILARITY = 0.5


@dataclass(frozen=True)
class Term:
    """One query word: the catalogue words it stands for, and a prefix when it may be unfinished."""

    word: str
    variants: tuple[str, ...]
    prefix: str | None = None


@dataclass
class SearchResult:
    items: list[ProcedureVersion]
    count: int
    page: int
    page_size: int
    terms: list[Term] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def read_query(q: str) -> tuple[list[Term], list[str]]:
    """The terms of a free-text query, and the words that were left out (nothing near them)."""
    words = normalize.words(q)
    vocab = vocabulary.current()
    terms: list[Term] = []
    ignored: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        prefix = word if last and len(word) >= 2 and vocab.has_prefix(word) else None
        variants = tuple(vocab.variants(word))
        split = None if variants or prefix else vocab.split(word)
        if variants or prefix:
            terms.append(Term(word=word, variants=variants, prefix=prefix))
        elif split:
            terms += [Term(word=part, variants=(part,)) for part in split]
        else:
            ignored.append(word)
    return terms, ignored


def procedure_search(
    *,
    q: str = "",
    field: str | None = None,
    level: str | None = None,
    agency: str | None = None,
    online_level: str | None = None,
    page: int = 1,
    page_size: int = 20,
    on: dt.date | None = None,
) -> SearchResult:
    """One page of the procedures in force on ``on`` (default today) matching ``q`` and the filters."""
    page, page_size = max(page, 1), min(max(page_size, 1), MAX_PAGE_SIZE)
    qs = _filtered(current_versions(on), field=field, level=level, agency=agency, online_level=online_level)
    text = q.strip()
    if not normalize.words(text):  # browse: in code order (the folded name starts with the code)
        return _page(qs.order_by("search_name"), page, page_size, ranked=False)
    if CODE_QUERY.match(text):
        # a prefix as a range, so the unique index on the code serves it: 9.001 → [9.001, 9.002)
        prefix = text.rstrip(".")
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        qs = qs.filter(procedure__code__gte=prefix, procedure__code__lt=after).order_by("search_name")
        return _page(qs, page, page_size, ranked=False)
    terms, ignored = read_query(text)
    phrase = " ".join(normalize.words(text))
    if not is_postgresql():
        # (no transaction here: on SQLite every atomic block takes the write lock, see settings)
        result = _page(_portable(qs, terms, phrase), page, page_size) if terms else _page(qs.none(), page, page_size)
    else:
        result = _page(_full_text(qs, terms, phrase), page, page_size) if terms else _page(qs.none(), page, page_size)
        if not result.count:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}")
                result = _page(_similar(qs, phrase), page, page_size)
    result.terms, result.ignored = terms, ignored
    return result


def _page(qs: QuerySet[ProcedureVersion], page: int, page_size: int, *, ranked: bool = True) -> SearchResult:
    """One page of ``qs`` and the total. A ranked search must score every match anyway, so the total comes with
    the ranked ids (``COUNT(*) OVER ()``); only the ids travel through the sort (carrying whole rows made broad
    queries three times slower on SQLite), then the page's rows are read by id. A plain listing counts separately
    and reads only the page."""
    start = (page - 1) * page_size
    if ranked:
        rows = list(qs.annotate(total=Window(Count("pk"))).values_list("pk", "total")[start : start + page_size])
        count = rows[0][1] if rows else (qs.count() if start else 0)
        ids = [pk for pk, _total in rows]
    else:
        count = qs.count()
        ids = list(qs.values_list("pk", flat=True)[start : start + page_size]) if start < count else []
    by_id = ProcedureVersion.objects.select_related("procedure", "field").in_bulk(ids)
    return SearchResult([by_id[pk] for pk in ids], count, page, page_size)


def _filtered(
    qs: QuerySet[ProcedureVersion],
    *,
    field: str | None,
    level: str | None,
    agency: str | None,
    online_level: str | None,
) -> QuerySet[ProcedureVersion]:
    if field:
        qs = qs.filter(field__code=field)
    if level:
        qs = qs.filter(level=level)
    if online_level:
        qs = qs.filter(online_level=online_level)
    if agency:
        found = agency_get_by_code(agency)
        if found is None:
            return qs.none()
        through = ProcedureVersion.agencies.through.objects.filter(agency_id=found.pk)
        qs = qs.filter(Q(pk__in=through.values("procedureversion_id")) | Q(agency_kinds__contains=f",{found.kind},"))
    return qs


def _column(name: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(ProcedureVersion._meta.db_table)}.{quote(name)}"


def _like_any(column: str, term: Term) -> tuple[str, list[str]]:
    """SQL (and its parameters) true when ``column`` holds the term: one of its words, or a word it begins.

    Written as SQL rather than ORM lookups: a query of many words would otherwise spend more time in the ORM's
    expression resolution than in the database. The patterns are folded words ([a-z0-9.]: nothing to escape).
    """
    patterns = [f"% {v} %" for v in term.variants] + ([f"% {term.prefix}%"] if term.prefix else [])
    return "(" + " OR ".join(f"{column} LIKE %s" for _ in patterns) + ")", patterns


def _name_score(terms: list[Term], phrase: str) -> RawSQL:
    """8 if the whole query is in the name; per word 3 if it is in the name, else 1 (it matched elsewhere)."""
    name = _column("search_name")
    parts, params = [f"CASE WHEN {name} LIKE %s THEN 8.0 ELSE 0.0 END"], [f"% {phrase} %"]
    for term in terms:
        sql, patterns = _like_any(name, term)
        parts.append(f"CASE WHEN {sql} THEN 3.0 ELSE 1.0 END")
        params += patterns
    sql = "(" + " + ".join(parts) + ")"
    return RawSQL(sql, params, output_field=FloatField())  # noqa: S611 - quoted names and placeholders only


def _portable(qs: QuerySet[ProcedureVersion], terms: list[Term], phrase: str) -> QuerySet[ProcedureVersion]:
    conditions = [_like_any(_column("search_text"), term) for term in terms]
    sql = " AND ".join(part for part, _patterns in conditions)
    params = [p for _part, patterns in conditions for p in patterns]
    where = RawSQL(sql, params, output_field=BooleanField())  # noqa: S611 - quoted names and placeholders only
    if sqlite_fts.available():  # candidates from the FTS5 index; the LIKE conditions check only those
        fts = RawSQL(sqlite_fts.candidates_sql(), [sqlite_fts.match(terms)])  # noqa: S611 - constant SQL
        qs = qs.filter(pk__in=fts)
    return (
        qs.filter(where)
        .annotate(score=_name_score(terms, phrase))
        .order_by("-score", Length("search_name"), "search_name")
    )


def tsquery(terms: list[Term]) -> str:
    """A raw tsquery: all terms, each any of its variants or its prefix. Words are [a-z0-9.] only."""
    parts = []
    for term in terms:
        options = list(term.variants) + ([f"{term.prefix}:*"] if term.prefix else [])
        parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts)


def _full_text(qs: QuerySet[ProcedureVersion], terms: list[Term], phrase: str) -> QuerySet[ProcedureVersion]:
    """PostgreSQL full text: the tsquery of the terms against the weighted vector, ranked by ts_rank."""
    query = SearchQuery(tsquery(terms), search_type="raw", config="simple")
    rank = SearchRank(F("search_vector"), query, normalization=Value(1)) * Value(10.0) + _name_score(terms, phrase)
    return qs.filter(search_vector=query).annotate(score=rank).order_by("-score", Length("search_name"), "search_name")


def _similar(qs: QuerySet[ProcedureVersion], phrase: str) -> QuerySet[ProcedureVersion]:
    """pg_trgm word similarity of the whole query (GIN-indexed ``<%``), for what the vocabulary cannot mend."""
    similar = RawSQL('%s <%% "catalog_procedureversion"."search_text"', (phrase,), output_field=BooleanField())
    return (
        qs.alias(similar=similar)
        .filter(similar=True)
        .annotate(score=TrigramWordSimilarity(phrase, "search_text"))
        .order_by("-score", Length("search_name"), "search_name")
    )
