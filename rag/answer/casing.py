"""Pure: the archive's capitals for the acronyms a model copied from a member's lower-case question.

A walk asked "who is the mip contact for reps" and was answered "The mip contact for reps is Rosie Kirk [1]": the
model copies the member's spelling. A word the archive writes with capitals inside it ("MiP", "NHS", "VSMs", "AfC")
and never in lower case is given back its capitals, in the archive's most used form ("MiP", not the headlines'
"MIP"). Words capitalised only as a first letter are left as written: a headline's "Beyond" or "Equal" says nothing
of "beyond" in a sentence, and names the member typed in lower case stay theirs.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

MIN_PASSAGES = 2
# a word, not part of a web or e-mail address ("mip.social/banding", "MemberAdvice@miphealth.org.uk")
_WORD = re.compile(r"(?<![\w'\u2019@./:-])[^\W\d_]{2,}(?![\w'\u2019@/-]|\.\w)")


def archive_casing(texts: Iterable[str]) -> dict[str, str]:
    """{lower case: the archive's most used form} for the words it writes with a capital after the first letter, never
    in lower case, in MIN_PASSAGES passages or more."""
    forms: dict[str, dict[str, int]] = {}
    for text in texts:
        for word in {m.group(0) for m in _WORD.finditer(text)}:
            forms.setdefault(word.lower(), {}).setdefault(word, 0)
            forms[word.lower()][word] += 1
    casing = {}
    for lower, seen in forms.items():
        passages, form = max((n, w) for w, n in seen.items())
        if lower not in seen and passages >= MIN_PASSAGES and not form[1:].islower():
            casing[lower] = form
    return casing


def restored(text: str, casing: Mapping[str, str]) -> str:
    """text with each all-lower-case word the archive always capitalises written as the archive writes it."""
    return _WORD.sub(lambda m: casing.get(m.group(0), m.group(0)) if m.group(0).islower() else m.group(0), text)
