"""The HTML report opens, holds every question, escapes what it shows and needs nothing online."""

from html.parser import HTMLParser

from rag.evals.compare import compare
from rag.evals.report import format_compare, format_summary, render_report
from rag.evals.scoring import score_question, summarize

EVIDENCE = "the pay award for managers is 5 per cent from April"


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.rows, self.scripts, self.text = [], [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "tr" and a.get("class") == "q":
            self.rows.append(a)
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.text.append(data)


def make_rows():
    def hit(rank, text):
        return {"rank": rank, "chunk_id": f"c{rank}", "score": 1.0, "text": text, "issue": "i1",
                "date": "2024-01-01", "article": "Pay <b>news</b>", "page": 2, "url": "/a"}

    items = [
        {"id": "q-good", "question": "pay award?", "answer": "5%", "must_include": ["5 per cent"],
         "evidence": [EVIDENCE], "source": "i1.txt", "article": "Pay", "type": "fact"},
        {"id": "q-evil", "question": "what about <i>this</i>?", "answer": "x", "must_include": ["x"],
         "evidence": [EVIDENCE], "source": "i2.txt", "article": "Pay", "type": "paraphrase"},
    ]
    results = [
        {"answer": "It is 5 per cent [1].", "refused": False, "hits": [hit(1, EVIDENCE)], "llm": "fake",
         "citations": [{"n": 1, "chunk_id": "c1", "text": EVIDENCE, "issue": "i1", "date": "2024-01-01",
                        "article": "Pay", "page": 2, "url": "/a", "supported": True}],
         "timings_ms": {"retrieve": 12, "total": 340}},
        {"answer": "<script>alert('pwned')</script>", "refused": False, "hits": [hit(1, "no")], "citations": [],
         "llm": "fake", "timings_ms": {"retrieve": 30, "total": 900}},
    ]
    return [{"item": i, "result": r, "score": score_question(i, r)} for i, r in zip(items, results)]


def render(rows):
    summary = summarize([r["score"] for r in rows])
    meta = {"date": "2026-07-01", "index_version": "v7", "llm": "fake"}
    return render_report(summary, rows, title="Eval <dev>", meta=meta)


def test_report_opens_and_lists_every_question():
    rows = make_rows()
    page = render(rows)
    p = Collect()
    p.feed(page)
    p.close()
    assert [r["id"] for r in p.rows] == ["q-q-good", "q-q-evil"]
    assert [r["data-pass"] for r in p.rows] == ["1", "0"]
    assert [r["data-type"] for r in p.rows] == ["fact", "paraphrase"]
    assert sum(1 for t, _ in p.tags if t == "svg") == 2  # per-type bars and latency histogram
    assert "v7" in page and "2026-07-01" in page


def test_report_escapes_answers_questions_and_titles():
    page = render(make_rows())
    p = Collect()
    p.feed(page)
    assert p.scripts == 1  # only the report's own filter script
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    assert "<i>this</i>" not in page and "<b>news</b>" not in page and "<dev>" not in page
    assert "answer lacks: x" in "".join(p.text)


def test_report_is_self_contained():
    page = render(make_rows())
    p = Collect()
    p.feed(page)
    for tag, attrs in p.tags:
        assert not attrs.get("src"), tag
        assert tag != "link"
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page


def test_report_handles_retrieval_only_and_no_timings():
    rows = make_rows()
    for r in rows:
        for key in ("answer", "refused", "citations", "llm"):
            r["result"].pop(key)
        r["result"]["timings_ms"] = {}
        r["score"] = score_question(r["item"], r["result"])
    page = render(rows)
    assert "retrieval only" in page and "Latency: not recorded" in page and "n/a" in page


def test_text_summaries():
    rows = make_rows()
    scores = [r["score"] for r in rows]
    assert "1/2 questions passed" in format_summary(summarize(scores))
    worse = [dict(s, found_rank=None, correct=False, passed=False) for s in scores]
    text = format_compare(compare(scores, worse))
    assert text.startswith("1 questions regressed") and "REGRESSED q-good: found_rank 1 -> not found" in text
