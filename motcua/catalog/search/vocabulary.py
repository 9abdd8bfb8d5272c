"""Typo tolerance: map a query word to the catalogue words one edit away from it.

The vocabulary (``SearchWord``) is small — Vietnamese is written in syllables, so even 10,000 procedures use a
few thousand distinct folded words — and is kept in memory with a deletion index (the SymSpell idea): two words
within one edit of each other share a word-with-one-letter-deleted. Looking a query word up costs a few dozen
dictionary probes whatever the size of the catalogue.

The in-memory copy is dropped at once when this process adds words (:func:`invalidate`), and reloaded when the
table's highest id has changed (another process added words), which is checked at most every two seconds.
"""

from __future__ import annotations

import bisect
import threading
import time
from dataclasses import dataclass, field

from django.db.models import Max

from motcua.catalog.models import SearchWord
from motcua.catalog.normalize import canonical_word

#: Words shorter than this are never corrected (too many neighbours: "ho", "to", "co" ...).
MIN_CORRECTABLE = 3
#: Seconds a process trusts its copy before asking the database whether another process added words.
RECHECK_SECONDS = 2.0


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def distance_at_most_one(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1, or one swap of neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    # b is one letter longer: deleting one letter of b gives a
    return a in _deletes(b)


@dataclass
class Vocabulary:
    generation: int
    words: frozenset[str]
    by_delete: dict[str, set[str]] = field(default_factory=dict)
    ordered: tuple[str, ...] = ()

    @classmethod
    def build(cls, generation: int, words: frozenset[str]) -> Vocabulary:
        index: dict[str, set[str]] = {}
        for word in words:
            if len(word) >= MIN_CORRECTABLE - 1:
                for key in _deletes(word) | {word}:
                    index.setdefault(key, set()).add(word)
        return cls(generation=generation, words=words, by_delete=index, ordered=tuple(sorted(words)))

    def has_prefix(self, prefix: str) -> bool:
        """Whether some catalogue word starts with ``prefix``."""
        at = bisect.bisect_left(self.ordered, prefix)
        return at < len(self.ordered) and self.ordered[at].startswith(prefix)

    def neighbours(self, word: str) -> set[str]:
        """Catalogue words within one edit of ``word`` (``word`` itself excluded)."""
        if len(word) < MIN_CORRECTABLE:
            return set()
        candidates: set[str] = set()
        for key in _deletes(word) | {word}:
            candidates |= self.by_delete.get(key, set())
        return {c for c in candidates if c != word and distance_at_most_one(word, c)}

    def split(self, word: str) -> tuple[str, str] | None:
        """Two catalogue words run together (``khaisinh`` → ``khai``, ``sinh``), if ``word`` is that."""
        for at in range(1, len(word)):
            head, tail = canonical_word(word[:at]), canonical_word(word[at:])
            if head in self.words and tail in self.words:
                return head, tail
        return None

    def variants(self, word: str) -> list[str]:
        """What a query word may mean: itself when the catalogue has it, else its near neighbours."""
        if word in self.words:
            return [word]
        return sorted(self.neighbours(word))


_lock = threading.Lock()
_current: Vocabulary | None = None
_checked_at = 0.0


def _generation() -> int:
    """Words are only ever added, so the highest id tells whether another process added some (one index probe)."""
    return int(SearchWord.objects.aggregate(top=Max("id"))["top"] or 0)


def current() -> Vocabulary:
    """The vocabulary: this process's copy, re-checked against the database at most every RECHECK_SECONDS."""
    global _current, _checked_at
    vocabulary = _current
    if vocabulary is not None and time.monotonic() - _checked_at < RECHECK_SECONDS:
        return vocabulary
    generation = _generation()
    if vocabulary is None or vocabulary.generation != generation:
        words = frozenset(SearchWord.objects.values_list("word", flat=True))
        vocabulary = Vocabulary.build(generation, words)
    with _lock:
        _current, _checked_at = vocabulary, time.monotonic()
    return vocabulary


def invalidate() -> None:
    global _current
    with _lock:
        _current = None
