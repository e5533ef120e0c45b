"""Pure: a member's misspelt words read as the archive spells them ("flexable workin rights?" -> "flexible working
rights?").

A walk's "flexable workin rights?" was searched with its typos and its answer told the member that 'None of the
sources cited uses the words "flexable" or "workin"', as if the archive lacked them. A word is corrected only when it
is in neither the archive nor an English dictionary (so "parking" or "paternity", real words the archive lacks, are
never made into "marking" or "maternity"), and only into a word the archive uses in MIN_PASSAGES passages or more,
one edit away (two for long words); of several, the fewest edits away, ending as the member's word does, then the
one in most passages. Everything else is left as typed.

Two words the archive writes as one are read as one ("health care" -> "healthcare", "cyber security" ->
"cybersecurity"): the archive says "healthcare" 26 times and "health care" never, so the member's two words matched
nothing. Only when the archive writes them together more often than apart, and neither is a stopword ("may be" is
never "maybe").
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
MIN_PART = 3  # each of two words read as one is at least this long ("e mail" is no compound to guess)
# two words, apart or hyphenated, that may be written as one: "health care", "cyber-security"
_PAIR = re.compile(r"\b([^\W\d_]{%d,})(\s|-)(?=([^\W\d_]{%d,})\b)" % (MIN_PART, MIN_PART))


def word_passages(texts: Iterable[str]) -> dict[str, int]:
    """Passages holding each word (lower case, as written)."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in {w.lower().translate(_APOSTROPHE) for w in _WORD.findall(text)}:
            counts[word] = counts.get(word, 0) + 1
    return counts


def pair_passages(texts: Iterable[str], passages: Mapping[str, int]) -> dict[str, int]:
    """Passages holding each two-word phrase ("cyber security", lower case) whose words written together are an
    archive word (passages: word_passages of the same texts)."""
    counts: dict[str, int] = {}
    for text in texts:
        words = [w.lower().translate(_APOSTROPHE) for w in _WORD.findall(text)]
        pairs = {f"{a} {b}" for a, b in zip(words, words[1:]) if (a + b) in passages}
        for pair in pairs:
            counts[pair] = counts.get(pair, 0) + 1
    return counts


class Spelling:
    """corrected(question): the question with each misspelt word replaced by the archive's word, and two words the
    archive writes as one joined."""

    def __init__(self, passages: Mapping[str, int], known: Callable[[str], bool],
                 pairs: Mapping[str, int] | None = None):
        """pairs: pair_passages of the archive; None joins no words."""
        self._passages = passages
        self._known = known
        self._pairs = pairs
        self._deletes: dict[str, set[str]] = {}  # each common archive word under itself and its one-letter deletes
        for word, count in passages.items():
            if count >= MIN_PASSAGES and len(word) >= MIN_LENGTH - 1:
                for key in {word, *_deletes(word)}:
                    self._deletes.setdefault(key, set()).add(word)

    def corrected(self, question: str) -> str:
        """Words with a capital after the first are the member's names and acronyms ("CAMHS", "Streeting"), kept."""
        fixed = _WORD.sub(lambda m: m.group(0) if m.start() and not m.group(0).islower() else self._word(m.group(0)),
                          question)
        return fixed if self._pairs is None else _PAIR.sub(self._joined, fixed)

    def _joined(self, m: re.Match) -> str:
        """The first word and its separator, or the first word alone when the two are the archive's one word."""
        first, second = m.group(1), m.group(3)
        a, b = first.lower(), second.lower()
        whole = self._passages.get(a + b, 0)
        if a in STOPWORDS or b in STOPWORDS or whole < MIN_PASSAGES or self._pairs.get(f"{a} {b}", 0) >= whole \
                or not (first.islower() or first[1:].islower()) or not second.islower():
            return m.group(0)
        return first  # the second word follows unmatched: written together

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
        # fewest edits; then the same last letter ("happend": "happened", not "happen"); then the most passages
        scored = [(-d, c[-1] == lower[-1], self._passages[c], c) for c in near if c != lower
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
