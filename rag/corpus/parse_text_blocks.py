"""Blocks of one page of raw PDF text: tidying (drop caps, split headlines, logos) and kinds. Pure.

A block is a run of non-blank lines. Headlines are printed in a large font, so they reach the
text as short lines, often split over several blocks ("Under the" / "radar") or around a drop
cap ("R" / "eform" / "ing social care"); this module puts them back together and labels each
block as a title, kicker, caption or body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rag.corpus.cleaning import (
    furniture_kind,
    is_terminated,
    join_lines,
    joins_without_space,
    starts_lower,
)
from rag.sentences import DATE_LINE
from rag.textnorm import normalize

# Words a headline never ends on: a block ending on one runs on into the next block.
_OPEN_END = frozenset("the a an of to and or & your our their its with by from at as into".split())
# "Michael van Hemert", "Ciaran Martin, former head of ...": a photo caption, not a headline.
_NAME_CAPTION = re.compile(r"^[A-Z][\w’'-]+(?: (?:van|de|von|der|di|da|le))? [A-Z][\w’'-]+(?:,|$)")
_MAX_LINE = 48
_PAGE_START = re.compile(r"^ (?=[^\s\ufffd])")
_LOGO = re.compile(r"^[a-z]{5,} ?[/:] ?(?=[A-Z])")  # section logo run into a byline: "legaleye /Jo Seery"


def split_pages(text: str, not_page_starts: list[str] = ()) -> list[list[str]]:
    """Lines grouped by page: a page starts on a line beginning with exactly one space, or, in a text holding form
    feeds (pdftotext's and pdfminer's page marks), after each form feed: such a text was read as one page, every
    article on page 1."""
    if "\f" in text:
        return [p.splitlines() for p in text.split("\f") if p.strip()]
    skip = [normalize(s) for s in not_page_starts]
    pages: list[list[str]] = [[]]
    prev = ""
    for line in text.splitlines():
        # A line after an indented one continues a glyph bullet ("   work solely..."), not a page.
        if _PAGE_START.match(line) and pages[-1] and not prev.startswith(" ") and not any(normalize(line).startswith(s) for s in skip):
            pages.append([])
        pages[-1].append(line)
        prev = line
    return [p for p in pages if any(ln.strip() for ln in p)]


@dataclass
class Block:
    lines: list[str]
    chain: bool = False  # reassembled headline: may start lower-case ("standing up to ...")
    fragments: bool = False  # joined from headline fragments, so a lower-case fragment may follow
    kind: str = "body"  # title | kicker | caption | body

    @property
    def text(self) -> str:
        out = ""
        for ln in (ln.strip() for ln in self.lines if ln.strip()):
            out += ("" if not out or out.endswith(("—", "–")) else " ") + ln
        return out

    @property
    def words(self) -> int:
        return len(self.text.split())


def raw_blocks(lines: list[str]) -> list[Block]:
    """Lines -> blocks separated by blank lines; a line led by one space opens a new text frame."""
    out: list[list[str]] = [[]]
    prev = ""
    for line in lines:
        if line.strip():
            if out[-1] and re.match(r"^ \S", line) and not prev.startswith(" "):
                out.append([])
            out[-1].append(line.rstrip())
        elif out[-1]:
            out.append([])
        prev = line
    return [Block(b) for b in out if b]


def open_ended(text: str) -> bool:
    """True when a title-like text cannot end there: "Under the", "Turning the mirror inwards:"."""
    text = text.strip()
    if text.endswith((":", "—", "–", "&", ",")):
        return True
    words = text.split()
    return bool(words) and words[-1].lower() in _OPEN_END


def title_like(lines: list[str], lower_ok: bool = False, min_words: int = 2) -> bool:
    """Short lines, few words, no sentence end, no address or date: how headlines reach the text."""
    lines = [ln.strip() for ln in lines if ln.strip()]
    text = " ".join(lines)
    if not min_words <= len(text.split()) <= 14 or len(lines) > 5:
        return False
    longest = _MAX_LINE + 12 if len(lines) == 1 else _MAX_LINE  # a one-line headline may run wide
    if any(len(ln) > longest or re.search(r"[a-z]-$", ln) or DATE_LINE.match(ln) for ln in lines):
        return False
    if re.search(r"[.,;]$", text) or "@" in text or "//" in text or re.search(r"\.\w{2,3}\b", text):
        return False
    if not (lower_ok or re.match(r"[\"“‘A-Z0-9]", text)):
        return False
    return not re.match(r"\d", text)


def _undouble(block: Block) -> None:
    """"but also a cry for helpbut also a cry for help" -> one copy (text drawn twice in the PDF)."""
    if len(block.lines) == 1:
        s = block.lines[0].strip()
        half = len(s) // 2
        if len(s) > 8 and len(s) % 2 == 0 and s[:half] == s[half:]:
            block.lines = [s[:half]]


def _join_split_lines(b: Block, vocab: Counter) -> None:
    """"Invest" / "ing in buildings" inside one block: a headline word split around a drop cap."""
    lines = [b.lines[0]]
    for line in b.lines[1:]:
        words = lines[-1].split()
        if words and len(words) <= 3 and line.split() and joins_without_space(words[-1], line.split()[0], vocab):
            lines[-1] = lines[-1].rstrip() + line.lstrip()
            b.chain = True
        else:
            lines.append(line)
    b.lines = lines


def _join_split_words(blocks: list[Block], vocab: Counter) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        _join_split_lines(b, vocab)
        prev = out[-1] if out else None
        if prev and len(prev.lines) <= 2 and prev.words <= 4 and starts_lower(b.text):
            left, right = prev.lines[-1].split()[-1], b.lines[0].split()[0]
            if joins_without_space(left, right, vocab):
                head = prev.lines[-1].rstrip()
                prev.lines = prev.lines[:-1] + [head + b.lines[0].lstrip()] + b.lines[1:]
                prev.chain = prev.chain or prev.words <= 14
                continue
        out.append(b)
    return out


def _join_headline_fragments(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev and title_like(prev.lines, lower_ok=True, min_words=1) and (
            open_ended(prev.text) or prev.fragments or (starts_lower(prev.text) and prev.words >= 2)
        ):
            if title_like(prev.lines + b.lines, lower_ok=True) and (open_ended(prev.text) or starts_lower(b.text)):
                prev.lines, prev.chain, prev.fragments = prev.lines + b.lines, True, True
                continue
            # "... drive &" / "ambition for the NHS" + a long standfirst line in the same block.
            short = next((i for i, ln in enumerate(b.lines) if len(ln.strip()) > _MAX_LINE), 0)
            if open_ended(prev.text) and short and title_like(prev.lines + b.lines[:short]):
                prev.lines, prev.chain = prev.lines + b.lines[:short], True
                b = Block(b.lines[short:])
        out.append(b)
    return out


def _complete_dangling(blocks: list[Block]) -> list[Block]:
    """A headline ending in a dash takes the lower-case fragment left at the end of the page."""
    if len(blocks) < 2:
        return blocks
    last = blocks[-1]
    if not (starts_lower(last.text) and title_like(last.lines, lower_ok=True)):
        return blocks
    for b in blocks[:-1]:
        if b.text.endswith(("—", "–")) and title_like(b.lines):
            b.lines, b.chain = b.lines + last.lines, True
            return blocks[:-1]
    return blocks


def _is_logo(b: Block) -> bool:
    """A lone lower-case word such as "noticeboard" or "headsup": a section logo."""
    t = b.text
    return len(b.lines) == 1 and " " not in t and t.isalpha() and t.islower()


def _strip_logo(b: Block) -> bool:
    """"tipster /Lucy Standing" -> dropped (the standfirst names her); a longer byline keeps its words."""
    m = _LOGO.match(b.text)
    if len(b.lines) != 1 or not m:
        return True
    rest = b.text[m.end():].strip()
    b.lines = [rest]
    return len(rest.split()) > 3


def tidy_blocks(blocks: list[Block], vocab: Counter) -> list[Block]:
    """Undo the layout's damage to headlines, then drop section logos."""
    for b in blocks:
        _undouble(b)
    blocks = _join_split_words(blocks, vocab)
    blocks = _join_headline_fragments(blocks)
    blocks = _complete_dangling(blocks)
    return [b for b in blocks if not _is_logo(b) and _strip_logo(b)]


def _heads_body(blocks: list[Block], i: int) -> bool:
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return blocks[i].kind in ("title", "kicker") and nxt is not None and nxt.kind == "body" and nxt.words >= 25


def page_furniture(blocks: list[Block]) -> tuple[list[Block], list[tuple[str, str]]]:
    """Classified blocks -> (blocks kept, [(kind, text)] dropped): calls to action and mastheads.

    A headline that heads a body is never furniture. A call to action left open ("Help us" /
    "make change") takes the short lower-case fragment that ends it ("happen!").
    """
    kept: list[Block] = []
    dropped: list[tuple[str, str]] = []
    open_call = False  # the block before was a call to action that did not end
    for i, b in enumerate(blocks):
        if _heads_body(blocks, i):
            kept.append(b)
        elif furniture_kind(b.lines):
            dropped.append((furniture_kind(b.lines), b.text))
        elif open_call and starts_lower(b.text) and b.words <= 3:
            dropped[-1] = ("call to action", dropped[-1][1] + " " + b.text)
        else:
            kept.append(b)
        open_call = not (kept and kept[-1] is b) and dropped[-1][0] == "call to action" and not is_terminated(dropped[-1][1])
    return kept, dropped


def classify(blocks: list[Block]) -> list[Block]:
    """Set each block's kind: title, kicker (a short label above a title), caption or body."""
    for i, b in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        title = title_like(b.lines, lower_ok=b.chain) and not open_ended(b.text)
        if title and nxt is not None and starts_lower(nxt.text) and not b.chain and not b.text.endswith(("?", "!")):
            title = False  # the first lines of a paragraph that carries on
        if title and _NAME_CAPTION.match(b.text) and not b.chain:
            b.kind = "caption"
        else:
            b.kind = "title" if title else "body"
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if b.words <= 3 and nxt.kind == "title" and title_like(b.lines, min_words=1) and not b.chain:
            b.kind = "kicker"
    return blocks


def recurring_labels(pages: list[list[Block]]) -> set[str]:
    """Short first lines that open three or more blocks: box labels such as "What the experts say"."""
    counts: Counter = Counter()
    for blocks in pages:
        for b in blocks:
            first = b.lines[0].strip()
            if len(b.lines) > 1 and title_like([first]) and not is_terminated(first):
                counts[first] += 1
    return {label for label, n in counts.items() if n >= 3}
