"""Pure roles for PDF issues: furniture, folios and section labels across pages; then headline,
standfirst, pull quote, caption and body told apart by type and position, and drafts built.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rag.corpus.cleaning import is_terminated, join_lines, starts_lower
from rag.corpus.layout import Draft
from rag.corpus.pdf_notes import NOTE_MARK, mark_of, notes, owner
from rag.corpus.pdf_words import Line, Page, Word, fragments, rows

_DIGITS = re.compile(r"^\d{1,3}$")
_OPEN_QUOTE = ("“", '"', "‘", "'", "«")
_CLOSE_QUOTE = ("”", '"', "’", "'", "»")
_SENTENCE_END = re.compile(r"[.!][\"”’']?$")
SMALL, LARGE, DISPLAY = 0.9, 1.15, 1.6  # type sizes relative to the body's


@dataclass
class Furniture:
    words: set[Word] = field(default_factory=set)  # running headers, folios, section labels
    folios: dict[int, int | None] = field(default_factory=dict)  # PDF page index -> printed page
    sections: dict[int, str] = field(default_factory=dict)  # PDF page index -> section label


def _key(words: list[Word]) -> str:
    return " ".join(re.findall(r"[a-z]+", " ".join(w.text for w in words).lower()))


def furniture(pages: list[Page], flow: dict[int, list[Word]], body: float) -> Furniture:
    """Running headers and footers: each page's top and bottom line, in type no larger than the body's,
    when its place and its text (or a wide gap) recur on other pages, or when it is a lone page number."""
    found = Furniture()
    numbers: dict[int, int] = {}
    labels: dict[int, list[str]] = {}
    for end in (0, -1):
        cand = {}
        for p in pages:
            rs = rows(flow.get(p.index, []))
            if len(rs) >= 2:
                nxt = rs[1] if end == 0 else rs[-2]
                gap = abs(rs[end][0].top - nxt[0].top)
                cand[p.index] = (rs[end], gap)
        texts = Counter(k for row, _ in cand.values() for k in {_key(f) for f in fragments(row, 1.0)} if k)
        for idx, (row, gap) in cand.items():
            y = row[0].top
            same_place = sum(1 for r, _ in cand.values() if abs(r[0].top - y) <= 3)
            frags = fragments(row, 1.0)
            digits = [f for f in frags if len(f) == 1 and _DIGITS.match(f[0].text)]
            recurs = any(texts[_key(f)] >= 2 for f in frags if _key(f))
            size = max(w.size for w in row)
            lone_number = len(digits) == len(frags)
            running = size <= LARGE * body and same_place >= max(2, 0.3 * len(pages)) and (recurs or digits or gap > 2.2 * size)
            if not (lone_number or running):
                continue
            found.words.update(row)
            if digits:
                numbers[idx] = int(digits[0][0].text)
            labels.setdefault(idx, []).extend(k for f in frags if (k := _key(f)))
    found.folios = _folios([p.index for p in pages], numbers)
    counts = Counter(k for ks in labels.values() for k in set(ks))
    top = max(counts.values(), default=0)
    for idx, ks in labels.items():
        rarer = [k for k in ks if counts[k] < top]
        found.sections[idx] = rarer[0] if rarer else ""
    return found


def _folios(indexes: list[int], numbers: dict[int, int]) -> dict[int, int | None]:
    """Printed page numbers when the folios agree (same offset on 2+ pages); else PDF indexes."""
    offsets = Counter(n - i for i, n in numbers.items())
    if offsets:
        off, votes = offsets.most_common(1)[0]
        if votes >= 2 and votes >= 0.5 * len(numbers):
            return {i: (i + off if i + off >= 1 else None) for i in indexes}
    return {i: i for i in indexes}


@dataclass
class Block:
    lines: list[Line]
    kind: str = "body"  # headline | standfirst | quote | caption | footnote | body

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _style(ln: Line) -> tuple:
    return (round(ln.size * 2) / 2, ln.bold, ln.italic)


def blocks(lines: list[Line]) -> list[Block]:
    """Consecutive lines of one style in one column (or one full-width run) form a block."""
    out: list[Block] = []
    for ln in lines:
        if out:
            prev = out[-1].lines[-1]
            same_place = ln.page == prev.page and (ln.region, ln.column) == (prev.region, prev.column)
            if same_place and _style(ln) == _style(prev) and 0 < ln.top - prev.top < 2.2 * ln.size:
                out[-1].lines.append(ln)
                continue
        out.append(Block([ln]))
    return out


def classify(bs: list[Block], body: float) -> None:
    """Sets each block's kind from its type and position (and its neighbours')."""
    heads = sorted(b.lines[0].size for b in bs if b.lines[0].spans and b.lines[0].bold and b.lines[0].size >= LARGE * body)
    head_size = heads[len(heads) // 2] if heads else None
    for i, b in enumerate(bs):
        ln = b.lines[0]
        size = ln.size
        in_column = not any(x.spans for x in b.lines) and ln.columns > 1
        prev = bs[i - 1] if i else None
        if size < SMALL * body:
            b.kind = "caption"
        elif size >= LARGE * body or (ln.bold and size >= 1.1 * body and not in_column):
            after_head = prev is not None and prev.kind == "headline"
            if in_column and _is_pull_quote(bs, i, head_size):
                b.kind = "quote"
            elif after_head and size < 0.85 * prev.lines[0].size and (ln.italic or _sentence_like(b)):
                b.kind = "standfirst"  # under a headline, smaller: italic, or a full sentence, bold or not
            elif ln.bold or size >= DISPLAY * body:
                b.kind = "headline"
            elif prev is not None and prev.kind in ("headline", "standfirst"):
                b.kind = "standfirst"
            else:
                b.kind = "body"
        elif ln.italic and prev is not None and prev.kind == "headline" and not in_column:
            b.kind = "standfirst"
    _footnotes(bs)


def _footnotes(bs: list[Block]) -> None:
    """Small type at a page's foot, below every other line of the page, opening on a note's mark: footnotes (the
    sources a feature cites), kept in the article; they were read as captions and left out without a word."""
    foot: dict[int, float] = {}
    for b in bs:
        if b.kind != "caption":
            page = b.lines[0].page
            foot[page] = max(foot.get(page, 0.0), max(ln.top for ln in b.lines))
    for b in bs:
        ln = b.lines[0]
        if b.kind == "caption" and ln.top > foot.get(ln.page, 0.0) and NOTE_MARK.match(ln.text):
            b.kind = "footnote"


def _sentence_like(b: Block) -> bool:
    """Prose rather than a title: ends a sentence, or runs to 15 words or more."""
    return is_terminated(b.text) or len(b.text.split()) >= 15


def _is_pull_quote(bs: list[Block], i: int, head_size: float | None) -> bool:
    """Large type inside a column: a pull quote when it interrupts a sentence (the text around it runs
    on) or is itself a finished sentence in type smaller than the headlines; a headline otherwise."""
    b = bs[i]
    before = next((x for x in reversed(bs[:i]) if x.kind in ("body", "headline", "standfirst")), None)
    if before is None or before.kind != "body":
        return False
    after = bs[i + 1] if i + 1 < len(bs) else None
    text = b.text.strip()
    sentence = bool(_SENTENCE_END.search(text))
    quoted = text.startswith(_OPEN_QUOTE) and text.endswith(_CLOSE_QUOTE)
    runs_on = not is_terminated(before.lines[-1].text)
    big = b.lines[0].bold and head_size is not None and b.lines[0].size >= 0.85 * head_size
    continues = after is not None and starts_lower(after.text)
    return (runs_on and (continues or sentence or quoted)) or (sentence and not big)


def indent_style(lines: list[Line], body: float) -> bool:
    """True when paragraphs open with an indented first line rather than a gap."""
    body_lines = [ln for ln in lines if abs(ln.size - body) < 0.5 and not ln.spans]
    indented = sum(1 for ln in body_lines if ln.x0 - ln.col_x0 > 0.5 * ln.size)
    return len(body_lines) > 20 and indented >= 0.04 * len(body_lines)


@dataclass
class _Flow:
    drafts: list[Draft]
    para: list[Line] = field(default_factory=list)
    last: Line | None = None
    interrupted: bool = False
    notes: list[tuple[list[Line], Draft]] = field(default_factory=list)  # each footnotes block, the draft reached
    placed: dict[int, list[Line]] = field(default_factory=dict)  # id(draft) -> its text's lines


def build_drafts(bs: list[Block], folios: dict, sections: dict, pitch: float, indents: bool, vocab: Counter) -> list[Draft]:
    """Blocks in reading order -> article drafts (pull quotes and captions left out; a headline with
    only a standfirst under it, as on a cover, is no article)."""
    st = _Flow(drafts=[])

    def flush(style: str = "body") -> None:
        if st.para:
            if not st.drafts:
                st.drafts.append(Draft(headline="", page=folios.get(st.para[0].page)))
            text = join_lines([ln.text for ln in st.para], vocab)
            st.drafts[-1].paras.append((text, style))
            st.placed.setdefault(id(st.drafts[-1]), []).extend(st.para)
            st.drafts[-1].pages.append(folios.get(st.para[0].page))
            st.para = []

    for i, b in enumerate(bs):
        if b.kind == "headline":
            flush()
            prev = bs[i - 1] if i else None
            d = st.drafts[-1] if st.drafts else None
            first, last = b.lines[0], prev.lines[-1] if prev is not None else None
            if prev is not None and prev.kind == "headline" and d is not None and not d.paras \
                    and _style(prev.lines[0]) == _style(first) and last.page == first.page \
                    and 0 < first.top - last.top < 2.5 * first.size:
                d.headline += " " + b.text  # one headline over two regions or columns
            else:
                page = b.lines[0].page
                st.drafts.append(Draft(headline=b.text, page=folios.get(page), section=sections.get(page, "")))
            st.last, st.interrupted = None, False
        elif b.kind == "standfirst":
            flush()
            st.para = list(b.lines)
            flush("standfirst")
            st.last = None
        elif b.kind in ("quote", "caption"):
            st.interrupted = True
        elif b.kind == "footnote":
            st.interrupted = True  # the sentence the notes interrupt runs on; they go at the article's end
            if st.drafts:
                st.notes.append((b.lines, st.drafts[-1]))
        else:
            for ln in b.lines:
                if st.para and _new_paragraph(st, ln, pitch, indents):
                    flush()
                st.para.append(ln)
                st.last, st.interrupted = ln, False
    flush()
    seen: Counter = Counter()  # the page's notes placed so far
    for block, reached in st.notes:  # each note to the article on its page citing it (rag/corpus/pdf_notes.py)
        page = block[0].page
        on_page = [(d, ls) for d in st.drafts if (ls := [ln for ln in st.placed.get(id(d), []) if ln.page == page])]
        marks = [mark_of(text) for b, _ in st.notes if b[0].page == page for text, _ in notes(b, vocab)]
        for text, lines in notes(block, vocab):
            d = owner(text, lines, on_page, reached, marks, seen[page])
            seen[page] += 1
            d.paras.append((text, "footnote"))
            d.pages.append(d.pages[-1] if d.pages else d.page)
    return [d for d in st.drafts if any(style == "body" for _, style in d.paras)]


def _new_paragraph(st: _Flow, ln: Line, pitch: float, indents: bool) -> bool:
    prev = st.last
    indented = ln.x0 - ln.col_x0 > 0.5 * ln.size
    moved = prev is None or st.interrupted or (ln.page, ln.region, ln.column) != (prev.page, prev.region, prev.column)
    if moved:
        if not is_terminated(st.para[-1].text):
            return False  # the sentence runs on into the next column, page or past a pull quote
        return indented if indents else True
    if indents and indented:
        return True
    return ln.top - prev.top > 1.3 * pitch
