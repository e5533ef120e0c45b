"""'who wrote the editorial?' answered from the article's byline or sign-off, not from the masthead's contributors."""

import pytest

from rag.answer.bylines import about_last_answer, asked_article, byline_of
from rag.answer.pipeline import DoneEvent, SourcesEvent
from rag.testing import article_pipeline
from rag.types import Article, Chunk, Issue, Paragraph

SIGN_OFF = "See you on the other side! Craig Ryan, Editor c.ryan@miphealth.org.uk"
STANDFIRST = ("The government's Health Bill is finally in front of MPs. Rhys McKenzie sets out MiP's view that the "
              "bill is another costly distraction.")
NEWS = ("NHS England will cut 500 posts this year. The union has warned of the risk to services. MiP chief executive "
        "Jon Restell explains that members will be supported.")
MASTHEAD = "Contributors: Victoria English, Rhys McKenzie, Alison Moore, Jon Restell, Craig Ryan."


def _chunk(cid, position, text, article="a1"):
    return Chunk(cid, "2026-summer", "Healthcare Manager issue 68", "2026-06-01", article, "Editorial", 2, position,
                 text)


def test_who_wrote_questions_name_what_they_ask_about():
    assert asked_article("who wrote the editorial?") == "the editorial"
    assert asked_article("Who is the author of the piece on inclusion") == "the piece on inclusion"
    assert asked_article("who interviewed Jenny Owen?") == "Jenny Owen"
    assert asked_article("and who wrote that article?") == "that article" and about_last_answer("that article")
    for q in ("who is the health secretary?", "what did the editorial say?", "who said that?",
              "Who wrote Legal Eye in the two issues and what did they cover?"):
        assert asked_article(q) is None, q
    assert not about_last_answer("the editorial")


def test_a_sign_off_a_standfirst_and_an_interview_name_the_writer():
    assert byline_of([_chunk("c1", 0, "It has been a glum campaign."), _chunk("c2", 1, SIGN_OFF)]).name == "Craig Ryan"
    assert byline_of([_chunk("c1", 0, STANDFIRST)]).name == "Rhys McKenzie"
    interview = "Jenny Owen, a manager in the North West, talks to Craig Ryan about championing the underdog."
    assert byline_of([_chunk("c1", 0, interview)]).name == "Craig Ryan"
    writes = "Reflecting on our own assumptions is the first step, writes Ramima Khanam."
    assert byline_of([_chunk("c1", 0, writes)]).name == "Ramima Khanam"


def test_a_name_presenting_something_further_on_is_someone_in_the_story():
    """'Jon Restell explains ...' in a news story's third sentence is who is quoted, not who wrote it."""
    assert byline_of([_chunk("c1", 0, NEWS)]) is None
    assert byline_of([_chunk("c0", 0, "Cuts are coming."), _chunk("c1", 1, STANDFIRST)]) is None


def _corpus():
    new = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt",
                number=68)
    old = Issue("2024-summer", "Healthcare Manager summer 2024", "2024-06-01", "summer 2024", "hm24.txt")
    return [
        (new, [Article(new.issue_id, "01-editorial", "Editorial",
                       (Paragraph("Restructuring has been carelessly planned and carelessly carried out.", 3),
                        Paragraph(SIGN_OFF.replace("other side", "next issue"), 3)), 3),
               Article(new.issue_id, "02-bill", "Centralising, costly and distracting",
                       (Paragraph(STANDFIRST, 8), Paragraph("The bill abolishes NHS England.", 8)), 8),
               Article(new.issue_id, "03-cuts", "NHS England job cuts", (Paragraph(NEWS, 5),), 5),
               Article(new.issue_id, "04-masthead", "Masthead", (Paragraph(MASTHEAD, 2),), 2)]),
        (old, [Article(old.issue_id, "01-editorial", "Editorial",
                       (Paragraph("It has been a glum first three weeks to the election campaign.", 3),
                        Paragraph(SIGN_OFF, 3)), 3)]),
    ]


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    return article_pipeline(tmp_path_factory.mktemp("idx"), _corpus())


def test_who_wrote_the_editorial_quotes_each_issues_sign_off(pipeline):
    events = list(pipeline.stream("who wrote the editorial?"))
    sources, done = events[0], events[-1]
    assert isinstance(sources, SourcesEvent) and isinstance(done, DoneEvent)
    answer = done.answer
    assert not answer.refused and answer.answer.count("Craig Ryan, Editor") == 2
    assert "Contributors" not in answer.answer
    assert {c.issue for c in answer.citations} == {"2026-summer", "2024-summer"}
    assert all("Craig Ryan, Editor" in pipeline.index.chunk(c.chunk_id).text for c in answer.citations)
    assert pipeline.llm.calls == []  # read from the articles, not asked of the model
    assert 0 < answer.timings_ms["retrieve"] <= answer.timings_ms["total"]  # it searched for the articles


def test_a_year_named_picks_that_years_article(pipeline):
    answer = pipeline.answer("who wrote the editorial in the 2024 issue?")
    assert [c.issue for c in answer.citations] == ["2024-summer"] and "summer 2024" in answer.answer


def test_who_wrote_that_article_reads_the_article_the_last_answer_quoted(pipeline):
    history = [("what is wrong with the health bill?", '"The bill abolishes NHS England." [1]')]
    answer = pipeline.answer("who wrote that article?", history=history)
    assert answer.answer.startswith('From Healthcare Manager issue 68, summer 2026, "Centralising, costly')
    assert "Rhys McKenzie sets out" in answer.answer and len(answer.citations) == 1


def test_an_article_naming_no_writer_is_answered_as_any_question(pipeline):
    answer = pipeline.answer("who wrote the article on NHS England job cuts?")
    assert ', "NHS England job cuts":' not in answer.answer  # no byline answer: the story names no writer
    assert pipeline.llm.calls  # searched and put to the model as any question


def test_who_wrote_that_of_the_articles_own_words_names_its_writer(pipeline):
    """A walk's "who wrote that?" after a quote of the flexible-working guide's own words got "Nobody is quoted saying
    this"; the guide says "Jo Seery explains your legal rights". Someone's quoted words still go to who said them."""
    history = [("what is wrong with the health bill?", '"The bill abolishes NHS England." [1]')]
    answer = pipeline.answer("who wrote that?", history=history)
    assert "Rhys McKenzie sets out" in answer.answer and len(answer.citations) == 1, answer.answer
    said = '"Restructuring has been carelessly planned and carelessly carried out." [1]'
    nobody = [("what did the editorial say?", said)]
    answer = pipeline.answer("who wrote that?", history=nobody)  # the editorial's writer, from its sign-off
    assert "Craig Ryan, Editor" in answer.answer, answer.answer


def test_a_model_naming_the_interviewer_as_the_one_interviewed_loses_its_citation(tmp_path):
    """A walk's "who is the rep at chelsea and westminster?" got "Chelsea and Westminster's MiP rep is Craig Ryan [1]":
    the passage names Craig Ryan only as the one the rep "talks to"."""
    from rag.answer.bylines import named_only_as_interviewer
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import ScriptedLLM, build_index

    standfirst = ("Chelsea and Westminster's MiP rep talks to Craig Ryan about his unorthodox path into management. "
                  "He joined the trust in February.")
    assert named_only_as_interviewer("Chelsea and Westminster's MiP rep is Craig Ryan [1].", standfirst)
    assert not named_only_as_interviewer("Craig Ryan interviewed the rep [1].", standfirst)
    assert not named_only_as_interviewer("The NHS needs saving, says Craig Ryan [1].", SIGN_OFF)  # the writer's own
    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt",
                  number=68)
    idx = build_index(tmp_path, corpus=[(issue, [Article(issue.issue_id, "01-reps", "Meet your reps",
                                                          (Paragraph(standfirst, 24),), 24)])])
    llm = ScriptedLLM(["Chelsea and Westminster's MiP rep is Craig Ryan [1]."])
    pipe = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0,
                                      answerability=False),
                    index=idx, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))
    answer = pipe.answer("who is the rep at chelsea and westminster?")
    assert llm.calls and "rep is Craig Ryan" not in answer.answer, answer.answer


def test_who_said_that_of_the_articles_own_words_names_its_writer(pipeline):
    """A walk's "who said that?" after the flexible-working guide's own words got its list's lead-in, "Your employer
    must:", and "Nobody is quoted saying this"; the guide's standfirst names its writer."""
    from rag.answer import notices
    history = [("what is wrong with the health bill?", '"The bill abolishes NHS England." [1]')]
    answer = pipeline.answer("who said that?", history=history)
    assert "Rhys McKenzie sets out" in answer.answer and len(answer.citations) == 1, answer.answer
    assert answer.notice == notices.OWN_WORDS_BY


def test_who_wrote_that_article_reads_past_the_advice_line(pipeline):
    """A walk: "who wrote that article?" after an answer led by the advice line ("For advice on your own situation,
    the magazine says: ...") was given the writer of another article holding the same line."""
    history = [("what should I do first?", 'For advice on your own situation, the magazine says: "Craig Ryan, Editor '
                'c.ryan@miphealth.org.uk" [2]\n\n"The bill abolishes NHS England." [1]')]
    answer = pipeline.answer("who wrote that article?", history=history)
    assert "Rhys McKenzie sets out" in answer.answer, answer.answer
