"""Pure: a member's misspelt words read as the archive spells them ("flexable workin rights?" -> "flexible working
rights?").

A walk's "flexable workin rights?" was searched with its typos and its answer told the member that 'None of the
sources cited uses the words "flexable" or "workin"', as if the archive lacked them. A word is corrected only when it
is in neither the archive nor an English dictionary (so "parking" or "paternity", real words the archive lacks, are
never made into "marking" or "maternity"), and only into a word the archive uses in MIN_PASSAGES passages or more (or
in one, when it is an English word), one edit away (two for long words); of several, the fewest edits away, ending as
the member's word does, then the one in most passages. Everything else is left as typed.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping

from rag.answer.terms import STOPWORDS

MIN_PASSAGES = 2  # a correction is a word the archive uses at least this often, not a one-off (or its own typo)
MIN_LENGTH = 4  # shorter words are too close to too many others to guess
LONG = 8  # words this long may be two edits away ("organsiaton")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# British spellings an American dictionary lacks, tried in their American forms ("organise", "labourers",
# "programme", "paediatric")
_BRITISH = ((r"our", "or"), (r"is(e|ed|es|ing|ation|ations)\b", r"iz\1"), (r"mme\b", "m"), (r"mmes\b", "ms"),
            (r"tre(s?)\b", r"ter\1"), (r"ence\b", "ense"), (r"ll(ed|ing|er|ers)\b", r"l\1"), (r"ae", "e"), (r"oe", "e"))
_APOSTROPHE = str.maketrans({"\u2019": "'"})


def word_passages(texts: Iterable[str]) -> dict[str, int]:
    """Passages holding each word (lower case, as written)."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in {w.lower().translate(_APOSTROPHE) for w in _WORD.findall(text)}:
            counts[word] = counts.get(word, 0) + 1
    return counts


class Spelling:
    """corrected(question): the question with each misspelt word replaced by the archive's word."""

    def __init__(self, passages: Mapping[str, int], known: Callable[[str], bool]):
        self._passages = passages
        self._known = known
        self._deletes: dict[str, set[str]] = {}  # each common archive word under itself and its one-letter deletes
        for word, count in passages.items():
            # (or once, when it is an English word: no typo of the archive's own; walk 27's "menopaus policy" was left
            # as typed, "menopause" being in one passage)
            if (count >= MIN_PASSAGES or known(word)) and len(word) >= MIN_LENGTH - 1:
                for key in {word, *_deletes(word)}:
                    self._deletes.setdefault(key, set()).add(word)

    def corrected(self, question: str) -> str:
        """Words with a capital after the first are the member's names and acronyms ("CAMHS", "Streeting"), kept."""
        return _WORD.sub(lambda m: m.group(0) if m.start() and not m.group(0).islower() else self._word(m.group(0)),
                         question)

    def correction(self, word: str) -> str | None:
        """The archive's word for a misspelt one, or None when it is no typo (or no single word is close)."""
        lower = word.lower().translate(_APOSTROPHE)
        base = lower[:-2] if lower.endswith("'s") else lower  # "Labour's", "organisation's": the word's own
        if len(base) < MIN_LENGTH or not base.isascii() or base in self._passages or lower in self._passages \
                or self._is_english(base):
            return None
        if base != lower:
            fixed = self.correction(base)
            return None if fixed is None else fixed + "'s"
        most = 2 if len(lower) >= LONG else 1
        near = {c for key in {lower, *_deletes(lower)} for c in self._deletes.get(key, ())}
        if most == 2:  # two deletes each side: the long words' second edit
            near |= {c for d in _deletes(lower) for key in _deletes(d) for c in self._deletes.get(key, ())}
        # fewest edits; then a word that says something over a stop word ("weke": "week", not "were", which no search
        # reads); then the same last letter ("happend": "happened", not "happen"); then the most passages
        scored = [(-d, c not in STOPWORDS, c[-1] == lower[-1], self._passages[c], c) for c in near if c != lower
                  and (d := _distance(lower, c)) <= most]
        return max(scored)[-1] if scored else None

    def _word(self, word: str) -> str:
        fixed = self.correction(word)
        if fixed is None:
            return word
        return fixed.capitalize() if word[:1].isupper() and not word.isupper() else fixed

    def _is_english(self, word: str) -> bool:
        if self._known(word):
            return True
        american = word
        for pattern, repl in _BRITISH:
            american = re.sub(pattern, repl, american)
            if self._known(re.sub(pattern, repl, word)) or self._known(american):
                return True
        return False


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b: optimal string alignment distance."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def english_words() -> Callable[[str], bool]:
    """Membership in pyspellchecker's English word list (about 160,000 words, shipped in the package)."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    return lambda word: word in checker
