"""'who said that?' answered from the article: the sentence naming whoever said what the last answer quoted."""

import pytest

from rag.answer import notices
from rag.answer.pipeline import DoneEvent, SourcesEvent
from rag.answer.speakers import asked_words, asks_who_said_that, narrated, speaker_of, who_said
from rag.testing import article_pipeline
from rag.types import Article, Chunk, Issue, Paragraph

RESTELL = ("Commenting on the award, MiP chief executive Jon Restell said: \u201cWe welcome the fact the SSRB did not "
           "accept the cap.")
POLICY = ("However, our long standing policy is that VSMs should get the same pay rise as their colleagues covered "
          "by Agenda for Change.\u201d")
NARRATION = "At least 20,000 jobs in NHS England are expected to disappear by the end of next year."


def test_who_said_that_is_asked_of_the_last_answer_only():
    for q in ("who said that", "Who said that?", "and who said this?", "who wrote that", "whose words are those?",
              "who was quoted saying that?", "who says so?"):
        assert asks_who_said_that(q), q
    for q in ("who said the cuts were reckless?", "who is the health secretary", "what did he say?",
              "who said that pay would rise by 3%?"):
        assert not asks_who_said_that(q), q


def test_a_quotation_running_on_is_given_to_whoever_opened_it():
    sentences = ["The SSRB report highlighted the decline.", RESTELL, POLICY]
    assert speaker_of(2, sentences) == 1
    assert speaker_of(1, sentences) == 1


def test_she_added_points_back_to_the_last_speaker_named():
    sentences = ["Health secretary Victoria Atkins said the bill would pass.", "It goes to the Lords next.",
                 "She added: \u201cWe will not waver.\u201d"]
    assert speaker_of(2, sentences) == 0


def test_a_quotation_closed_by_its_speaker_later_is_theirs():
    sentences = ["\u201cWe are worried about the cuts.", "They will hurt patients,\u201d said Jon Restell."]
    assert speaker_of(0, sentences) == 1


def test_the_articles_own_narration_names_no_speaker():
    sentences = ["The bill was published in March.", NARRATION]
    assert speaker_of(1, sentences) is None and narrated(1, sentences)
    assert not narrated(2, ["x", RESTELL, POLICY])  # inside a quotation: not the article's own words


def _chunk(cid, position, text):
    return Chunk(cid, "2026-summer", "Healthcare Manager issue 68", "2026-06-01", "a1", "VSMs get 3% pay rise", 4,
                 position, text)


def test_the_speaker_is_found_across_a_passage_boundary():
    chunks = [_chunk("c1", 0, f"The SSRB report highlighted the decline. {RESTELL}"), _chunk("c2", 1, POLICY)]
    said = who_said(f'"{POLICY[:-1]}" [1] "Another quote of twenty characters." [2]', chunks)
    assert said is not None and not said.own_words
    assert said.sentence == RESTELL and said.chunk.chunk_id == "c1"
    assert who_said("The archive does not cover this.", chunks) is None  # nothing quoted


def _corpus():
    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt",
                  number=68)
    paras = ["The review body report highlighted the long-term decline in senior manager pay across the NHS in "
             "England, with trust chief executives' salaries falling by 13% in real terms over five years.", RESTELL,
             POLICY, NARRATION]
    return [(issue, [Article(issue.issue_id, "01-vsm-pay", "VSMs get 3% pay rise",
                             tuple(Paragraph(p, 4) for p in paras), 4)])]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    return article_pipeline(tmp_path_factory.mktemp("idx"), _corpus())


def test_who_said_that_quotes_the_sentence_naming_the_speaker(pipeline):
    history = [("what pay rise are vsms getting", f'"{POLICY[:-1]}" [1]')]
    events = list(pipeline.stream("who said that?", history=history))
    sources, done = events[0], events[-1]
    assert isinstance(sources, SourcesEvent) and isinstance(done, DoneEvent)
    answer = done.answer
    assert not answer.refused and "Jon Restell said" in answer.answer and answer.answer.endswith("[1]")
    assert [c.chunk_id for c in answer.citations] == [sources.hits[0].chunk_id]
    assert "Jon Restell" in pipeline.index.chunk(answer.citations[0].chunk_id).text
    assert answer.standalone_question.startswith('Who said "However, our long standing policy')
    assert pipeline.llm.calls == []  # read from the article, not asked of the model


def test_who_said_the_articles_own_words_says_nobody_is_quoted(pipeline):
    answer = pipeline.answer("whose words are those?", history=[("how many jobs will go", f'"{NARRATION}" [1]')])
    assert not answer.refused and answer.notice == notices.OWN_WORDS
    assert "20,000 jobs" in answer.answer and len(answer.citations) == 1


def test_words_a_who_said_question_quotes():
    assert asked_words('who said "our long standing policy is that VSMs should get the same rise"?') == (
        "our long standing policy is that VSMs should get the same rise")
    assert asked_words("Who wrote: the data centres are all in the US") == "the data centres are all in the US"
    assert asked_words("who said that?") is None and asked_words("who is the health secretary?") is None


def test_who_said_words_of_the_archive_is_answered_without_a_conversation(pipeline):
    """A member pasting an article's words: the question holds every word of a sentence, which the fitted refusal
    weighs against it (P 0.0008 on the real index: refused); now read from the article."""
    answer = pipeline.answer('who said "our long standing policy is that VSMs should get the same pay rise"?')
    assert not answer.refused and "Jon Restell said" in answer.answer and len(answer.citations) == 1
    words_not_said = pipeline.answer("who said the review body wanted a 10% rise for everyone in the NHS?")
    assert "Jon Restell said" not in words_not_said.answer  # words no passage holds: searched as any question


def test_a_year_inside_the_quoted_words_gets_no_notice_of_its_own(tmp_path):
    """make serve's "who said that?" after a quote of "... in 2023-24 ..." was told "No issue in the archive is from
    2023": the year is the quote's, not one the member asked about."""
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import ScriptedLLM, build_index

    said = ("Figures show that 9% of VSMs were paid less than the Band 9 maximum in 2023-24, health secretary Wes "
            "Streeting warned.")
    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt",
                  number=68)
    idx = build_index(tmp_path, corpus=[(issue, [Article(issue.issue_id, "01-vsm", "VSMs get 3% pay rise",
                                                          (Paragraph(said, 4),), 4)])])
    pipe = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                    embedder=HashEmbedder(), llm=ScriptedLLM([]), count_tokens=lambda t: len(t.split()))
    answer = pipe.answer("who said that?", history=[("what about vsms pay?", f'"{said}" [1]')])
    assert not answer.refused and "Wes Streeting warned" in answer.answer
    assert answer.standalone_question.startswith('Who said "Figures show')  # answered from the article
    assert "2023" not in answer.notice, answer.notice
