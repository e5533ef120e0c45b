"""The magazine's own pointer to advice on a member's case, added to answers about one (rag.answer.advice)."""

import dataclasses

import pytest

from rag.answer import advice
from rag.answer.pipeline import DoneEvent, Pipeline, SourcesEvent
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index, sample_corpus
from rag.types import Paragraph

NEW_LINE = "Members needing personal advice should contact MiP by emailing MemberAdvice@mip.example."
OLD_LINE = "Members needing advice should email old-advice@mip.example."


def corpus_with_advice_lines():
    """The sample archive, its legal articles ending with the magazine's advice line (2026 and an older 2024 one)."""
    (new, new_articles), (old, old_articles) = sample_corpus()

    def with_line(article, line):
        return dataclasses.replace(article, paragraphs=(*article.paragraphs, Paragraph(line, article.page)))

    new_articles = [with_line(a, NEW_LINE) if a.headline.startswith("Flexible") else a for a in new_articles]
    old_articles = [with_line(a, OLD_LINE) if a.headline.startswith("MiP general") else a for a in old_articles]
    return [(new, new_articles), (old, old_articles)]


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("idx"), corpus=corpus_with_advice_lines())


def make(idx, llm, **settings):
    s = Settings(**{"condense_with_llm": False, "answer_check": False, "min_relevance": 0.0, **settings})
    return Pipeline(settings=s, index=idx, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))


@pytest.mark.parametrize("question", [
    "My ICB is merging and my job is at risk. What should I do first?",
    "I'm stuck at the top of band 8b",
    "I need legal help with a tribunal claim. Who do I contact?",
    "what are my rights if my employer refuses my flexible working request",
    "Where can I get help?",
    "am i on the wrong pay band",
    # a walk's, typed without an apostrophe, about a pension (got quotes on band pay and no pointer to advice)
    "how much will my nhs pension be when i retire at 60, im band 8b",
    "whats my notice period",
    # a walk's, answered "This is legal according to the passage from issue 68 [1]" with no pointer
    "do i have to go into the office 3 days a week, is that legal",
    "how much maternity leave do i get",
    "would it be constructive dismissal if they cut my hours",
    # an attacker's: quotes on job losses, flexible working and deportation, and no pointer
    "Should I take voluntary redundancy from NHS England?",
    "Can I be sacked for being off sick?",
    "should i accept the 3% pay offer",
    "My colleague is autistic, can I fire them?",
    "can my manager make me work in the office 5 days",
    "will i lose my job in the merger",
])
def test_questions_about_the_members_own_case(question):
    assert advice.asks_about_own_case(question)


@pytest.mark.parametrize("question", [
    "What is MiP's phone number?",
    "Who is Chris Withers?",
    "how do i work out my personal brand as a leader?",
    "What pay rise are board-level managers getting?",
    "Was I mentioned in the magazine?",
    "is the imf involved",
    "what is the pension age for nhs staff",
    "can i ask to work flexibly",
    "After listing what matters to me, how many should I keep as my absolute essentials?",
])
def test_questions_about_others_or_the_news_are_not(question):
    assert not advice.asks_about_own_case(question)


def test_the_newest_issues_advice_line_is_chosen(idx):
    line = advice.advice_line(idx.chunks)
    assert line is not None and line.sentence == NEW_LINE and line.email == "MemberAdvice@mip.example"
    assert line.chunk.issue_id == "2026-summer"
    assert advice.advice_line([c for c in idx.chunks if c.issue_id == "2024-summer"]).email == "old-advice@mip.example"
    assert advice.advice_line([c for c in idx.chunks if "advice" not in c.text]) is None


def test_an_answer_to_what_should_i_do_leads_with_the_line_cited_to_its_passage(idx):
    # a walk's "I'm band 7 and my job is at risk, what should I do?" got career tips first and the pointer last
    llm = ScriptedLLM(["Employers must respond to a request within two months [1]."])
    events = list(make(idx, llm).stream("My employer ignored my flexible working request. What should I do?"))
    sources, done = events[0], events[-1]
    assert isinstance(sources, SourcesEvent) and isinstance(done, DoneEvent)
    answer = done.answer
    first = answer.answer.splitlines()[0]
    assert not answer.refused and first.startswith("For advice on your own situation")
    assert answer.answer.split("\n\n")[1] == "Employers must respond to a request within two months [1]."
    n = int(first.rsplit("[", 1)[1].rstrip("]"))
    cited = {c.n: c for c in answer.citations}
    assert cited[n].text == sources.hits[n - 1].text and NEW_LINE in cited[n].text  # its card is that passage
    assert cited[n].url.startswith("/article/2026-summer/") and cited[n].url.endswith(f"#p-{cited[n].chunk_id}")
    assert cited[n].chunk_id in {h.chunk_id for h in answer.hits}  # a source shown, not a citation of nothing
    from rag.evals.scoring import score_question
    scored = score_question({"id": "q1", "type": "advice", "evidence": ["two months"]}, answer.to_dict()
                            if hasattr(answer, "to_dict") else dataclasses.asdict(answer))
    assert scored["invalid_citations"] == 0


def test_an_answer_about_the_members_case_asking_no_what_to_do_ends_with_the_line(idx):
    answer = make(idx, ScriptedLLM(["Employers must respond to a request within two months [1]."])).answer(
        "what are my rights if my employer refuses my flexible working request")
    assert answer.answer.startswith("Employers must respond")
    assert answer.answer.splitlines()[-1].startswith("For advice on your own situation")


def test_the_line_is_not_added_to_news_or_where_the_answer_gives_the_address(idx):
    news = make(idx, ScriptedLLM(["Very senior managers will receive a 3% pay rise [1]."])).answer(
        "what pay rise do very senior managers get?")
    assert "For advice on your own situation" not in news.answer
    given = make(idx, ScriptedLLM(["Members can email MemberAdvice@mip.example [1]."])).answer(
        "Who do I contact for personal advice? My manager ignored my flexible working request.")
    assert "For advice on your own situation" not in given.answer


def test_a_refused_question_about_the_members_case_gets_the_line_as_its_notice(idx):
    llm = ScriptedLLM(["should never be used"])
    answer = make(idx, llm, min_relevance=0.99).answer("What would my redundancy pay be?")
    assert answer.refused and answer.citations == () and llm.calls == []
    assert NEW_LINE.rstrip(".") in answer.notice and "Flexible and hybrid working" in answer.notice


def test_a_refused_question_asking_whom_to_turn_to_is_answered_by_the_line(idx):
    """A walk's "who do i contact for help?" was refused, the advice address below it in small print: the magazine's
    line is the answer, cited, with its passage as the one source. A refused question about anything else keeps the
    line as its notice (above)."""
    llm = ScriptedLLM(["should never be used"])
    for question in ("who do i contact for help?", "who can i speak to for support?"):
        events = list(make(idx, llm, min_relevance=0.99).stream(question))
        sources, done = events[0], events[-1]
        assert isinstance(sources, SourcesEvent) and not sources.refused and len(sources.hits) == 1
        answer = done.answer
        assert not answer.refused and NEW_LINE.rstrip(".") in answer.answer and answer.answer.endswith("[1]")
        assert [c.n for c in answer.citations] == [1] and answer.citations[0].chunk_id == sources.hits[0].chunk_id
    assert llm.calls == []
    assert advice.asks_whom_to_turn_to("Who should I talk to about my grievance?")
    assert not advice.asks_whom_to_turn_to("who is the health secretary?")
    assert not advice.asks_whom_to_turn_to("what should i do?")
    assert not advice.asks_whom_to_turn_to("where can i find the pay scales?")


def test_the_line_is_cited_under_its_passages_number_even_where_that_passage_was_sent_cut(idx):
    """A walk: the line's passage, sent cut to its evidence without the line, was added again under a number of its
    own, and the member saw one passage as two sources ([3] and [5], their excerpts starting at different sentences).
    It keeps the number it was sent under and is shown whole (what the model saw is part of it)."""
    from rag.answer.retrieve import hit_of
    from rag.types import Answer

    line = advice.advice_line(idx.chunks)
    whole = hit_of(idx, line.chunk, "", rank=0, score=0.0)
    cut = dataclasses.replace(whole, rank=1, text=whole.text.split(NEW_LINE)[0].strip())  # the prompt's part of it

    def run(sent):
        done = Answer(question="q", answer="Employers must respond within two months [1].", refused=False,
                      citations=(), hits=(dataclasses.replace(whole, rank=1),), llm="fake")
        return list(advice.pointed([SourcesEvent(sent, "q", False), DoneEvent(done)], line, whole))

    sources, done = run((cut,))
    assert [h.text for h in sources.hits] == [whole.text]  # one card, the passage whole
    assert done.answer.answer.endswith("[1]") and [c.n for c in done.answer.citations] == [1]
    assert NEW_LINE in done.answer.citations[0].text
    sources, done = run((dataclasses.replace(whole, rank=1),))
    assert len(sources.hits) == 1 and done.answer.answer.endswith("[1]")  # sent whole: its own number
    other = dataclasses.replace(whole, rank=1, chunk_id="another", text="Employers must respond within two months.")
    sources, done = run((other,))
    assert [h.chunk_id for h in sources.hits] == ["another", whole.chunk_id] and done.answer.answer.endswith("[2]")


def test_the_models_citation_of_the_cut_passage_is_shown_whole_with_the_line(idx):
    from rag.answer.citations import citation_of
    from rag.answer.retrieve import hit_of
    from rag.types import Answer

    line = advice.advice_line(idx.chunks)
    whole = hit_of(idx, line.chunk, "", rank=0, score=0.0)
    cut = dataclasses.replace(whole, rank=1, text=whole.text.split(NEW_LINE)[0].strip())
    done = Answer(question="q", answer="Employers must respond within two months [1].", refused=False,
                  citations=(citation_of(1, cut, True),), hits=(cut,), llm="fake")
    _, finished = advice.pointed([SourcesEvent((cut,), "q", False), DoneEvent(done)], line, whole)
    (cited,) = finished.answer.citations
    assert cited.n == 1 and NEW_LINE in cited.text and cited.supported
    assert finished.answer.answer.endswith("[1]") and len(finished.answer.hits) == 1


def test_a_model_answer_does_not_judge_the_members_own_case():
    # a walk: "am i on the wrong pay band" -> "Yes, you are on the wrong pay band [1]."
    answer = ("Yes, you are on the wrong pay band [1]. Your pay band depends on your job evaluation score [1].\n\n"
              "You're not paid enough for your role [2]. You are entitled to request a re-evaluation [1].")
    kept = advice.without_verdicts(answer, "am i on the wrong pay band")
    assert kept == ("Your pay band depends on your job evaluation score [1].\n\n"
                    "You are entitled to request a re-evaluation [1].")
    assert advice.without_verdicts("No, you will be fine [1].", "will I lose my job?") == ""
    # a right the article states, and answers to questions not about the asker, stay
    assert advice.without_verdicts("Yes, you can request flexible working from day one [1].", "can I ask for it?") == (
        "Yes, you can request flexible working from day one [1].")
    assert advice.without_verdicts("Yes, you are right: VSMs got 3% [1].", "did VSMs get 3%?") == (
        "Yes, you are right: VSMs got 3% [1].")


def test_a_model_answer_does_not_rule_on_whether_what_happens_to_the_member_is_lawful():
    question = "do i have to go into the office 3 days a week, is that legal"
    answer = ("This is legal according to the passage from issue 68 [1]. A fixed number of office days is likely to "
              "put women at a disadvantage [1]. It is unlawful to refuse a request without a business reason [2].")
    assert advice.without_verdicts(answer, question) == (
        "A fixed number of office days is likely to put women at a disadvantage [1]. It is unlawful to refuse a "
        "request without a business reason [2].")  # the law an article states stays
    assert advice.without_verdicts("No, that's not allowed [1].", question) == ""
    assert advice.without_verdicts("This is legal [1].", "is the new rule legal") == "This is legal [1]."  # not me


def test_a_model_answer_does_not_tell_the_members_group_what_it_got():
    # a walk: "what pay rise did we get" -> "We got a 3% pay rise [1]." (board-level managers' award, said of "we")
    answer = "We got a 3% pay rise [1]. Board-level managers get a 3% rise for 2026-27 [1]."
    assert advice.without_verdicts(answer, "what pay rise did we get") == (
        "Board-level managers get a 3% rise for 2026-27 [1].")
    assert advice.without_verdicts("Our pay rise is 3% [1].", "what is our pay rise?") == ""
    # a question not asked as "we" keeps the magazine's own "we" (MiP speaking) for the other checks to weigh
    assert advice.without_verdicts("We are launching a campaign [1].", "what is MiP launching?") == (
        "We are launching a campaign [1].")


def test_the_pipeline_drops_the_verdict_and_keeps_what_the_article_says(tmp_path):
    pipe = Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0,
                                      answerability=False),
                    index=build_index(tmp_path), embedder=HashEmbedder(), count_tokens=lambda t: len(t.split()),
                    llm=ScriptedLLM(["No, you are refused for one of the eight business reasons an employer can "
                                     "give [1]. Employers must respond to a request within two months [1]."]))
    answer = pipe.answer("my employer refused my flexible working request, can they do that?")
    assert "you are refused" not in answer.answer and "within two months" in answer.answer


@pytest.mark.parametrize("question, asks", [
    ("I've been offered voluntary redundancy, should I take it?", True),  # session 25: the pointer came last
    ("should I accept the new contract?", True),
    ("do you think I should resign?", True),
    ("when should i contact my rep about discrimination? can it wait?", False),  # a dev-set question: when
    ("After listing what matters to me, how many should I keep as my absolute essentials?", False),
    ("what should the government do about pay?", False),
    # a session-26 batch: the choices open to the member (quotes on band 8A pay first, the pointer last)
    ("I'm a band 8b manager and my trust wants to cut my hours, what are my options?", True),
    ("what options do I have if my post is at risk?", True),
    ("what are the options for the NHS pay review?", False),
    # walk 31: what to expect in their own case (news quotes first, the pointer last)
    ("my trust is merging two directorates and my post might go, what should I expect?", True),
    ("what can I expect from the consultation?", True),
    ("what did the unions expect from the next government?", False),
])
def test_a_decision_asked_for_is_asking_what_to_do(question, asks):
    assert advice.asks_what_to_do(question) is asks


def test_the_advice_line_is_taken_from_the_issues_searched_first():
    """Walk 34: with summer 2024 searched, "what should I do if I'm treated differently because of my race?" cited
    issue 68's advice line above "Searched only Healthcare Manager summer 2024"."""
    from rag.answer.advice import advice_line
    from rag.types import Chunk

    def chunk(issue: str, date: str, text: str) -> Chunk:
        return Chunk(chunk_id=issue, issue_id=issue, issue_title=issue, date=date, article_id="a", headline="H",
                     page=1, position=0, text=text)
    old = chunk("2024-summer", "2024-06-01", "Members needing personal advice should email advice@mip.example.")
    new = chunk("2026-summer-68", "2026-06-01", "Members needing personal advice should email help@mip.example.")
    other = chunk("2025-spring", "2025-03-01", "Nothing of advice here.")
    assert advice_line([old, new]).chunk is new  # the newest, searching all
    assert advice_line([old, new], lambda c: c.issue_id == "2024-summer").chunk is old
    assert advice_line([old, new, other], lambda c: c.issue_id == "2025-spring").chunk is new  # none there: newest
