"""What a build would take from members, refused unless --force: a changed issue cut short, the last issue removed,
served issues a --rebuild leaves out (ingest.py asks; copies.py refuses another issue's text)."""

from __future__ import annotations

from typing import Sequence

from rag.errors import RagError
from rag.index.issue_folders import ParsedIssue

SHRUNK = 0.5  # a changed issue whose text is under this share of the served one's was most likely cut short
SHRUNK_FORCE = "; if the issue really is that much shorter now, add --force"
FORCED = "; published all the same, as --force asks"


def _text_size(articles) -> int:
    """Characters of an issue's paragraphs: Articles, or a record's article dicts (the chunker does not change it)."""
    return sum(len(par["text"] if isinstance(par, dict) else par.text)
               for a in articles for par in (a["paragraphs"] if isinstance(a, dict) else a.paragraphs))


def shrunk_issues(parsed: Sequence[ParsedIssue], current, changed: Sequence[str]) -> list[str]:
    """What to say of each changed issue whose text is under SHRUNK of the text served: its source cut short (a copy
    or download interrupted, an export stopped early) was published without a word, members losing most of the issue
    (tester 29: issue 68's file cut to 30 KB of 111 KB, "116 removed"). current: the version built on."""
    out = []
    for x in parsed:
        iid = x.issue.issue_id
        if iid not in changed:
            continue
        try:
            was = _text_size(current.record_of(iid).articles)
        except (RagError, OSError, ValueError, KeyError, TypeError):  # a damaged record (--repair): nothing to compare
            continue
        now = _text_size(x.articles)
        if was >= 2000 and now < SHRUNK * was:
            out.append(f"{iid}: its text is now {now:,} characters, where the version served holds {was:,}, so members "
                       f"would lose {100 - round(100 * now / was)}% of the issue: its source {x.issue.source_file} "
                       "looks cut short (a copy or download interrupted, an export stopped early?): check the end of "
                       f"the file and copy it again{SHRUNK_FORCE}")
    return out


def leaves_nothing(removed: Sequence[str]) -> str:
    return (f"removing {', '.join(removed)} leaves the index with no issue, so members would get no answers: "
            "ingest the issues that replace them first, or add --force to publish an empty index")


def rebuild_drops(served: str, gone: Sequence[str]) -> str:
    return (f"--rebuild publishes only the issue folders given, so {', '.join(gone)} (served now, in {served}) would "
            "be left out: give its folder too (put it back in corpus/), or add --force to leave it out")
