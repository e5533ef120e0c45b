"""Magazine PDFs (issue 68's real text in 2 and 3 columns, a style with other fonts and sizes, and one with
1-4 columns and short news stacked in single columns under their own headlines):
articles, headlines, standfirsts, printed pages, sentences in the right article, no furniture, no adverts."""

import pytest

from rag.corpus.parse_pdf import parse_pdf_layout
from rag.corpus.parse_report import parse_report, render_parse_report
from rag.corpus.pdf_regions import page_lines
from rag.corpus.pdf_roles import blocks, classify
from rag.corpus.pdf_words import Page, Word
from rag.sentences import split_sentences
from rag.textnorm import normalize
from rag.types import Issue

magazine_pdf = pytest.importorskip("tests.magazine_pdf")


def _norm(text: str) -> str:
    return " ".join(normalize(text).replace("’", "'").split())


def _issue_text(articles):
    """A short issue that still has everything: news pages, the two longest features (pull quotes,
    pictures, pages of their own), a short feature (a boxed sidebar in the mixed style), an opinion
    piece with a standfirst."""
    news = [a for a in articles if a.section == "heads up"][:5]
    by_len = sorted(articles, key=lambda a: -sum(len(p.split()) for p in a.paragraphs))
    features = [a for a in by_len if a.section == "features"]
    opinion = [a for a in articles if a.section == "analysis & opinion" and a.standfirst][:1]
    return [a for a in articles if a in news + opinion + features[:2] + features[-1:]]


@pytest.fixture(scope="module", params=["2col", "3col", "3col-alt", "mixed"])
def parsed(request, tmp_path_factory):
    articles, adverts = magazine_pdf.source_articles()
    path = tmp_path_factory.mktemp(request.param) / "issue.pdf"
    mag = magazine_pdf.build_magazine(_issue_text(articles), adverts, magazine_pdf.STYLES[request.param], path, max_pages=12)
    return mag, parse_pdf_layout(path, "test")


def test_every_article_with_its_headline_printed_page_and_standfirst(parsed):
    mag, result = parsed
    got = {_norm(a.headline): a for a in result.articles}
    assert len(result.articles) == len(mag.articles)
    for t in mag.articles:
        a = got.get(_norm(t.headline))
        assert a is not None, f"{t.headline!r} not found; got {list(got)}"
        assert a.page == t.page, t.headline  # the printed folio, not the PDF page index
        if t.standfirst:
            assert _norm(a.paragraphs[0].text) == _norm(t.standfirst)  # the standfirst opens the article...
            assert _norm(t.standfirst)[:30] not in _norm(a.headline)  # ...and is never in the headline
    assert mag.articles[0].page == 1  # printed on the PDF's second page: the cover has no folio


def test_sampled_sentences_intact_and_in_their_own_article(parsed):
    mag, result = parsed
    got = {_norm(a.headline): _norm(a.text) for a in result.articles}
    sample = mag.sentences(120)
    right = sum(1 for i, s in sample if _norm(s) in got.get(_norm(mag.articles[i].headline), ""))
    assert right >= 0.97 * len(sample)


def test_running_header_pull_quotes_and_adverts_stay_out(parsed):
    mag, result = parsed
    text = _norm(" ".join(a.text for a in result.articles))
    printed = _norm(" ".join(p for t in mag.articles for p in [t.headline, t.standfirst or "", *t.paragraphs]))
    for label in mag.sections | {magazine_pdf.TITLE}:
        assert text.count(_norm(label)) <= printed.count(_norm(label)), label
    for quote in mag.pull_quotes:
        assert text.count(_norm(quote)) == 0  # the quoted sentence stays once, in its own place, without the marks
    for ad in mag.adverts:
        for line in ad.split("\n")[1:]:
            assert not (len(line.split()) >= 6 and _norm(line) in text and _norm(line) not in printed), line
    assert len(result.dropped) == len(mag.adverts) and all(d.kind == "advert" for d in result.dropped)
    out = [s for a in result.articles for p in a.paragraphs for s in split_sentences(p.text) if len(s.split()) >= 6]
    assert [s for s in out if _norm(s) not in printed] == []  # nothing in the archive that no article printed
    assert mag.pull_quotes and mag.captions and not any(_norm(c) in text for c in mag.captions)


def _words(text: str, x: float, top: float, size: float = 9.0, font: str = "Times-Roman") -> list[Word]:
    out, width = [], size * 0.5
    for w in text.split():
        out.append(Word(w, x, x + width * len(w), top, top + size, size, font))
        x += width * len(w) + 0.28 * size  # a word space
    return out


def _column(x: float, top: float, lines: list[str]) -> list[Word]:
    return [w for i, ln in enumerate(lines) for w in _words(ln, x, top + 12 * i)]


def test_four_columns_under_a_full_width_headline_read_column_by_column():
    cols = [[f"c{c}l{i} word word" for i in range(6)] for c in range(4)]
    words = _words("A headline across all four columns", 40, 40, 24, "Helvetica-Bold")
    for c, lines in enumerate(cols):
        words += _column(40 + 130 * c, 80, lines)
    lines = page_lines(Page(1, 595, 842, tuple(words)), words, 9.0, [])
    texts = [ln.text for ln in lines]
    assert texts[0].startswith("A headline") and lines[0].spans
    assert texts[1:] == [ln for c in cols for ln in c]
    assert {ln.columns for ln in lines[1:]} == {4}


def test_pull_quote_inside_a_column_is_not_a_headline():
    body = ["the text runs on and on", "and on in the column", "until a quote comes"]
    words = _words("Big bold headline over both columns here", 40, 40, 24, "Helvetica-Bold")
    words += _column(40, 80, body) + _column(300, 80, body)
    words += _words("“Quoted words in", 40, 120, 15, "Helvetica-Bold") + _words("large type”", 40, 138, 15, "Helvetica-Bold")
    words += _column(40, 160, ["and the sentence ends."]) + _column(300, 116, ["more", "and more", "text", "here."])
    bs = blocks(page_lines(Page(1, 595, 842, tuple(words)), words, 9.0, []))
    classify(bs, 9.0)
    kinds = [(b.kind, b.text.split()[0]) for b in bs]
    assert kinds[0] == ("headline", "Big")
    assert ("quote", "“Quoted") in kinds and sum(k == "headline" for k, _ in kinds) == 1


def test_parse_report_flags_and_lists_what_was_left_out():
    from rag.types import Article, Paragraph

    issue = Issue("x", "Test issue", "2030-01-01", "spring 2030", "issue.pdf")
    long_head = ("How to build your personal brand Building a strong personal brand isn't about self-promotion, "
                 "it's about who you are as a leader")
    arts = [
        Article("x", "01-a", "Fine", (Paragraph("A finished sentence. " * 40, 2),), page=2),
        Article("x", "02-b", long_head, (Paragraph("Stops in the middle of " * 10, 3),), page=3),
    ]
    report = parse_report(issue, arts, dropped=[{"kind": "advert", "page": 4, "text": "Our pledge to you"}])
    flags = {r["article_id"]: r["flags"] for r in report["articles"]}
    assert flags["01-a"] == []
    assert set(flags["02-b"]) >= {"long headline", "ends mid-sentence"}
    text = render_parse_report(report)
    assert "left out (advert): Our pledge to you" in text and "1 left out" in text


def test_ingest_report_on_a_magazine_pdf_lists_the_adverts_left_out(tmp_path, monkeypatch, capsys):
    from rag import cli

    articles, adverts = magazine_pdf.source_articles()
    folder = tmp_path / "corpus" / "2026-summer-68-print"
    folder.mkdir(parents=True)
    mag = magazine_pdf.build_magazine(_issue_text(articles)[:5], adverts, magazine_pdf.STYLES["3col"], folder / "issue.pdf", max_pages=6)
    (folder / "issue.toml").write_text('title = "Print test"\nseason = "summer 2026"\ndate = "2026-06-01"\nsource = "issue.pdf"\n')
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_DATA_DIR", str(tmp_path / ".data"))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    assert cli.main(["ingest", str(folder), "--dry-run", "--report"]) == 0
    out = capsys.readouterr().out
    assert out.count("left out (advert)") == len(mag.adverts) >= 2
    assert f"{len(mag.adverts)} left out" in out
    for t in mag.articles:
        assert t.headline[:40] in out


def test_words_are_the_ones_pdfplumber_extract_words_gives(tmp_path):
    import pdfplumber

    from rag.corpus.parse_pdf import read_pdf_pages

    articles, adverts = magazine_pdf.source_articles()
    path = tmp_path / "issue.pdf"
    magazine_pdf.build_magazine(_issue_text(articles)[:4], adverts, magazine_pdf.STYLES["3col-alt"], path, max_pages=4)
    ours = read_pdf_pages(path)
    with pdfplumber.open(path) as pdf:
        for page, mine in zip(pdf.pages, ours):
            ref = page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False)
            assert sorted((w["text"], round(w["x0"], 2), round(w["top"], 2), w["fontname"], w["size"]) for w in ref) == \
                sorted((w.text, round(w.x0, 2), round(w.top, 2), w.font, w.size) for w in mine.words)
            assert sorted((round(r["x0"], 2), round(r["top"], 2), bool(r["stroke"])) for r in page.rects + page.lines) == \
                sorted((round(r.x0, 2), round(r.top, 2), r.stroke) for r in mine.rects)


def test_a_cover_headline_with_only_a_standfirst_is_no_article():
    from collections import Counter

    from rag.corpus.pdf_roles import build_drafts

    cover = _words("Healthcare Manager", 40, 100, 40, "Helvetica-Bold") + _words("The magazine for managers", 40, 150, 14, "Times-Italic")
    inner = _words("Pay talks resume", 40, 40, 24, "Helvetica-Bold") + _column(40, 80, ["Talks resumed on Monday.", "Both sides met."] * 4)
    lines = page_lines(Page(1, 595, 842, tuple(cover)), cover, 9.0, []) + page_lines(Page(2, 595, 842, tuple(inner)), inner, 9.0, [])
    bs = blocks(lines)
    classify(bs, 9.0)
    assert [b.kind for b in bs[:2]] == ["headline", "standfirst"]
    drafts = build_drafts(bs, {1: None, 2: 1}, {}, 12.0, False, Counter())
    assert [(d.headline, d.page) for d in drafts] == [("Pay talks resume", 1)]


def test_drop_caps_join_their_word_but_a_stays_a_word():
    from collections import Counter

    from rag.corpus.pdf_regions import drop_caps
    from rag.corpus.pdf_words import rows

    def para(cap: str, first: str) -> list[Word]:
        big = Word(cap, 40, 62, 80, 116, 30.0, "Times-Bold")
        return [big] + _words(first, 64, 80) + _words("second line of text", 64, 92) + _words("third line here", 64, 104)

    vocab = Counter({"over": 5, "new": 5, "year": 3})
    joined = drop_caps(rows(para("O", "ver a year")), 9.0, vocab)
    assert [" ".join(w.text for w in r) for r in joined][0] == "Over a year"
    apart = drop_caps(rows(para("A", "new survey")), 9.0, vocab)
    assert [" ".join(w.text for w in r) for r in apart][0] == "A new survey" and len(apart) == 3


def test_words_off_their_line_by_a_point_and_a_half_still_parse(tmp_path):
    """Real PDFs are not set on an exact grid: every word moved by up to 1.5 pt changes nothing
    (a 16-page issue with 30 pt headlines, whose word spaces then reach the body size)."""
    from rag.corpus.parse_pdf import layout_parse, read_pdf_pages

    articles, adverts = magazine_pdf.source_articles()
    path = tmp_path / "issue.pdf"
    mag = magazine_pdf.build_magazine(articles, adverts, magazine_pdf.STYLES["heldout2"], path)
    result = layout_parse(magazine_pdf.jittered(read_pdf_pages(path), 1.5), "test")
    assert sorted(_norm(a.headline) for a in result.articles) == sorted(_norm(t.headline) for t in mag.articles)
    got = {_norm(a.headline): _norm(a.text) for a in result.articles}
    sample = mag.sentences(120)
    assert sum(1 for i, s in sample if _norm(s) in got[_norm(mag.articles[i].headline)]) >= 0.97 * len(sample)
