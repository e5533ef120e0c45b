"""Pure sentence splitting: the one splitter for chunking, evidence, citations and extractive quotes."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from typing import Sequence

_ABBREV = frozenset(
    "dr mr mrs ms mx prof st sr jr e.g i.e etc vs no nos fig cf approx inc ltd co dept est jan feb mar apr "
    "jun jul aug sep sept oct nov dec rev gen hon cllr pp p vol al".split()
)
# End punctuation, closing quotes/brackets and any [n] markers, then space, then what can start a sentence
# (up to two opening quotes: a quoted answer quotes a sentence that itself opens with a quotation).
# Or a closing double quote with its [n] markers: a quoted answer's quote ends there even when the sentence it
# quotes has no end punctuation ('"020 3437 1473 // miphealth.org.uk" [1] "If you..." [3]'). After either, an
# opening double quote starts a sentence whatever its first letter: a quoted list item starts in lower case.
_BOUNDARY = re.compile(
    r"([.!?\u2026]+[\"'\u2019\u201d)\]]*(?:\s*\[[^\]\n]{1,20}\])*|[\"\u201d](?:\s*\[\d[\d,\s]{0,10}\])+)"
    r"(\s+)(?=[\"'\u2018\u201c(]{0,2}[A-Z0-9\u00c0-\u00de]|[\"\u201c])"
)
# The magazine's sign-off "//" after a sentence's end (or opening a paragraph) ends it and is not part of either
# sentence; a "//" between items of one line ("020 3437 1473 // miphealth.org.uk") and "https://" stay.
_SIGNOFF = re.compile(r"(?:(?<=[.!?\u2026\"'\u2019\u201d)\]])|^)\s*//(?=\s|$)\s*")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A line that is only a date or a range of days: an event listing's date ("13-16 September 2026", "29 June—3 July
# 2026"), not a heading
DATE_LINE = re.compile(rf"^\d{{1,2}}(?:(?: (?:{_MONTHS}))? ?[-\u2013\u2014] ?\d{{1,2}})? (?:{_MONTHS}) \d{{4}}$")
# A numbered item's or step's number ("6. Shape your 'leadership promise'", "10. Look for colleagues you'll like"):
# its full stop ends no sentence, and the line it numbers is an item of a list, not a subheading to leave out
_ITEM_NUMBER = re.compile(r"\d{1,2}")
_NUMBERED = re.compile(r"^\d{1,2}[.)] \S")


@functools.cache
def rules_version() -> str:
    """sha256 of this module: the rules an index's sentence vectors were split by (its manifest's
    chunker["sentences"]). A vector is stored per sentence in turn, so vectors split by other rules would be paired
    with the wrong sentences, silently where the number of sentences stays the same ("6." and a subheading left out
    became "6. Shape your brand"): ingest embeds them again and loading does not use them."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def split_sentences(text: str) -> list[str]:
    """Sentences, each with its trailing [n] markers; paragraph breaks always split; abbreviations and
    initials do not; the magazine's "//" sign-off ends a sentence and is left out.

    Example: "Dr. Lee got 3.5%. It rose [1]. Next" -> ["Dr. Lee got 3.5%.", "It rose [1].", "Next"]; a line's own
    number is not a sentence: "6. Shape your brand" -> ["6. Shape your brand"] (it was ["6.", "Shape your brand"])
    """
    out: list[str] = []
    for para in (piece for block in re.split(r"\n\s*\n", text) for piece in _SIGNOFF.split(block)):
        para = " ".join(para.split())
        start = 0
        for m in _BOUNDARY.finditer(para):
            before = para[start : m.start(1)].split()
            word = before[-1].lstrip("(\"'\u2018\u201c").lower() if before else ""
            if m.group(1).startswith(".") and (word in _ABBREV or (len(word) == 1 and word.isalpha())
                                               or (m.group(1) == "." and len(before) == 1
                                                   and _ITEM_NUMBER.fullmatch(before[0]))):
                continue
            out.append(para[start : m.end(1)].strip())
            start = m.end()
        if para[start:].strip():
            out.append(para[start:].strip())
    return [s for s in out if s]


def passage_sentences(text: str) -> list[str]:
    """A passage's sentences, the same at indexing and at query time (their vectors line up). Its paragraph
    breaks split, and a subheading (a short line with no end punctuation) is left out: it is not run into
    the sentence after it, and it is not a statement an answer could quote. A short line after one ending in
    ":" is a list item, not a subheading, and is kept, as are the items after it ("Your employer must:" /
    "not refuse without consulting you"): a list of rights loses none of them. An event's date line is read with the
    line after it ("13-16 September 2026: TUC Congress 2026")."""
    out: list[str] = []
    in_list, case = False, None  # in a list: the case its first item starts with, which its items share
    for sentence, dated in _dated(split_sentences(text)):
        short = _is_heading(sentence) and not dated
        if in_list and case is not None and sentence[:1].islower() != case:
            in_list = False  # "Meeting your rep" after items in lower case is the next subheading
        if short and not in_list:
            continue
        if in_list and case is None:
            case = sentence[:1].islower()
        out.append(sentence)
        # a lead-in opens a list; an item with no end punctuation, however long, keeps it open
        if sentence.endswith(":"):
            in_list, case = True, None
        else:
            in_list = in_list and not ends_sentence(sentence)
    return out


def dates_next(sentences: Sequence[str], j: int) -> bool:
    """True when sentences[j] is an event's date line with a line after it (not another date) to be read with."""
    return bool(DATE_LINE.match(sentences[j])) and j + 1 < len(sentences) and not DATE_LINE.match(sentences[j + 1])


def _dated(sentences: list[str]) -> list[tuple[str, bool]]:
    """Each sentence, and whether it is an event's date line joined with the line after it: "13-16 September 2026"
    over "TUC Congress 2026" is one statement, "13-16 September 2026: TUC Congress 2026" (alone, the date is no
    statement and the name reads as a subheading: both were left out, and with them when the event is)."""
    out, j = [], 0
    while j < len(sentences):
        if dates_next(sentences, j):
            out.append((f"{sentences[j]}: {sentences[j + 1]}", True))
            j += 2
        else:
            out.append((sentences[j], False))
            j += 1
    return out


def ends_sentence(text: str) -> bool:
    """Whether the text ends as a sentence does (., !, ?, ..., a closing quote or bracket after one), not as a
    list item, a heading or a lead-in (":")."""
    return text.rstrip("\"'\u2019\u201d)]").endswith((".", "!", "?", "\u2026"))


def _is_heading(sentence: str) -> bool:
    """A short line with no end punctuation; a signature or byline ("Craig Ryan, Editor") has a comma and is kept, as
    is a numbered item ("8. Look for flexibility": the tip itself, which a list question asks for)."""
    return len(sentence.split()) < 6 and ", " not in sentence and not _NUMBERED.match(sentence) and not sentence.rstrip(
        "\"'\u2019\u201d)]").endswith((".", "!", "?", ":", "\u2026"))
