"""A request for the articles on a topic is answered with the articles, by headline and issue, each cited."""

import pytest

from rag.answer.article_list import articles, asked_topic, headlines_first
from rag.testing import article_pipeline, sample_corpus


@pytest.mark.parametrize("question, topic", [
    ("list all the articles about pay", "pay"), ("which articles mention autism", "autism"),
    ("what articles are there on flexible working?", "flexible working"),
    ("is there an article on the health bill?", "the health bill"), ("give me the articles on AI please", "AI"),
    ("are there any stories about cyber attacks", "cyber attacks"),
    ("how many articles mention wes streeting?", "wes streeting"), ("how many articles are about pay?", "pay")])
def test_requests_for_the_articles_on_a_topic(question, topic):
    assert asked_topic(question) == topic


@pytest.mark.parametrize("question", [
    "what did the article about pay say?", "which article says the pay rise is 3%?", "list the articles",
    "who wrote the article on the health bill?", "what is the pay rise?"])
def test_questions_on_what_articles_say_are_no_such_request(question):
    assert asked_topic(question) is None


def test_the_articles_are_listed_by_headline_and_issue_each_cited_to_its_passage(tmp_path):
    """"list all the articles about pay" was answered with three quoted sentences on pay, not the articles."""
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    answer = pipeline.answer("which articles are there about flexible working?")
    assert not answer.refused and pipeline.llm.calls == []
    assert answer.answer.startswith("Articles on flexible working in the archive")
    lines = answer.answer.split("\n\n")[1:]  # a paragraph each, as the chat shows them
    assert lines[0].startswith('"Flexible and hybrid working: what are your rights?", ') and lines[0].endswith("[1]")
    assert [c.n for c in answer.citations] == list(range(1, len(lines) + 1))
    assert len({(c.issue, c.article) for c in answer.citations}) == len(lines)  # each article once
    assert answer.citations[0].url.endswith(f"#p-{answer.citations[0].chunk_id}")


def test_articles_headlined_with_the_topic_come_first_however_far_down_their_passages_rank():
    """A walk's "which articles are there about pay?" listed a Welsh election story mentioning pay and left out
    "Board-level NHS managers get 3% pay rise", its passages ranked lower for the one word "pay"."""
    from dataclasses import replace

    from rag.testing import text_hit
    hits = [replace(text_hit("Without action on pay, the NHS will struggle.", "Plaid ministers vow to end long waits"),
                    article_id="plaid")]
    hits += [replace(text_hit(f"passage {i}", f"Other story {i}"), article_id=f"o{i}") for i in range(10)]
    hits += [replace(text_hit("Managers get 3%.", "Board-level NHS managers get 3% pay rise"), article_id="vsm")]
    listed = [h.article for h in articles(headlines_first("pay", hits, top=8))]
    assert listed[0] == "Board-level NHS managers get 3% pay rise" and listed[1].startswith("Plaid")
    assert "Other story 9" not in [h.article for h in headlines_first("pay", hits, top=8)]


def test_how_many_articles_counts_those_using_the_topics_words_and_lists_them(tmp_path):
    """A walk's "how many articles mention wes streeting?" got three quotes naming him and no count."""
    import re

    from rag.answer.article_list import articles_using, passage_terms
    pipeline = article_pipeline(tmp_path / "idx", sample_corpus())
    chunks = pipeline.index.chunks
    using = articles_using("flexible working", chunks, passage_terms(chunks))
    answer = pipeline.answer("how many articles are there about flexible working?")
    many = "1 article in the archive uses" if len(using) == 1 else f"{len(using)} articles in the archive use"
    assert using and answer.answer.startswith(f'{many} the words "flexible working"')
    listed = {(c.issue, c.article) for c in answer.citations}
    assert {(c.issue_id, c.headline) for c in using[:5]} <= listed  # each counted article can be listed
    assert re.search(r"\[1\]$", answer.answer.split("\n\n")[1])
