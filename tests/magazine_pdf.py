"""Magazine-style test PDFs from issue 68's real text, with the ground truth a scorer needs.

Example: build_magazine(source_articles(), STYLES["3col"], path) -> Magazine (what was printed where)
Layout: an unnumbered cover, then A4 pages with a running header (magazine name one side,
section the other), a printed folio (PDF page index - 1), full-width bold headlines, italic
standfirsts, body in 1-4 columns balanced when an article ends mid-page, pull quotes in large
type inside a column (mid-paragraph), pictures with small captions, boxed adverts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from pathlib import Path

from rag.corpus.folders import load_issue
from rag.sentences import split_sentences
from tests.magazine_layout import (
    PT,
    TITLE,  # noqa: F401  (re-exported for the tests)
    Writer,
    advert_box,
    body_items,
    capacity,
    news_run,
    place,
    side_by_side,
    sidebar,
)

CORPUS_68 = Path(__file__).resolve().parent.parent / "corpus" / "2026-summer-68"
NEW_PAGE_SECTIONS = {"features", "analysis & opinion", "regulars"}


@dataclass(frozen=True)
class Style:
    name: str
    columns: dict  # section -> columns; "*" for the rest
    body: tuple = ("Times", "", 9.5)
    leading: float = 1.25  # line pitch / body size
    head: tuple = ("Helvetica", "B", 24)
    stand: tuple = ("Times", "I", 12.5)
    quote: tuple = ("Helvetica", "B", 15)
    caption: tuple = ("Helvetica", "", 7)
    header: tuple = ("Helvetica", "", 8)
    gutter: float = 5.0  # mm
    justify: bool = False
    indent: bool = False  # paragraphs by first-line indent instead of a gap
    stack_news: int = 0  # news stories up to this many words are set in one column, headline included
    box_sidebars: int = 0  # features up to this many words are boxed sidebars in the body type
    dropcap: bool = False  # features and opinion pieces open with a drop cap
    rules: bool = False  # a hairline across the columns under each finished story, instead of white space
    side_by_side: int = 0  # a news story this short goes beside the one before (two columns + one)


STYLES = {
    "2col": Style("2col", {"*": 2}, dropcap=True),
    "3col": Style("3col", {"*": 3}, side_by_side=350),
    # Other fonts and sizes, justified, indented paragraphs, italic pull quotes, tighter gutters.
    "3col-alt": Style("3col-alt", {"*": 3}, body=("Helvetica", "", 8.5), leading=1.2, head=("Times", "B", 20),
                      stand=("Helvetica", "I", 10.5), quote=("Times", "I", 13), caption=("Times", "I", 6.5),
                      header=("Times", "", 7), gutter=4.2, justify=True, indent=True, stack_news=300, rules=True),
    "mixed": Style("mixed", {"heads up": 4, "features": 3, "regulars": 2, "front": 1, "*": 2}, stack_news=450,
                   box_sidebars=400, dropcap=True),
    # Written after the parser was tuned, and scored once as it came: regular (not bold) headlines,
    # upright standfirsts, small bold pull quotes, wide gutters, looser leading.
    "heldout": Style("heldout", {"heads up": 3, "*": 2}, body=("Helvetica", "", 9), leading=1.35, head=("Times", "", 28),
                     stand=("Helvetica", "", 12), quote=("Helvetica", "B", 12), caption=("Helvetica", "I", 7),
                     header=("Helvetica", "B", 7), gutter=6.0, justify=True),
    # Written after all tuning (mixed included), scored once as it came: bold-italic standfirsts and
    # pull quotes, tiny bold captions, indented paragraphs, short news stacked in three columns.
    "heldout2": Style("heldout2", {"heads up": 3, "features": 2, "*": 3}, body=("Times", "", 10), leading=1.2,
                      head=("Helvetica", "B", 30), stand=("Times", "BI", 13), quote=("Times", "BI", 16),
                      caption=("Helvetica", "B", 6.5), header=("Times", "I", 8), gutter=4.5, indent=True, stack_news=300),
    # Written at the end, scored once as it came: monospaced body, bold-italic headlines, bold
    # upright standfirsts, regular pull quotes, drop caps and rules, 2 columns for news.
    "heldout3": Style("heldout3", {"heads up": 2, "features": 3, "*": 2}, body=("Courier", "", 9), leading=1.3,
                      head=("Times", "BI", 26), stand=("Helvetica", "B", 12), quote=("Helvetica", "", 14),
                      caption=("Times", "", 7), header=("Helvetica", "I", 7.5), indent=True, dropcap=True, rules=True),
}


@dataclass
class Printed:
    headline: str
    section: str
    standfirst: str | None
    paragraphs: list[str]  # body as printed, standfirst excluded
    page: int | None = None  # printed folio of the headline


@dataclass
class Magazine:
    articles: list[Printed]
    adverts: list[str] = field(default_factory=list)  # every advert's text
    pull_quotes: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    sections: set = field(default_factory=set)  # labels printed in the running header
    pages: int = 0

    def sentences(self, n: int = 200, seed: int = 68) -> list[tuple[int, str]]:
        """n sampled (article index, sentence) pairs from the printed body, 6+ words each."""
        pool = [(i, s) for i, a in enumerate(self.articles) for p in a.paragraphs
                for s in split_sentences(p) if len(s.split()) >= 6]
        return random.Random(seed).sample(pool, min(n, len(pool)))


def printable(text: str) -> str:
    """What the core fonts can print (cp1252); other characters become '?'."""
    return text.encode("cp1252", "replace").decode("cp1252")


def source_articles(corpus_dir: Path = CORPUS_68) -> tuple[list[Printed], list[str]]:
    """Issue 68's articles (masthead left out) and its adverts, read by the project's own parser."""
    _, articles = load_issue(corpus_dir)
    out, adverts = [], []
    for a in articles:
        paras = [printable(p.text) for p in a.paragraphs]
        if a.section == "advert":
            adverts.append(printable(a.headline) + "\n" + "\n".join(paras))
        elif a.headline != "Masthead":
            stand = paras[0] if a.section != "heads up" and len(paras) > 2 and len(paras[0].split()) <= 70 else None
            out.append(Printed(printable(a.headline), a.section, stand, paras[1:] if stand else paras))
    return out, adverts


def build_magazine(articles: list[Printed], adverts: list[str], style: Style, path: Path, max_pages: int = 16) -> Magazine:
    """Lay the articles out as a magazine PDF at path; returns what was printed where.

    Articles that would run past max_pages (advert page included) are left out of the issue.
    """
    w = Writer(style)
    mag = Magazine(articles=[])
    ads = list(adverts[:3])

    def turn(section: str | None = None) -> None:
        w.new_page(section)
        if ads and w.folio() == 3:  # a full-width advert at the foot splits this page's columns
            w.floor = w.bottom - 62
            advert_box(w, ads.pop(0), w.left, w.bottom - 58, w.right - w.left, 58, mag)
            w.y = w.top

    w.new_page(furniture=False)  # the cover: masthead and cover lines, no folio
    w.y = 40
    w.block("Healthcare Manager", ("Helvetica", "B", 44), 180)
    w.block("Issue 68 · Summer 2026", ("Helvetica", "", 16), 180)
    w.y = 200
    for a in articles[4:6]:
        w.block(a.headline, ("Helvetica", "B", 20), 180)
    state = {"quotes": 4, "pictures": 3}
    used, run, pending = 0.0, [], None

    def alone(a: Printed, n: int, words: int) -> None:
        """An article under its own full-width headline, in n columns over as many pages as it takes."""
        colw = (w.right - w.left - (n - 1) * style.gutter) / n
        long = words > 700
        quote = None
        if long and state["quotes"]:
            cands = [s for p in a.paragraphs[2:] for s in split_sentences(p) if 10 <= len(s.split()) <= 22]
            quote = f"“{cands[len(cands) // 2].strip('“”')}”" if cands else None
            state["quotes"] -= bool(quote)
        items = body_items(w, a, colw, quote, picture=long and state["pictures"] > 0,
                           dropcap=style.dropcap and a.section in NEW_PAGE_SECTIONS)
        state["pictures"] -= long
        need = style.head[2] * 2.5 * PT + 12 * style.body[2] * PT
        if w.pdf.page == 1 or (a.section in NEW_PAGE_SECTIONS and w.y > w.top) or w.y + need > w.floor:
            turn(a.section)
        a.page = w.folio()
        w.block(a.headline, style.head, w.right - w.left)
        w.y += 2
        if a.standfirst:
            w.block(a.standfirst, style.stand, w.right - w.left)
            w.y += 3
        pads: dict = {}
        if ads and a.section == "features" and n >= 3 and not quote:  # a column-wide advert box at a column's foot
            pads, y = {n - 1: w.bottom - 70}, w.y
            advert_box(w, ads.pop(0), w.left + (n - 1) * (colw + style.gutter), w.bottom - 66, colw, 66, mag)
            w.y = y
        while items:
            items = place(w, a, n, items, mag, pads)
            pads = {}
            if items:
                turn()

    for a in articles:
        a = replace(a)
        n = style.columns.get(a.section, style.columns["*"])
        words = sum(len(p.split()) for p in a.paragraphs) + 40
        if used + words / capacity(w, n) > max_pages - 2:
            continue
        used += words / capacity(w, n) + (0.4 if a.section in NEW_PAGE_SECTIONS else 0.1)
        mag.articles.append(a)
        mag.sections.add(a.section.capitalize())
        if a.section == "heads up" and words <= style.stack_news:
            run.append(a)
            continue
        if run:
            news_run(w, run, style.columns.get("heads up", style.columns["*"]), mag, turn)
        if style.side_by_side and a.section == "heads up" and n == 3:
            if pending is not None and words <= style.side_by_side and not a.standfirst:
                if not side_by_side(w, pending, a, mag, turn):
                    alone(pending, n, 0)
                    alone(a, n, words)
                pending = None
                continue
            if pending is not None:
                alone(pending, n, 0)
            pending = a if words <= 700 and not a.standfirst else None
            if pending is not None:
                continue
        elif pending is not None:
            alone(pending, 3, 0)
            pending = None
        if a.section == "features" and words <= style.box_sidebars:
            sidebar(w, a, mag, turn)
            continue
        alone(a, n, words)
    if pending is not None:
        alone(pending, 3, 0)
    if run:
        news_run(w, run, style.columns.get("heads up", style.columns["*"]), mag, turn)
    for text in ads:  # the rest: a full-page advert at the back
        w.new_page("advertisement")
        mag.sections.add("Advertisement")
        advert_box(w, text, w.left, w.top, w.right - w.left, 120, mag)
    mag.pages = w.pdf.page
    w.pdf.output(str(path))
    return mag


def jittered(pages: list, amount: float, seed: int = 1) -> list:
    """Parsed pages whose words are each moved by up to amount points in x and y (shape kept)."""
    from rag.corpus.pdf_words import Page

    rnd = random.Random(seed)

    def move(w):
        dx, dy = rnd.uniform(-amount, amount), rnd.uniform(-amount, amount)
        return replace(w, x0=w.x0 + dx, x1=w.x1 + dx, top=w.top + dy, bottom=w.bottom + dy)

    return [Page(p.index, p.width, p.height, tuple(move(w) for w in p.words), p.rects) for p in pages]
