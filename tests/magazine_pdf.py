"""Magazine-style test PDFs from issue 68's real text, with the ground truth a scorer needs.

Example: build_magazine(source_articles(), STYLES["3col"], path) -> Magazine (what was printed where)
Layout: an unnumbered cover, then A4 pages with a running header (magazine name one side,
section the other), a printed folio (PDF page index - 1), full-width bold headlines, italic
standfirsts, body in 1-4 columns balanced when an article ends mid-page, pull quotes in large
type inside a column (mid-paragraph), pictures with small captions, boxed adverts.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from rag.chunking import split_sentences
from rag.corpus import load_issue

CORPUS_68 = Path(__file__).resolve().parent.parent / "corpus" / "2026-summer-68"
PT = 25.4 / 72  # mm per point
TITLE = "Healthcare Manager · Summer 2026"
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


STYLES = {
    "2col": Style("2col", {"*": 2}),
    "3col": Style("3col", {"*": 3}),
    # Other fonts and sizes, justified, indented paragraphs, italic pull quotes, tighter gutters.
    "3col-alt": Style("3col-alt", {"*": 3}, body=("Helvetica", "", 8.5), leading=1.2, head=("Times", "B", 20),
                      stand=("Helvetica", "I", 10.5), quote=("Times", "I", 13), caption=("Times", "I", 6.5),
                      header=("Times", "", 7), gutter=4.2, justify=True, indent=True),
    "mixed": Style("mixed", {"heads up": 4, "features": 3, "regulars": 2, "front": 1, "*": 2}, stack_news=450),
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


class _Writer:
    """Draws onto fpdf pages and keeps the cursor, the page's columns and its folio."""

    def __init__(self, style: Style):
        import fpdf

        self.s = style
        self.pdf = fpdf.FPDF(format="A4", unit="mm")
        self.pdf.core_fonts_encoding = "windows-1252"
        self.pdf.set_auto_page_break(False)
        self.left, self.right, self.top, self.bottom = 15.0, 195.0, 24.0, 277.0
        self.y = self.top
        self.floor = self.bottom  # flow stops here (an advert may sit below)
        self.section = ""

    def folio(self) -> int:
        return self.pdf.page - 1  # the cover is not counted

    def font(self, spec: tuple, size: float | None = None) -> None:
        self.pdf.set_font(spec[0], spec[1], size or spec[2])

    def new_page(self, section: str | None = None, furniture: bool = True) -> None:
        self.pdf.add_page()
        self.y, self.floor = self.top, self.bottom
        if section is not None:
            self.section = section
        if furniture:
            self.font(self.s.header)
            label = self.section.capitalize()
            left, right = (TITLE, label) if self.folio() % 2 == 0 else (label, TITLE)
            self.pdf.text(self.left, 12, left)
            self.pdf.text(self.right - self.pdf.get_string_width(right), 12, right)
            num = str(self.folio())
            x = self.left if self.folio() % 2 == 0 else self.right - self.pdf.get_string_width(num)
            self.pdf.text(x, 287, num)

    def wrap(self, text: str, width: float, spec: tuple) -> list[str]:
        self.font(spec)
        lines, cur = [], ""
        for word in text.split():
            for k, piece in enumerate(self._pieces(word, width)):
                trial = f"{cur} {piece}" if cur else piece
                if cur and (k > 0 or self.pdf.get_string_width(trial) > width):
                    lines.append(cur)
                    cur = piece
                else:
                    cur = trial
        return lines + [cur] if cur else lines

    def _pieces(self, word: str, width: float) -> list[str]:
        """A web address too long for the column breaks after a slash, as typesetters do."""
        out = []
        while self.pdf.get_string_width(word) > width:
            cuts = [i for i, ch in enumerate(word[:-1]) if ch == "/" and self.pdf.get_string_width(word[: i + 1]) <= width]
            if not cuts:
                break
            out.append(word[: cuts[-1] + 1])
            word = word[cuts[-1] + 1:]
        return out + [word]

    def line(self, text: str, x: float, y: float, width: float, spec: tuple, justify: bool = False) -> None:
        """One line with its baseline at y; justified by placing each word."""
        self.font(spec)
        words = text.split()
        if self.pdf.get_string_width(text) > width:  # an unbreakable address: condensed to fit, as typesetters do
            self.pdf.set_stretching(100 * width / self.pdf.get_string_width(text))
            self.pdf.text(x, y, text)
            self.pdf.set_stretching(100)
            return
        if not justify or len(words) < 2:
            self.pdf.text(x, y, text)
            return
        widths = [self.pdf.get_string_width(w) for w in words]
        gap = (width - sum(widths)) / (len(words) - 1)
        for w, wd in zip(words, widths):
            self.pdf.text(x, y, w + " ")  # the space keeps pdf words apart whatever the gap
            x += wd + gap

    def block(self, text: str, spec: tuple, width: float, x: float | None = None) -> float:
        """Full-width lines at the cursor (headline, standfirst); returns the height used."""
        pitch = spec[2] * 1.15 * PT
        lines = self.wrap(text, width, spec)
        for i, ln in enumerate(lines):
            self.line(ln, self.left if x is None else x, self.y + pitch * (i + 0.8), width, spec)
        self.y += pitch * len(lines)
        return pitch * len(lines)


@dataclass
class _Item:
    kind: str  # "line", "gap", "quote", "picture"
    height: float
    text: str = ""
    last: bool = False  # last line of its paragraph (not justified)
    first: bool = False  # first line of a paragraph (indented)
    owner: Printed | None = None  # the article a one-column headline opens


def _items(w: _Writer, a: Printed, colw: float, quote: str | None, picture: bool) -> list[_Item]:
    s = w.s
    pitch = s.body[2] * s.leading * PT
    items: list[_Item] = []
    indent = s.body[2] * 1.2 * PT if s.indent else 0.0
    for j, para in enumerate(a.paragraphs):
        lines = w.wrap(para, colw - indent, s.body)
        lines = lines[:1] + w.wrap(" ".join(lines[1:]), colw, s.body) if len(lines) > 1 else lines
        for k, ln in enumerate(lines):
            items.append(_Item("line", pitch, ln, last=k == len(lines) - 1, first=k == 0 and s.indent))
            if quote and j == len(a.paragraphs) // 3 and k == len(lines) // 2 and len(lines) > 2:
                qlines = w.wrap(quote, colw, s.quote)
                items.append(_Item("quote", s.quote[2] * 1.2 * PT * len(qlines) + 3 * pitch, "\n".join(qlines)))
                quote = None
        if not s.indent and j < len(a.paragraphs) - 1:
            items.append(_Item("gap", pitch * 0.5))
        if picture and j == 1:
            items.append(_Item("picture", 30 + 3 * pitch, f"Picture: {' '.join(a.headline.split()[:5])}, {a.section}"))
            picture = False
    return items


def _fill(items: list[_Item], floors: list[float], top: float) -> tuple[list[list[_Item]], int]:
    """Greedy column fill under per-column floors; returns columns and items placed."""
    cols: list[list[_Item]] = [[] for _ in floors]
    i = 0
    for c, floor in enumerate(floors):
        y = top
        while i < len(items) and y + _keep(items, i) <= floor + 0.01:
            if not (items[i].kind == "gap" and not cols[c]):
                cols[c].append(items[i])
                y += items[i].height
            i += 1
    return cols, i


def _keep(items: list[_Item], i: int) -> float:
    """Height that must fit in the column: a headline keeps its first body lines with it."""
    return sum(it.height for it in items[i: i + 3]) if items[i].kind == "head" else items[i].height


def _place(w: _Writer, a: Printed, n: int, items: list[_Item], mag: Magazine, pad_floors: dict) -> list[_Item]:
    """Lays out as much of items as fits from the cursor in n columns; returns the rest."""
    s, pdf = w.s, w.pdf
    colw = (w.right - w.left - (n - 1) * s.gutter) / n
    floors = [pad_floors.get(c, w.floor) for c in range(n)]
    cols, placed = _fill(items, floors, w.y)
    if placed == len(items):  # the article ends here: balance its columns
        lo, hi = w.y + 5, max(floors)
        while hi - lo > 0.5:
            mid = (lo + hi) / 2
            if _fill(items, [min(f, mid) for f in floors], w.y)[1] == len(items):
                hi = mid
            else:
                lo = mid
        cols, _ = _fill(items, [min(f, hi) for f in floors], w.y)
    bottom = w.y
    for c, col in enumerate(cols):
        x, y = w.left + c * (colw + s.gutter), w.y
        for it in col:
            if it.kind == "line":
                dx = s.body[2] * 1.2 * PT if it.first else 0.0
                w.line(it.text, x + dx, y + it.height * 0.8, colw - dx, s.body, s.justify and not it.last)
            elif it.kind == "quote":
                qp = s.quote[2] * 1.2 * PT
                for k, ql in enumerate(it.text.split("\n")):
                    w.line(ql, x, y + it.height / 2 - qp * len(it.text.split("\n")) / 2 + qp * (k + 0.8), colw, s.quote)
                mag.pull_quotes.append(it.text.replace("\n", " "))
            elif it.kind == "head":
                hp = it.height / max(1, len(it.text.split("\n")))
                for k, hl in enumerate(it.text.split("\n")):
                    w.line(hl, x, y + hp * (k + 0.75), colw, _news_head(s))
                it.owner.page = w.folio()
            elif it.kind == "picture":
                pdf.set_fill_color(200, 200, 200)
                pdf.rect(x, y + 1, colw, 28, style="F")
                for k, cl in enumerate(w.wrap(it.text, colw, s.caption)):
                    w.line(cl, x, y + 31 + k * s.caption[2] * 1.2 * PT, colw, s.caption)
                mag.captions.append(it.text)
            y += it.height
        bottom = max(bottom, y)
    w.y = bottom + 6
    return items[_count_consumed(items, cols):]


def _count_consumed(items: list[_Item], cols: list[list[_Item]]) -> int:
    """Items consumed by the fill, counting gaps skipped at column tops."""
    last = [it for col in cols for it in col]
    if not last:
        return 0
    return max(i for i, it in enumerate(items) if it is last[-1]) + 1


def _advert(w: _Writer, text: str, x: float, y: float, width: float, height: float, mag: Magazine) -> None:
    w.pdf.set_draw_color(0, 0, 0)
    w.pdf.rect(x, y, width, height, style="D")
    head, _, body = text.partition("\n")
    w.y = y + 4
    w.block(head, ("Helvetica", "B", 14), width - 8, x + 4)
    for para in body.split("\n"):
        w.y += 1
        w.block(para, ("Helvetica", "", 9), width - 8, x + 4)
    mag.adverts.append(text)


def _news_head(s: Style) -> tuple:
    return (s.head[0], s.head[1], s.head[2] * 0.7)


def _news_run(w: _Writer, run: list[Printed], n: int, mag: Magazine, turn) -> None:
    """Short news stories one after another, each in one column under its own one-column headline."""
    s = w.s
    colw = (w.right - w.left - (n - 1) * s.gutter) / n
    items: list[_Item] = []
    for k, a in enumerate(run):
        if k:
            items.append(_Item("gap", s.body[2] * s.leading * PT * 1.5))
        lines = w.wrap(a.headline, colw, _news_head(s))
        items.append(_Item("head", len(lines) * _news_head(s)[2] * 1.15 * PT + 1.5, "\n".join(lines), owner=a))
        items += _items(w, a, colw, None, False)
    if w.pdf.page == 1 or w.y + 40 > w.floor:
        turn(run[0].section)
    while items:
        items = _place(w, run[0], n, items, mag, {})
        if items:
            turn()
    run.clear()


def _capacity(w: _Writer, n: int) -> float:
    """Rough words per page in n columns, to keep an issue within its page budget."""
    colw = (w.right - w.left - (n - 1) * w.s.gutter) / n
    w.font(w.s.body)
    per_line = colw / (w.pdf.get_string_width("managers in the NHS ") / 4)
    return 0.62 * n * per_line * (w.bottom - w.top) / (w.s.body[2] * w.s.leading * PT)


def build_magazine(articles: list[Printed], adverts: list[str], style: Style, path: Path, max_pages: int = 16) -> Magazine:
    """Lay the articles out as a magazine PDF at path; returns what was printed where.

    Articles that would run past max_pages (advert page included) are left out of the issue.
    """
    w = _Writer(style)
    mag = Magazine(articles=[])
    ads = list(adverts[:3])

    def turn(section: str | None = None) -> None:
        w.new_page(section)
        if ads and w.folio() == 3:  # a full-width advert at the foot splits this page's columns
            w.floor = w.bottom - 62
            _advert(w, ads.pop(0), w.left, w.bottom - 58, w.right - w.left, 58, mag)
            w.y = w.top

    w.new_page(furniture=False)  # the cover: masthead and cover lines, no folio
    w.y = 40
    w.block("Healthcare Manager", ("Helvetica", "B", 44), 180)
    w.block("Issue 68 · Summer 2026", ("Helvetica", "", 16), 180)
    w.y = 200
    for a in articles[4:6]:
        w.block(a.headline, ("Helvetica", "B", 20), 180)
    quotes_left, pictures_left, used = 4, 3, 0.0
    run: list[Printed] = []
    for a in articles:
        a = replace(a)
        n = style.columns.get(a.section, style.columns["*"])
        words = sum(len(p.split()) for p in a.paragraphs) + 40
        if used + words / _capacity(w, n) > max_pages - 2:
            continue
        used += words / _capacity(w, n) + (0.4 if a.section in NEW_PAGE_SECTIONS else 0.1)
        mag.articles.append(a)
        mag.sections.add(a.section.capitalize())
        if a.section == "heads up" and words <= style.stack_news:
            run.append(a)
            continue
        if run:
            _news_run(w, run, style.columns.get("heads up", style.columns["*"]), mag, turn)
        colw = (w.right - w.left - (n - 1) * style.gutter) / n
        long = words > 700
        quote = None
        if long and quotes_left:
            cands = [s for p in a.paragraphs[2:] for s in split_sentences(p) if 10 <= len(s.split()) <= 22]
            quote = f"“{cands[len(cands) // 2].strip('“”')}”" if cands else None
            quotes_left -= bool(quote)
        items = _items(w, a, colw, quote, picture=long and pictures_left > 0)
        pictures_left -= long
        need = style.head[2] * 2.5 * PT + 12 * style.body[2] * PT
        if w.pdf.page == 1 or (a.section in NEW_PAGE_SECTIONS and w.y > w.top) or w.y + need > w.floor:
            turn(a.section)
        a.page = w.folio()
        mag.sections.add(a.section.capitalize())
        w.block(a.headline, style.head, w.right - w.left)
        w.y += 2
        if a.standfirst:
            w.block(a.standfirst, style.stand, w.right - w.left)
            w.y += 3
        pads: dict = {}
        if ads and a.section == "features" and n >= 3 and not quote:  # a column-wide advert box at a column's foot
            pads, y = {n - 1: w.bottom - 70}, w.y
            _advert(w, ads.pop(0), w.left + (n - 1) * (colw + style.gutter), w.bottom - 66, colw, 66, mag)
            w.y = y
        while items:
            items = _place(w, a, n, items, mag, pads)
            pads = {}
            if items:
                turn()
    if run:
        _news_run(w, run, style.columns.get("heads up", style.columns["*"]), mag, turn)
    for text in ads:  # the rest: a full-page advert at the back
        w.new_page("advertisement")
        mag.sections.add("Advertisement")
        _advert(w, text, w.left, w.top, w.right - w.left, 120, mag)
    mag.pages = w.pdf.page
    w.pdf.output(str(path))
    return mag


def folio_text(text: str) -> str:
    """Lower-case words only, for comparing printed and parsed text."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))
