"""Draft articles shared by the parsers, and the pure step that turns them into Articles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rag.corpus.cleaning import article_id
from rag.corpus.issue_toml import check_contents
from rag.errors import InputError
from rag.textnorm import normalize, tokens
from rag.types import Article, Paragraph

_STOP = frozenset(
    "the a an and or of to in on for with by at from is are was be as it its this that "
    "our your you we he she they their his her nhs mip says say said talks about how why "
    "what more new".split()
)


# A run of 20 or more end marks ("....................", a leader line or a separator) is written as three: the
# sentence splitter backtracks over such a run at every mark in it, so a tester's 100 KB of dots took 288 s to ingest
# (25 KB: 13 s). No article's sentence ends in more than three.
_PUNCTUATION_RUN = re.compile("([.!?\u2026])[.!?\u2026]{19,}")


@dataclass
class Draft:
    headline: str
    section: str = ""
    paras: list[tuple[str, str]] = field(default_factory=list)  # (text, style)
    page: int | None = None
    pages: list[int | None] = field(default_factory=list)  # per paragraph, when known
    level: int = 1
    interrupted: "Draft | None" = None
    box: bool = False
    magazine: bool = False


def content_words(text: str) -> set[str]:
    """Distinctive lower-case words of a text (stop words and short tokens dropped)."""
    return {t for t in tokens(text) if len(t) > 2 and t not in _STOP}


def match_score(query: str, draft: Draft) -> float:
    """Share of the query's content words found in the draft's headline and standfirst."""
    q = content_words(query)
    if not q:
        return 0.0
    head = draft.headline + " " + " ".join(t for t, _ in draft.paras[:2])
    return len(q & content_words(head)) / len(q)


def finish_articles(drafts: list[Draft], issue_id: str) -> list[Article]:
    """Drafts -> frozen Articles with stable ids; empty drafts are dropped."""
    out: list[Article] = []
    for d in drafts:
        paras = []
        for j, (text, _style) in enumerate(d.paras):
            text = _PUNCTUATION_RUN.sub(lambda m: m.group(1) * 3, re.sub(r"\s+", " ", text).strip())
            if not text:
                continue
            page = d.pages[j] if j < len(d.pages) and d.pages[j] is not None else d.page
            paras.append(Paragraph(text=text, page=page))
        if not paras:
            continue
        headline = d.headline.strip() or paras[0].text[:60]
        out.append(
            Article(
                issue_id=issue_id,
                article_id=article_id(len(out) + 1, headline),
                headline=headline,
                paragraphs=tuple(paras),
                page=d.page,
                section=d.section,
            )
        )
    return out


def _where(drafts: list[Draft], starts: str) -> list[tuple[int, int, int]]:
    """Each (draft, paragraph, character offset) where the text starts_with names begins, in reading order."""
    words = tokens(starts)
    if not words:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.I)
    return [(i, j, m.start()) for i, d in enumerate(drafts) for j, (text, _style) in enumerate(d.paras)
            for m in pattern.finditer(normalize_quotes(text))]


def normalize_quotes(text: str) -> str:
    """Curly quotes and dashes to plain ones, length kept, so offsets stay valid."""
    return text.translate(str.maketrans("‘’“”–—", "''\"\"--"))


def _split(drafts: list[Draft], i: int, j: int, cut: int, headline: str) -> Draft:
    d = drafts[i]
    pages = d.pages + [d.page] * (len(d.paras) - len(d.pages))
    paras, pgs = d.paras[j:], pages[j:]
    if cut:
        (text, style), before = paras[0], d.paras[j][0][:cut].strip()
        paras = [(text[cut:].strip(), style)] + paras[1:]
        d.paras, d.pages = d.paras[:j] + [(before, style)], pages[:j] + [pages[j]]
    else:
        d.paras, d.pages = d.paras[:j], pages[:j]
    new = Draft(headline=headline, page=pgs[0], paras=paras, pages=pgs)
    drafts.insert(i + 1, new)
    if not d.paras:
        drafts.pop(i)
    return new


def apply_contents(drafts: list[Draft], entries: list[dict], where: str = "issue.toml") -> None:
    """A maintainer's contents table names articles; an entry's starts_with marks where its body begins (where: the
    issue.toml, as messages name it)."""
    for n, e in enumerate(check_contents(entries, where), 1):
        headline, starts = e["headline"].strip(), e.get("starts_with")
        if starts:
            found_at = _where(drafts, starts)
            if not found_at:
                raise InputError(
                    f"{where} [[contents]] entry {n} ({headline!r}): starts_with {starts!r} is not in the "
                    "issue's text; copy the first few words of that article's body exactly as printed"
                )
            if len(found_at) > 1:  # the article was begun at the first, a guess said nothing of (tester 33)
                same = len({drafts[i].paras[j][0][cut:] for i, j, cut in found_at}) == 1
                raise InputError(
                    f"{where} [[contents]] entry {n} ({headline!r}): starts_with {starts!r} is found "
                    f"{len(found_at)} times in the issue's text, " + (
                        "each time in the same paragraph, so the source holds that text more than once (pages "
                        "exported twice, or two files joined?): export or copy the issue's file again, or cut the "
                        "repeat out of it" if same else "so where the article begins is a guess: copy more of the "
                        "first words of its body, exactly as printed, until they are found once"))
            i, j, cut = found_at[0]
            target = drafts[i] if j == 0 and cut == 0 else _split(drafts, i, j, cut, headline)
        else:
            found = [d for d in drafts if normalize(d.headline) == normalize(headline)]
            found = found or [d for d in drafts if d.paras and match_score(headline, d) >= 0.6]
            if not found:
                raise InputError(
                    f"{where} [[contents]] entry {n} ({headline!r}) matches no article: add "
                    "starts_with = the first few words of its body"
                )
            target = found[0]
        target.headline, target.section = headline, "" if target.section == "advert" else target.section
        if "page" in e:
            if target.page is None or not any(target.pages):
                target.pages = [e["page"]] * len(target.paras)  # an advert had no page
            target.page = e["page"]


def with_contents(articles: list[Article], entries: list[dict], issue_id: str,
                  where: str = "issue.toml") -> list[Article]:
    """Parsed articles re-cut by a contents table (any source format); ids are renumbered."""
    drafts = [
        Draft(headline=a.headline, section=a.section, page=a.page,
              paras=[(p.text, "body") for p in a.paragraphs], pages=[p.page for p in a.paragraphs])
        for a in articles
    ]
    apply_contents(drafts, entries, where)
    return finish_articles(drafts, issue_id)
