"""Typesetting for tests/magazine_pdf.py: an fpdf2 writer, column filling with balancing, pull
quotes, pictures with captions, one-column news runs, boxed sidebars and adverts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.magazine_pdf import Magazine, Printed, Style

PT = 25.4 / 72  # mm per point
TITLE = "Healthcare Manager · Summer 2026"


class Writer:
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
    dx: float = 0.0  # room left for a drop cap
    cap: str = ""  # the drop cap drawn with this line
    owner: Printed | None = None  # the article a one-column headline opens


def body_items(w: Writer, a: Printed, colw: float, quote: str | None, picture: bool, dropcap: bool = False) -> list[_Item]:
    s = w.s
    pitch = s.body[2] * s.leading * PT
    items: list[_Item] = []
    indent = s.body[2] * 1.2 * PT if s.indent else 0.0
    for j, para in enumerate(a.paragraphs):
        cap, dx = "", [0.0] * 3
        if j == 0 and dropcap and para[:1].isalpha() and len(para.split()) > 30:  # a drop cap three lines high
            cap, para = para[0], para[1:]
            w.font((s.body[0], "B", _cap_size(s)))
            dx = [w.pdf.get_string_width(cap) + 1.0] * 3
            indent = 0.0
        lines = w.wrap(para, colw - max(indent, dx[0]), s.body)
        lines = lines[:3] + w.wrap(" ".join(lines[3:]), colw, s.body) if cap else lines
        lines = lines[:1] + w.wrap(" ".join(lines[1:]), colw, s.body) if len(lines) > 1 and not cap else lines
        for k, ln in enumerate(lines):
            items.append(_Item("line", pitch, ln, last=k == len(lines) - 1, first=k == 0 and s.indent and not cap,
                               dx=dx[k] if k < 3 else 0.0, cap=cap if k == 0 else ""))
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


def _cap_size(s: Style) -> float:
    return s.body[2] * s.leading * 2.6


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


def place(w: Writer, a: Printed, n: int, items: list[_Item], mag: Magazine, pad_floors: dict) -> list[_Item]:
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
            if it.cap:
                w.line(it.cap, x, y + it.height * 2.75, colw, (s.body[0], "B", _cap_size(s)))
            if it.kind == "line":
                dx = s.body[2] * 1.2 * PT if it.first else it.dx
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
    rest = items[_count_consumed(items, cols):]
    if s.rules and not rest:  # a hairline under a finished story, with little white around it
        w.pdf.set_line_width(0.2)
        w.pdf.line(w.left, bottom + 1.8, w.right, bottom + 1.8)
        w.y = bottom + 3.6
    else:
        w.y = bottom + 6
    return rest


def _count_consumed(items: list[_Item], cols: list[list[_Item]]) -> int:
    """Items consumed by the fill, counting gaps skipped at column tops."""
    last = [it for col in cols for it in col]
    if not last:
        return 0
    return max(i for i, it in enumerate(items) if it is last[-1]) + 1


def advert_box(w: Writer, text: str, x: float, y: float, width: float, height: float, mag: Magazine) -> None:
    """An outlined advert; paragraphs that would overflow the box are not printed (nor recorded)."""
    w.pdf.set_draw_color(0, 0, 0)
    w.pdf.rect(x, y, width, height, style="D")
    head, _, body = text.partition("\n")
    w.y = y + 4
    w.block(head, ("Helvetica", "B", 14), width - 8, x + 4)
    printed = [head]
    for para in body.split("\n"):
        pitch = 9 * 1.15 * PT
        if w.y + 1 + pitch * len(w.wrap(para, width - 8, ("Helvetica", "", 9))) > y + height - 2:
            break
        w.y += 1
        w.block(para, ("Helvetica", "", 9), width - 8, x + 4)
        printed.append(para)
    mag.adverts.append("\n".join(printed))


def _news_head(s: Style) -> tuple:
    return (s.head[0], s.head[1], s.head[2] * 0.7)


def news_run(w: Writer, run: list[Printed], n: int, mag: Magazine, turn) -> None:
    """Short news stories one after another, each in one column under its own one-column headline."""
    s = w.s
    colw = (w.right - w.left - (n - 1) * s.gutter) / n
    items: list[_Item] = []
    for k, a in enumerate(run):
        if k:
            items.append(_Item("gap", s.body[2] * s.leading * PT * 1.5))
        lines = w.wrap(a.headline, colw, _news_head(s))
        items.append(_Item("head", len(lines) * _news_head(s)[2] * 1.15 * PT + 1.5, "\n".join(lines), owner=a))
        items += body_items(w, a, colw, None, False)
    if w.pdf.page == 1 or w.y + 40 > w.floor:
        turn(run[0].section)
    while items:
        items = place(w, run[0], n, items, mag, {})
        if items:
            turn()
    run.clear()


def sidebar(w: Writer, a: Printed, mag: Magazine, turn) -> None:
    """A boxed sidebar across the page: its own headline, its text in the body type in two columns."""
    if w.y > w.top + 0.4 * (w.floor - w.top):
        turn(a.section)
    y0 = w.y
    w.left, w.right, w.y = w.left + 4, w.right - 4, w.y + 4
    a.page = w.folio()
    w.block(a.headline, _news_head(w.s), w.right - w.left)
    w.y += 2
    body = replace(a, paragraphs=[a.standfirst, *a.paragraphs] if a.standfirst else a.paragraphs)
    colw = (w.right - w.left - w.s.gutter) / 2
    rest = place(w, a, 2, body_items(w, body, colw, None, False), mag, {})
    assert not rest, "a sidebar must fit on its page"
    w.left, w.right = w.left - 4, w.right + 4
    w.pdf.set_draw_color(0, 0, 0)
    w.pdf.rect(w.left, y0, w.right - w.left, w.y - 4 - y0, style="D")
    w.y += 2


def side_by_side(w: Writer, a: Printed, b: Printed, mag: Magazine, turn) -> bool:
    """Story a under a headline over two of three columns, story b beside it in the third under its
    own; False (nothing drawn) when the two do not fit on one page."""
    s = w.s
    left, right = w.left, w.right
    colw = (right - left - 2 * s.gutter) / 3
    wide = 2 * colw + s.gutter
    items_a, items_b = body_items(w, a, colw, None, False), body_items(w, b, colw, None, False)
    need = max(sum(i.height for i in items_a) / 2 + 3 * s.head[2] * PT, sum(i.height for i in items_b) + 25)
    if w.pdf.page == 1 or w.y + need > w.floor:
        turn(a.section)
    if w.y + need > w.floor:
        return False
    y0, a.page, b.page = w.y, w.folio(), w.folio()
    w.right = left + wide
    w.block(a.headline, s.head, wide)
    w.y += 2
    rest = place(w, a, 2, items_a, mag, {})
    end_a = w.y
    w.left, w.right, w.y = left + wide + s.gutter, right, y0
    w.block(b.headline, _news_head(s), colw)
    w.y += 2
    rest += place(w, b, 1, items_b, mag, {})
    w.left, w.right, w.y = left, right, max(end_a, w.y)
    assert not rest, "two stories side by side must fit on their page"
    return True


def capacity(w: Writer, n: int) -> float:
    """Rough words per page in n columns, to keep an issue within its page budget."""
    colw = (w.right - w.left - (n - 1) * w.s.gutter) / n
    w.font(w.s.body)
    per_line = colw / (w.pdf.get_string_width("managers in the NHS ") / 4)
    return 0.62 * n * per_line * (w.bottom - w.top) / (w.s.body[2] * w.s.leading * PT)
