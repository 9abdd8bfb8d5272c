"""Text folding for the catalogue search: the same function builds the index and reads the query.

Vietnamese is folded to plain lowercase ASCII words: diacritics go (``Đăng ký`` → ``dang ki``), ``đ`` becomes
``d``, punctuation becomes a space, dotted numbers stay one word (``1.004227``). One spelling variation that
users mix freely is folded too: a syllable made of consonants and a final ``y`` is written with ``i``
(``ký``/``kí`` → ``ki``, ``lý``/``lí`` → ``li``). Doing this in Python (rather than PostgreSQL's ``unaccent``)
gives the same words on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9.]+")
_LONE_DOTS = re.compile(r"(?<![0-9])\.|\.(?![0-9])")
_CONSONANTS_Y = re.compile(r"^([bcdghklmnpqrstvx]+)y$")


def fold(text: str) -> str:
    """Lowercase ASCII without diacritics; every other character kept."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def canonical_word(word: str) -> str:
    match = _CONSONANTS_Y.match(word)
    return f"{match.group(1)}i" if match else word


def words(text: str) -> list[str]:
    """The search words of ``text`` in order (duplicates kept)."""
    folded = _LONE_DOTS.sub(" ", _NON_WORD.sub(" ", fold(text)))
    return [canonical_word(word) for word in folded.split()]


def normalise(*parts: str) -> str:
    """The indexed form of ``parts``: words separated and surrounded by single spaces (`` a b c ``).

    The surrounding spaces let a whole word be found with ``LIKE '% word %'``.
    """
    found = [word for part in parts if part for word in words(part)]
    return f" {' '.join(found)} " if found else " "
