"""An added issue that holds another issue's text, word for word passages or (another export of it, chunked
otherwise) its sentences: refused, as members would get every passage twice."""

from __future__ import annotations

import re
from collections import Counter
from functools import partial
from typing import Callable, Sequence

from rag.errors import InputError
from rag.textnorm import normalize

_TWICE = 0.2  # a real issue repeats no passage word for word (0 of 297); its text twice over, half of them
MIN_WORDS = 8  # shorter sentences ("Find out more at ...", "It is not.") recur between issues
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+")


def sentences(texts: set[str]) -> set[str]:
    """The passages' sentences of MIN_WORDS or more, normalised (quotes, dashes, case), a cheap split: both sides of a
    comparison are split alike."""
    out = set()
    for text in texts:
        for part in _SENTENCE_END.split(text):
            s = normalize(part)
            if len(s.split()) >= MIN_WORDS:
                out.add(s)
    return out


def _shared(mine: dict[str, set[str]], others: dict[str, set[str]]) -> Counter:
    """(issue of mine, other issue) -> how many of mine's items the other holds."""
    holders: dict[str, list[str]] = {}
    for iid, items in mine.items():
        for item in items:
            holders.setdefault(item, []).append(iid)
    return Counter((iid, other) for other, items in others.items() for item in items
                   for iid in holders.get(item, ()) if iid != other)


def copied_issues(fresh: dict[str, list], others: dict[str, Callable[[], set[str]]], indexed: set[str]) -> list[str]:
    """Pure but for others' reads: what to say of each added or changed issue most of whose passages (half or more,
    5 or more) are word for word the passages of one other issue, or, failing that, most of whose sentences (half or
    more, 20 or more) are: a folder copied for a new issue with the old issue's file left in it (or re-exported), or
    an issue indexed from its markdown supplied again as its PDF's text under a new number, was published as a second
    copy of every passage (the second, chunked otherwise, shared no passage word for word: a tester's find).

    fresh: issue id -> its new chunks; others: issue id -> a reader of its passages' texts (kept issues, each read
    once and let go: a 400-issue archive's texts are not held at once); indexed: the ids served."""
    mine = {iid: {c.text for c in chunks} for iid, chunks in fresh.items()}
    mine_sentences = {iid: sentences(texts) for iid, texts in mine.items()}
    same_passages, same_sentences = _shared(mine, mine), _shared(mine_sentences, mine_sentences)
    for other, read in others.items():
        texts = read()
        same_passages += _shared(mine, {other: texts})
        same_sentences += _shared(mine_sentences, {other: sentences(texts)})
    out = [f"{iid}: {twice} of its {len(fresh[iid])} passages are word for word other passages of its own, so members "
           "would get each of them twice: its source holds its text twice over (pages exported twice, or two files "
           f"joined?): export or copy the issue's file again, or cut the repeat out of it{_FORCE}"
           for iid, texts in mine.items() if (twice := len(fresh[iid]) - len(texts)) >= 5
           and twice >= _TWICE * len(fresh[iid])]  # was published, every passage twice (tester 33)
    for iid, texts in mine.items():
        same, other = max(((n, o) for (i, o), n in same_passages.items() if i == iid), default=(0, ""))
        if same >= 5 and same >= 0.5 * len(texts):
            what = f"{same} of its {len(texts)} passages are word for word passages of {other}"
        else:
            same, other = max(((n, o) for (i, o), n in same_sentences.items() if i == iid), default=(0, ""))
            if not (same >= 20 and same >= 0.5 * len(mine_sentences[iid])):
                continue
            what = f"{same} of its {len(mine_sentences[iid])} sentences are sentences of {other}"
        out.append(f"{iid}: {what}{' (indexed)' if other in indexed else ''}, so members would get each of them twice: "
                   f"its source holds that issue's text (a folder copied for a new issue, its file not replaced, or "
                   f"another export of that issue?): put {iid}'s own file in its folder and name it as source in its "
                   "issue.toml; "
                   + (f"if {iid} replaces {other}, run `rag remove {other}` first" if other in indexed else
                      "if one replaces the other, move its folder out of the corpus")
                   + _FORCE)
    return out


_FORCE = "; if it really reprints them, add --force"


def refuse_copies(fresh: dict[str, list], current, kept: Sequence[str], indexed: set[str], *, allow: bool,
                  forced: bool = False) -> list[str]:
    """copied_issues against the issues kept from current (a version: texts_of): refused, or (allow: --force,
    --dry-run) the warnings; forced (--force, publishing): said to be published so, not told to add --force."""
    said = copied_issues(fresh, {i: partial(current.texts_of, i) for i in kept}, indexed) if fresh else []
    if said and not allow:
        raise InputError(f"{said[0]}; nothing was changed")
    return [w.replace(_FORCE, "; published all the same, as --force asks") for w in said] if forced else said


_RECOGNISED = 0.2  # two issues share about 1% of their sentences; another export of one issue, over 90%
OTHER_FORCE = "; if it really was corrected this much, add --force"


def replaced_texts(fresh: dict[str, list], current, changed: Sequence[str], sources: dict[str, str]) -> list[str]:
    """Pure but for current's reads: what to say of each changed issue of which under a fifth of the sentences (20 or
    more on each side) are in the issue served under its id: another issue's file in its folder (copied into the wrong
    one, or issue.toml's source edited there), whose text was published under the served issue's title and date,
    that issue gone from what members search (tester 29). sources: issue id -> its source file's name."""
    out = []
    for iid in changed:
        try:
            was = sentences(current.texts_of(iid))
        except (OSError, ValueError, KeyError, TypeError):  # a damaged segment (--repair): nothing to compare
            continue
        now = sentences({c.text for c in fresh.get(iid, ())})
        same = len(now & was)
        if len(now) >= 20 and len(was) >= 20 and same < _RECOGNISED * min(len(now), len(was)):
            out.append(f"{iid}: only {same} of its {len(now)} sentences are in the issue served under this id, so its "
                       f"source {sources.get(iid, '')} looks like another issue's file (copied into the wrong folder, "
                       f"or issue.toml's source edited in the wrong one?), which would be cited as {iid} and take its "
                       f"place: put {iid}'s own file back, and give the other issue a folder of its own"
                       + OTHER_FORCE)
    return out
