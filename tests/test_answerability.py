"""The answerability decision: answer-type signals, the fitted model, its weights file and the pipeline's use of it."""

import dataclasses
import json
from pathlib import Path

import pytest

from rag.answer.answer_kinds import (
    answer_next_to_terms,
    asked_in_article,
    asking_terms,
    given_figures,
    holds_answer_of_kind,
    question_focus,
    question_kind,
)
from rag.answer.answerability import (
    EVERY_TERM,
    FEATURES,
    AnswerabilityModel,
    load_model,
    model_from_json,
    signals,
    split_of,
)
from rag.answer.citations import content_terms
from rag.answer.issue_names import issue_named
from rag.answer.pipeline import Pipeline, SourcesEvent
from rag.config import Settings
from rag.errors import InputError
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index
from rag.types import Hit

ROOT = Path(__file__).resolve().parent.parent


def _hit(text: str, n: int = 1, article_id: str = "a1") -> Hit:
    return Hit(rank=n, chunk_id=f"c{n}", score=1.0, text=text, issue="i", issue_title="Issue", date="2024-06-01",
               article="A", article_id=article_id, page=1, url="/article/i/a1")


@pytest.mark.parametrize("question, kind", [
    ("How many jobs is Black Country cutting?", "count"),
    ("how much ransom did the hackers demand?", "sum"),
    ("What is Michael van Hemert paid?", "money"),
    ("What percentage of bank staff were harassed?", "share"),
    ("When is TUC Congress 2026?", "date"),
    ("Who chairs the inquiry?", "person"),
    ("Which NHS trust is cutting most jobs?", "org"),
    ("Which body regulates nurses?", "org"),
    ("Where is the conference held?", "place"),
    ("Which play did he work on last?", "name"),
    # "who" and "where" in a relative clause are not what the question asks for
    ("Will the state hand over cash to hackers who lock up hospital computers?", "other"),
    ("What should happen to anyone who wants a major reform?", "other"),
    ("To whom should I write?", "person"),
    ("What did the editor say about restructuring?", "other"),
    ("what did he say about money", "other"),  # what was said of money, not a sum (a follow-up was refused)
    # walk 29: refused for want of a sum, the one asked about named in four words
    ("what did the new health secretary say about NHS funding?", "other"),
    ("what did labour promise to spend", "sum"),
    ("How long did he spend as a GP?", "count"),  # a duration, though "spend" is a money word
    ("When should I contact my rep?", "other"),  # a circumstance, not a date
    ("When will the bill get royal assent?", "date"),
    # nor is "when" in a clause: a member asking what happens when something happens wants no date
    ("What happens to my pay when I go part time?", "other"),
    ("What rights do I have when my role is at risk?", "other"),
    ("and when was that?", "date"),
    ("Since when has the pay spine had this step?", "date"),
    # money words make a sum the answer only when one is asked for: not a yes/no question, nor a "why"
    ("Why was the 2024 NHS pay rise delayed?", "other"),
    ("Do managers in Band 8A get paid for overtime?", "other"),
    ("Would people from abroad get any severance money?", "other"),
    ("Is the turnout rate known?", "other"),
    ("What pay rise did Agenda for Change staff get?", "money"),
    ("When was that pay rise for very senior managers announced?", "date"),
    ("Who got the biggest pay rise?", "person"),
    # a kind named a few words after "which", a name asked for, a number to ring
    ("At which Edinburgh fringe venue is he performing?", "place"),
    ("Which regional NHS director said so?", "person"),
    ("What was the name of her last play?", "name"),
    ("What is the union's fax number?", "count"),
    # pay as an amount ("my redundancy pay": a second walk's "What would my redundancy pay be?" was answered with
    # "Staff caught by the rules would not qualify for redundancy pay ... deportation"), but not what happens to it
    ("What would my redundancy pay be?", "money"),
    ("How much is my sick pay?", "money"),
    ("What happens to my holiday pay if I leave?", "other"),
    ("What can I do about my pay?", "other"),
    # each money word with its plural or -ing form: "how much is the nhs spending on cyber security this year" asked
    # for a count, and "24-hour monitoring by the NHS Cyber Security Operations Centre" stood in for the sum
    ("how much is the nhs spending on cyber security this year", "sum"),
    ("How much are the charges for parking?", "money"),
    ("What deficits are ICBs forecasting?", "sum"),
    ("Why is spending rising?", "other"),
    # a pay rise in any of its words (rag.answer.terms.SAME_CHANGE): "what's the pay uplift for VSMs?" was "other"
    ("what's the pay uplift for VSMs?", "money"),
    ("what is the pay increase for band 8a?", "money"),
    ("how much was the agenda for change pay award this year?", "money"),  # walk 32: asked a count
    ("what's the latest pay offer?", "money"),
    ("Why was the pay uplift late?", "other"),
    # what a band, a post or an area pays: calibration's "what's the top of band 8c pay in 2026?" and "What is the
    # London weighting for NHS managers?" were asked no sum, so never checked for one (both unanswerable, both quoted)
    ("what's the top of band 8c pay in 2026?", "sum"),
    ("What is the London weighting for NHS managers?", "sum"),
    ("What is the on-call allowance for senior managers?", "sum"),
    ("what do band 7 managers earn?", "sum"),
    ("Why are pay bands being reformed?", "other"),
    # the plural asks the same (walk 28: "what are the NHS pension contribution rates?" and "what are the mileage rates
    # for NHS staff?" were asked no share, and quoted)
    ("what are the NHS pension contribution rates?", "share"),
    # a sum, not a rise: "What is the starting salary for Band 5 in 2026?" was quoted "a 3% pay rise"
    ("What is the starting salary for Band 5 in 2026?", "sum"),
    ("how much does mip membership cost", "sum"),
    # ... but how much a sum changed is answered by a percentage (walk 32: refused, "fallen by 13% in real terms")
    ("how much have chief executives' salaries fallen compared with band 9?", "money"),
    ("what pay rise are GPs getting this year?", "money"),
    # a time: "How much notice must my employer give me before I'm made redundant?" was quoted numbers of jobs
    ("How much notice must my employer give me before I'm made redundant?", "duration"),
    ("how much paternity leave can an nhs manager take", "duration"),
    ("how much annual leave do I get?", "duration"),
    ("how much office time does the policy require?", "count"),
    ("What proportions of managers work part time?", "share"),
])
def test_question_kind(question, kind):
    assert question_kind(question) == kind


def test_a_person_or_role_answers_who_and_a_body_answers_which_organisation():
    q = frozenset(content_terms("Who leads the review?"))
    assert holds_answer_of_kind("The review is led by the trust's chief executive.", "person", q)
    assert holds_answer_of_kind("Dr Patel leads the review.", "person", q)
    assert not holds_answer_of_kind("the review will report in the spring.", "person", q)
    q = frozenset(content_terms("Which body will run the review?"))
    assert holds_answer_of_kind("It will be run by the NMC.", "org", q)
    assert holds_answer_of_kind("it will be run by Healthcare Safety Investigation Branch Board.", "org", q)
    assert not holds_answer_of_kind("it will be run by a new body next year.", "org", q)


def test_a_sum_is_answered_by_money_not_by_a_percentage():
    q = frozenset(content_terms("What is the starting salary for Band 5?"))
    assert not holds_answer_of_kind("Band 5 pay is set to rise by 3%.", "sum", q)
    assert holds_answer_of_kind("Band 5 starts at £29,970.", "sum", q)
    assert holds_answer_of_kind("Band 5 pay is set to rise by 3%.", "money", q)


def test_a_time_asked_for_is_answered_by_a_time_not_by_any_number():
    q = frozenset(content_terms("How much notice must my employer give me before redundancy?"))
    assert not holds_answer_of_kind("The employer plans 544 redundancies.", "duration", q)
    assert holds_answer_of_kind("The employer must give 12 weeks' notice of redundancy.", "duration", q)


def test_a_number_the_question_already_gives_is_not_an_answer():
    q = frozenset(content_terms("What did the 3% award mean for senior managers?"))
    assert not holds_answer_of_kind("The 3% award is for senior managers.", "count", q)
    assert holds_answer_of_kind("The 3% award is for 9,000 senior managers.", "count", q)


def test_a_share_is_given_by_the_question_only_with_its_unit():
    # a walk's "what % of VSMs are paid less than the band 9 max" was refused: "9%" read as the "9" of "Band 9"
    q = "what % of VSMs are paid less than the band 9 max"
    terms, figures = frozenset(content_terms(q)), given_figures(q)
    sentence = "NHS England figures show that 9% of VSMs were paid less than the AfC Band 9 maximum in 2023-24."
    assert holds_answer_of_kind(sentence, "share", terms, figures)
    assert answer_next_to_terms(sentence, "share", terms, focus=frozenset(), figures=figures)
    assert signals(q, [_hit(sentence)], [[0.7]], best_dense=0.7, best_lexical=5.0, df={}, n_docs=100)["slot"] > 0.5
    given = "did 9% of VSMs earn less than the band 9 maximum?"
    assert given_figures(given) == {"9%"} and given_figures("a £2,500 grant") == {"£2500"}
    stated = "9% of VSMs were paid less than the AfC Band 9 maximum."
    assert not holds_answer_of_kind(stated, "share", frozenset(content_terms(given)), given_figures(given))


def test_the_answer_must_sit_next_to_what_is_counted():
    q = "How many jobs will Black Country cut?"
    terms, focus = frozenset(content_terms(q)), question_focus(q)
    assert focus == frozenset(content_terms("jobs")) == question_focus("How many more jobs will go?")
    assert answer_next_to_terms("Black Country ICS plans to shed 544 substantive jobs.", "count", terms, focus=focus)
    far = "Black Country, one of 42 systems set up in the reforms of the last decade, will shed jobs."
    assert not answer_next_to_terms(far, "count", terms, focus=focus)


def test_the_amounts_own_word_is_not_what_is_counted():
    """"how much maternity pay do nhs managers get" was answered with the board-level "3% pay rise": the 3% sat next
    to "pay", the amount's own word, where the question counts maternity pay."""
    q = "how much maternity pay do nhs managers get"
    terms, focus = frozenset(content_terms(q)), question_focus(q)
    assert focus == frozenset(content_terms("maternity"))
    assert not answer_next_to_terms("Board-level managers in England are set for a 3% pay rise for 2026-27.", "money",
                                    terms, focus=focus)
    assert answer_next_to_terms("Maternity pay is 90% of earnings for six weeks.", "money", terms, focus=focus)
    assert question_focus("how much money is there") == frozenset()  # the amount alone: every term counts


def test_what_is_measured_after_is_the_is_the_phrases_last_word():
    """"how much is the VSM pay rise this year?" opened on "9% of VSMs were paid less ...": "is" ended the focus, so a
    figure next to any of the question's words answered it (a batch of member questions, session 26)."""
    q = "how much is the VSM pay rise this year?"
    terms, focus = frozenset(content_terms(q)), question_focus(q)
    assert focus == frozenset(content_terms("rise")) == question_focus("how much was the pay increase?")
    assert answer_next_to_terms("Board-level managers are set for a 3% pay rise for 2026-27.", "money", terms,
                                focus=focus)
    assert not answer_next_to_terms("NHS England figures show that 9% of VSMs were paid less than the Band 9 maximum "
                                    "in 2023-24, a figure likely to have risen since.", "money", terms, focus=focus)
    assert question_focus("how much is the pay for board-level managers?") == frozenset()  # the amount itself


def test_a_name_the_archive_spells_out_is_one_word_of_what_is_measured():
    """Walk 32: "how much was the agenda for change pay award this year?" was refused: "for" ended what it measures
    at "agenda", and the 3.3% of "... below the 3.3% paid to NHS staff on Agenda for Change" stands six words from it.
    What the archive's acronyms stand for (AfC: "Agenda for Change") reads as one word; the award is measured."""
    q = "how much was the agenda for change pay award this year?"
    assert question_focus(q) == frozenset(content_terms("agenda"))  # without the names
    focus = question_focus(q, names=("Agenda for Change", "Managers in Partnership", "very senior managers"))
    assert focus == frozenset(content_terms("award"))
    sentence = "The 3% award is higher than the 2.5% ministers called affordable but below the 3.3% paid to NHS staff."
    assert answer_next_to_terms(sentence, "money", frozenset(content_terms(q)), focus=focus)
    assert question_focus("how much is the pay rise for managers in partnership reps?",
                          names=("Managers in Partnership",)) == frozenset(content_terms("rise"))  # as before


def test_signals_tell_a_stated_figure_from_a_missing_one():
    df, n = {}, 100
    answered = signals("How many jobs will Black Country cut?",
                       [_hit("Black Country ICS has submitted plans to shed 544 substantive jobs.")], [[0.7]],
                       best_dense=0.7, best_lexical=5.0, df=df, n_docs=n)
    missing = signals("How many jobs will Black Country cut?",
                      [_hit("Black Country ICS is planning job cuts as the squeeze on finances bites.")], [[0.7]],
                      best_dense=0.7, best_lexical=5.0, df=df, n_docs=n)
    assert set(answered) == set(FEATURES)
    assert answered["slot"] > 0.5 and missing["slot"] == 0.0
    assert missing["coverage"] > 0.5  # the topic is there: only the figure is missing


def test_how_many_and_how_much_ask_and_are_no_term_a_sentence_must_hold():
    """A walk's "How many jobs are NHS trusts planning to cut?" was refused: no sentence says "many"."""
    got = signals("How many jobs are NHS trusts planning to cut?",
                  [_hit("Research suggests NHS trusts are planning to cut at least 21,000 jobs by 2028.")], [[0.7]],
                  best_dense=0.7, best_lexical=5.0, df={}, n_docs=100)
    assert got["coverage"] >= EVERY_TERM and got["slot"] >= EVERY_TERM


def test_the_light_verb_go_is_no_term_a_sentence_must_hold():
    """A walk's "how many jobs are going at nhs england?" was refused: "jobs ... are 'going under the radar'" held every
    term with no count beside them, while "20,000 jobs in NHS England" lacked "going"."""
    hits = [_hit("Plans to cut jobs at NHS England are going under the radar, MiP has warned.", 1),
            _hit("At least 20,000 jobs in NHS England are expected to disappear.", 2)]
    for question in ("how many jobs are going at nhs england?", "How many jobs will go at NHS England?"):
        got = signals(question, hits, [[0.6], [0.6]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)
        assert got["slot"] >= got["coverage"] >= EVERY_TERM, question


def _model(embedder: str = HashEmbedder.name, threshold: float = 0.5) -> AnswerabilityModel:
    # P >= 0.5 exactly when a sentence with an answer of the asked type covers 30% of the question's terms
    return AnswerabilityModel(features=("slot",), mean=(0.0,), scale=(1.0,), weights=(20.0,), bias=-6.0,
                              threshold=threshold, embedder=embedder)


def test_model_probability_and_json_round_trip(tmp_path):
    m = _model()
    assert m.probability({"slot": 1.0}) > 0.99 and m.probability({"slot": 0.0}) < 0.01
    assert m.answerable({"slot": 0.4}) and not m.answerable({"slot": 0.2})
    path = tmp_path / "w.json"
    path.write_text(json.dumps(m.to_json()))
    assert load_model(path) == m
    assert load_model(tmp_path / "absent.json") is None
    with pytest.raises(ValueError):
        model_from_json({**m.to_json(), "features": ["no such signal"]})


@pytest.mark.parametrize("content", [b"root:x:0:0:root:/root:/bin/bash\n", b"[1, 2]", b"\xff\xfe{", b'{"features": 3}'])
def test_a_file_that_is_no_weights_file_is_refused_saying_what_to_give(tmp_path, content):
    path = tmp_path / "passwd"
    path.write_bytes(content)
    with pytest.raises(InputError, match="is not a refusal weights file.*unset RAG_ANSWERABILITY_FILE"):
        load_model(path)


@pytest.mark.parametrize("embedder,name", [
    ("gemma+minilm", "google/embeddinggemma-300m+sentence-transformers/all-MiniLM-L6-v2"),
    ("minilm", "sentence-transformers/all-MiniLM-L6-v2")])
def test_weights_are_shipped_for_the_default_and_the_bundled_embedder(embedder, name):
    m = load_model(Settings(embedder=embedder).answerability_path)
    assert m is not None and m.embedder == name
    assert set(m.features) <= set(FEATURES) and 0.0 < m.threshold < 1.0


def test_split_is_fixed_and_about_half():
    ids = [f"q{i:03d}" for i in range(1, 211)]
    assert [split_of(i) for i in ids] == [split_of(i) for i in ids]
    assert 0.4 < sum(split_of(i) == "heldout" for i in ids) / len(ids) < 0.6


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    return build_index(tmp_path_factory.mktemp("idx"))


def _pipeline(idx, llm=None, model=None, **settings):
    s = Settings(**{"condense_with_llm": False, "answer_check": False, "min_relevance": 0.0, **settings})
    return Pipeline(settings=s, index=idx, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()),
                    answerability_model=model or _model())


@pytest.mark.parametrize("llm", [None, ScriptedLLM(["never used"])], ids=["extractive", "llm"])
def test_near_topic_question_is_refused_with_further_reading_and_no_citations(idx, llm):
    # Chris Withers is in the archive; his date of birth is not.
    events = list(_pipeline(idx, llm).stream("When was Chris Withers born?"))
    sources, answer = events[0], events[-1].answer
    assert isinstance(sources, SourcesEvent) and sources.refused and 0 < len(sources.hits) <= 3
    assert answer.refused and answer.citations == () and "archive" in answer.answer.lower()
    assert llm is None or llm.calls == []


def test_answerable_question_still_gets_a_cited_answer(idx):
    answer = _pipeline(idx).answer("How soon must employers respond to a flexible working request?")
    assert not answer.refused and "two months" in answer.answer and answer.citations


def test_weights_fitted_for_another_embedder_are_not_applied(idx):
    pipeline = _pipeline(idx, model=_model(embedder="some-other-embedder"))
    assert pipeline.answerability_model is None
    assert not pipeline.answer("When was Chris Withers born?").refused


def test_the_decision_can_be_switched_off(idx):
    assert not _pipeline(idx, answerability=False).answer("When was Chris Withers born?").refused


def test_eval_summaries_report_each_half():
    from rag.evals.scoring import score_question, summarize

    items = [{"id": f"q{i:03d}", "question": "?", "type": "unanswerable", "must_include": [], "evidence": [],
              "source": "x.txt"} for i in range(1, 21)]
    scored = [score_question(item, {"answer": "The archive does not cover this.", "refused": i % 2 == 0,
                                    "hits": [], "citations": []}) for i, item in enumerate(items)]
    summary = summarize(scored)
    halves = summary["by_split"]
    assert set(halves) == {"calibration", "heldout"}
    assert sum(h["n"] for h in halves.values()) == 20
    for half, block in halves.items():
        mine = [s for s in scored if split_of(s["id"]) == half]
        assert block["unanswerable_refused_rate"] == pytest.approx(sum(s["refused"] for s in mine) / len(mine))
    assert summary["by_split_type"]["heldout/unanswerable"]["n"] == halves["heldout"]["n"]


def test_a_model_that_declines_what_the_decision_found_answerable_gives_way_to_quotes(idx):
    from rag.answer.citations import NOT_IN_ARCHIVE

    question = "How soon must employers respond to a flexible working request?"
    answer = _pipeline(idx, ScriptedLLM([NOT_IN_ARCHIVE])).answer(question)
    assert not answer.refused and answer.llm == "extractive" and "two months" in answer.answer and answer.citations
    assert "did not answer this one" in answer.notice and "check whether they answer it" in answer.notice
    # without the fitted decision (switched off) the model's own refusal is all there is, and it stands
    assert _pipeline(idx, ScriptedLLM([NOT_IN_ARCHIVE]), answerability=False).answer(question).refused


def test_a_question_off_the_archives_topics_is_refused_with_no_further_reading(idx):
    # a member's walk: "What's the weather in Paris?" was offered three unrelated articles as further reading
    events = list(_pipeline(idx, min_relevance=0.99).stream("How soon must employers respond to a request?"))
    sources, answer = events[0], events[-1].answer
    assert isinstance(sources, SourcesEvent) and sources.refused and sources.hits == ()
    assert answer.refused and answer.citations == ()


def test_a_question_asking_for_no_checkable_kind_of_answer_is_not_put_to_the_model(idx):
    # The browser walk: "How can managers support autistic colleagues?" was refused although every top passage
    # was the autism article; on the dev set the model refused no unanswerable question of this kind.
    never = _model(threshold=1.01)  # refuses whatever it is asked
    how = _pipeline(idx, model=never).answer("How can employers respond to a flexible working request?")
    when = _pipeline(idx, model=never).answer("When must employers respond to a flexible working request?")
    assert not how.refused and how.citations
    assert when.refused


def test_a_sentence_with_every_term_and_the_answer_beside_them_is_never_refused():
    """The fitted weights set coverage against the answer's slot; past the dev set's range they can cancel ("Who is
    the health secretary?" was refused with both at 1.0). A sentence holding every term and the answer answers."""
    model = AnswerabilityModel(features=("coverage", "slot"), mean=(0.5, 0.3), scale=(0.25, 0.3),
                               weights=(-3.6, 2.4), bias=0.8, threshold=0.56, embedder="x")
    full = {"coverage": 1.0, "slot": 1.0}
    assert model.probability(full) < model.threshold  # the regression alone refuses it
    assert model.answerable(full)
    assert not model.answerable({"coverage": 1.0, "slot": 0.5})  # every term, but no answer of the kind beside them
    assert not model.answerable({"coverage": 0.9, "slot": 0.9})  # a term missing: the regression decides (P 0.46)



def test_a_list_is_read_with_its_lead_in_for_the_answer_slot():
    """Since list items keep their own lines, "Your employer must:" / "respond within two months" stood apart and
    "How long does an employer have to respond to a flexible working request?" was refused (P 0.53)."""
    text = ("You can make a flexible working request in writing.\n\nYour employer must:\n\n"
            "deal with your request in a reasonable manner\n\nrespond within two months unless both agree longer\n\n"
            "The ACAS Code of Practice says employers should arrange a meeting.")
    got = signals("How long does an employer have to respond to a flexible working request?", [_hit(text)],
                  [[0.5] * 5], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)
    assert got["slot"] > 0.45  # "employer", "respond", "request" beside "two months" (0.17 item by item)


def test_a_verb_in_another_form_still_covers_the_question():
    """"How many jobs are NHS trusts cutting?" was refused (P 0.28, a walk): "cutting" was stemmed "cutt", so the
    sentence saying trusts "cut at least 21,000 jobs" lacked one of its terms, with the figure right beside them."""
    got = signals("How many jobs are NHS trusts cutting according to UNISON?",
                  [_hit("Research published by UNISON suggests NHS trusts are planning to cut at least 21,000 jobs "
                        "by 2028.")], [[0.8]], best_dense=0.8, best_lexical=5.0, df={}, n_docs=100)
    assert got["coverage"] > 0.8 and got["slot"] > 0.8  # every term but "many" (0.67 with "cutt")


def test_a_name_the_model_gives_must_be_in_the_passage_it_cites(idx):
    """A walk: "who won the 2024 general election?" got "Dr Phil Hammond won the 2024 general election [1]", [1] a
    calendar naming no Hammond (he was in another passage): the year and "general election" carried the claim."""
    question = "Who chairs MiP?"
    right = _pipeline(idx, ScriptedLLM(["MiP chair Geoff Underwood chairs MiP [1]."])).answer(question)
    assert right.llm != "extractive" and "Geoff Underwood" in right.answer and right.citations
    assert "Underwood" in right.citations[0].text
    wrong = _pipeline(idx, ScriptedLLM(["Chris Withers chairs MiP [1]."])).answer(question)
    assert "Chris Withers chairs" not in wrong.answer
    assert wrong.llm == "extractive" and "not backed by the sources" in wrong.notice
    # where the answer is no name, a claim saying who said it is held to its names all the same (claim_support
    # .attributes: a walk's follow-up gave Jon Restell's words to another), other claims to the word overlap
    what = _pipeline(idx, ScriptedLLM(["Chris Withers says MiP needs reform [1]."])).answer(
        "What does MiP's chair say?")
    assert "Chris Withers says" not in what.answer
    # (and one opening on a name the question does not give, when the passage's sentence names the question's own:
    # claim_support.subject_swapped)
    what = _pipeline(idx, ScriptedLLM(["Chris Withers and MiP need reform [1]."])).answer("What does MiP's chair say?")
    assert "Chris Withers and MiP need reform" not in what.answer
    what = _pipeline(idx, ScriptedLLM(["The NHS needs to reform itself, as Chris Withers knows [1]."])).answer(
        "What does MiP's chair say?")
    assert "as Chris Withers knows" in what.answer


def test_a_yes_that_only_restates_the_question_is_not_shown_as_backed(idx):
    """A walk: "did MiP welcome the new NHS bill?" got "Yes, MiP welcomed the new NHS bill [1]" with a citation."""
    question = "Did the review body turn down the pay rise for very senior managers?"
    made_up = _pipeline(idx, ScriptedLLM(["Yes, the review body turned down the pay rise for very senior managers "
                                          "[1]."])).answer(question)
    assert "turned down" not in made_up.answer
    said = _pipeline(idx, ScriptedLLM(["No: very senior managers in NHS trusts will receive a 3% pay rise for 2026/27, "
                                       "following a recommendation by the review body [1]."])).answer(question)
    assert "3% pay rise" in said.answer and said.llm != "extractive" and said.citations


def test_a_share_in_words_sits_next_to_the_terms_as_a_figure_does():
    # "per cent" has no content terms of its own: an answer, as holds_answer_of_kind reads it (a walk's question on
    # the London Ambulance Service's time was refused with "Twenty per cent of our time ..." in the top passage)
    terms = frozenset(content_terms("What share of the service's time is spent with emergency partners?"))
    assert answer_next_to_terms("Twenty per cent of our time is working with emergency partners.", "share", terms)
    assert not answer_next_to_terms("Our time is spent working with emergency partners.", "share", terms)


def test_when_did_he_say_that_after_an_answer_is_dated_not_refused(idx):
    """A walk: "when did he say that?" after Sir Jim Mackey's cyber warning was refused (the date sat in the sentence
    before). What the archive just quoted, it reported in an issue of known date: that date answers, at least."""
    said = "Chris Withers says unions should speak louder for managers [1]."
    answer = _pipeline(idx).answer("when did he say that?", history=[("What does Chris Withers say?", said)])
    assert not answer.refused and answer.citations
    issue = answer.citations[0]
    assert answer.answer.startswith(f"Reported in {issue_named(issue.issue_title, issue.date)}: ")
    # ... but not after a refusal, nor when the question stands alone: the fitted decision still refuses those
    refused = _pipeline(idx).answer("when did he say that?", history=[("What does Chris Withers say?",
                                                                        "The archive does not cover this.")])
    assert refused.refused
    assert _pipeline(idx).answer("When did Chris Withers say that?").refused
    # ... nor when the follow-up asks something new: the issue's date is no answer to "when was he born?"
    assert _pipeline(idx).answer("when was he born?", history=[("What does Chris Withers say?", said)]).refused


def test_a_question_of_two_parts_is_answered_when_one_part_is(idx):
    """A walk: "Is NHS England being abolished and how many jobs are going?" was refused whole, though each part is
    answered alone. (Chris Withers's birthday is not in the archive; what he does is.)"""
    assert _pipeline(idx).answer("When was Chris Withers born?").refused
    answer = _pipeline(idx).answer("When was Chris Withers born, and what does he do at work?")
    assert not answer.refused and answer.citations


@pytest.mark.parametrize("question,parts", [
    ("Is NHS England being abolished and how many jobs are going?",
     ["Is NHS England being abolished", "how many jobs are going?"]),
    ("How do I get hold of MiP? What's their phone number?",
     ["How do I get hold of MiP?", "What's their phone number?"]),
    ("What pay rise are board-level managers getting, and when did the government accept it?",
     ["What pay rise are board-level managers getting", "when did the government accept it?"]),
    ("What are pay and conditions like?", []),  # "and" joins two things asked about, not two questions
    ("Who and why?", []),  # parts too short to ask anything alone
])
def test_question_parts(question, parts):
    from rag.answer.answer_kinds import question_parts

    assert question_parts(question) == [question, *parts]


def test_an_acronym_and_the_words_it_stands_for_cover_each_other():
    """"what is the pay rise for VSMs?" was refused (P 0.02): the sentence stating the 3% says "very senior managers",
    so no sentence held "VSMs" with the answer beside it. The archive's "very senior managers (VSMs)" makes them one."""
    from rag.answer.acronyms import aliases, spelled_out

    text = ("The government accepted the SSRB's advice on very senior managers (VSMs) late.\n\n"
            "Very senior managers will get a 3% pay rise for 2026-27.")
    known = aliases(spelled_out([text]))
    for question in ("what is the pay rise for VSMs?", "what is the pay rise for very senior managers?"):
        got = signals(question, [_hit(text)], [[0.5, 0.5]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100,
                      aliases=known)
        assert got["coverage"] == pytest.approx(1.0) and got["slot"] == pytest.approx(1.0), question
    alone = signals("what is the pay rise for VSMs?", [_hit(text)], [[0.5, 0.5]], best_dense=0.6, best_lexical=5.0,
                    df={}, n_docs=100)
    assert alone["slot"] < 1.0  # without the archive's own spelling out, the 3% is not beside "VSMs"
    assert known["vsm"] == frozenset({"senior", "manager"}) and "ssrb" not in known  # not spelt out in this text


def test_a_sentence_is_read_with_its_articles_headline_for_the_answer_slot():
    """"what is the pay rise for agenda for change staff" was refused: the sentence stating 3.3% says "paid to NHS
    staff on Agenda for Change", and "pay rise" is in its article's headline."""
    from dataclasses import replace

    text = "The 3% award is below the 3.3% paid to NHS staff on Agenda for Change."
    question = "what is the pay rise for agenda for change staff"
    under = replace(_hit(text), article="Board-level NHS managers get 3% pay rise")
    got = signals(question, [under], [[0.5]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)
    assert got["slot"] == pytest.approx(1.0)
    elsewhere = replace(_hit(text), article="Managers' morale")
    # "paid" is "pay" (an irregular form read as its verb), but "rise" is only in the headline
    assert signals(question, [elsewhere], [[0.5]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)["slot"] < 1.0


def test_a_word_whose_stem_is_a_stopword_is_no_term():
    """"what pay rise are vsms getting" was refused: "getting" was stemmed to "get", a stopword no passage's terms
    hold, so the best sentence missed a rare-looking term."""
    assert "get" not in content_terms("what pay rise are vsms getting")
    assert content_terms("pay rise") == content_terms("getting a pay rise")


def test_words_for_a_rise_or_a_cut_are_one_term_each():
    """"how much is the VSM pay increase" (and "... uplift") was refused: its answer says "a 3% pay rise"; and
    "rises" / "rising" were stemmed apart from "rise" (a batch of member questions, session 26)."""
    rise = set(content_terms("pay rise"))
    for said in ("pay increase", "pay increases", "a pay uplift", "pay rises", "rising pay", "increased pay"):
        assert set(content_terms(said)) == rise, said
    assert set(content_terms("job cuts")) == set(content_terms("reductions in jobs")) == set(
        content_terms("jobs reduced"))
    assert set(content_terms("pay cut")) != rise  # the two directions stay apart
    assert "raise" in content_terms("raise a grievance")  # "raise" has another everyday meaning here
    text = "Board-level managers in England are set for a 3% pay rise for 2026-27."
    got = signals("how much is the pay increase for board-level managers", [_hit(text)], [[0.5]], best_dense=0.6,
                  best_lexical=5.0, df={}, n_docs=100)
    assert got["slot"] == pytest.approx(1.0)


@pytest.fixture(scope="module")
def contact_idx(tmp_path_factory):
    from rag.types import Article, Issue, Paragraph
    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "hm68.txt",
                  number=68)
    paras = {"Masthead": "Managers in Partnership (MiP) is the union for health and care managers. Reach it on "
                         "020 3437 1473 or at info@miphealth.org.uk.",
             "Pay news": "Board-level managers get a 3% pay rise for 2026-27, the government said."}
    return build_index(tmp_path_factory.mktemp("cidx"), corpus=[(issue, [
        Article(issue.issue_id, f"0{i}-{h.lower().replace(' ', '-')}", h, (Paragraph(t, 2),), 2)
        for i, (h, t) in enumerate(paras.items())])])


def test_a_contact_detail_of_the_kind_asked_beside_the_question_is_an_answer(contact_idx):
    """A walk's "whats the mip phone number" was refused (P 0.26): no passage says "phone" beside "020 3437 1473"."""
    never = _model(threshold=1.01)  # refuses whatever it is asked
    phone = _pipeline(contact_idx, model=never).answer("whats the mip phone number")
    assert not phone.refused and "020 3437 1473" in phone.answer
    assert not _pipeline(contact_idx, model=never).answer("who do i email at mip").refused
    assert _pipeline(contact_idx, model=never).answer("What is MiP's fax number?").refused  # no fax number printed
    assert _pipeline(contact_idx, model=never).answer("whats the nhs england phone number").refused  # MiP's only


class _MiniLMNamed(HashEmbedder):
    """The hash embedder under the name of the model whose scattered floor is measured."""
    name = "hash+sentence-transformers/all-MiniLM-L6-v2"


def test_a_question_asking_no_checkable_kind_is_refused_when_its_search_scatters_far_from_it(idx):
    """The dev set's "Can I join a salary sacrifice scheme for a bike?" and "Can my trust make me pay for staff car
    parking?" got quotes: a question of kind "other" passed on the cosine floor alone. Its top passages come from
    three articles and no sentence is near; an answerable one's sentence is near."""
    from rag.answer.refusal import SCATTERED_FLOORS
    assert SCATTERED_FLOORS[_MiniLMNamed.name.split("+")[-1]] == 0.45
    never = _model(embedder=_MiniLMNamed.name, threshold=1.01)  # the fitted model would refuse anything it is asked

    def ask(question):
        s = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
        return Pipeline(settings=s, index=idx, embedder=_MiniLMNamed(), llm=None, count_tokens=lambda t: len(t.split()),
                        answerability_model=never).answer(question)
    far = "Can the union help managers with pay?"  # its hashed cosines all far under 0.45, its passages scattered
    assert ask(far).refused
    # ... unless a sentence holds every term of it: walk 32's "how do I build my case?" ("... the evidence you need to
    # build a case"), scattered over two discrimination guides and a personal-brand article, was refused
    assert not ask("How can the NHS reform itself?").refused  # "... the NHS needs to reform itself"; cosines as low
    near = ask("Do employees have a statutory right to request flexible working from their first day?")
    assert not near.refused and near.citations
    # the floor is the measured model's: under another embedder's name the same question passes, as before
    assert not _pipeline(idx, model=_model(threshold=1.01)).answer(far).refused


def test_a_time_said_from_the_issues_date_answers_when():
    """Walk 29: "when the body is merged with the DHSC next year" was no date for "when ...?"."""
    q = frozenset(content_terms("when is NHS England being merged with the DHSC?"))
    assert holds_answer_of_kind("staff could be fired when the body is merged with the DHSC next year", "date", q)
    assert not holds_answer_of_kind("staff could be fired when the body is merged with the DHSC", "date", q)


def test_ones_is_no_term_a_passage_must_hold():
    """Walk 29: "how much are the board level ones getting?" (after a pay question) was refused: "ones" was the term
    "one", which no sentence on the board-level managers' 3% held beside the figure."""
    assert content_terms("how much are the board level ones getting?") == ["board", "level"]
    assert content_terms("one in five managers") == ["one", "5", "manager"]  # a number still counts


def test_how_often_and_asking_are_no_terms_a_passage_must_hold():
    """Walk 30: "how often can I ask for flexible working?" was refused (P 0.02) though the article says "Two requests
    can be made in any twelve-month period": no sentence says "often" (it asks, as "how many" does), nor "ask" (a light
    verb: the article says "request", as "go" was for "how many jobs are going?")."""
    sentence = "Two requests for flexible working can be made in any twelve-month period."
    got = signals("how often can I ask for flexible working?", [_hit(sentence)], [[0.6]], best_dense=0.6,
                  best_lexical=5.0, df={}, n_docs=100)
    assert got["coverage"] >= EVERY_TERM and got["missing_rare"] == 0.0


@pytest.mark.parametrize("question, asking", [
    ("how often can I ask for flexible working?", {"often"}),
    ("how many times a year can I ask for flexible working?", {"tim", "year"}),
    ("How frequently are pay bands reviewed?", {"frequently"}),
])
def test_a_frequency_is_asked_and_its_asking_phrase_is_no_term(question, asking):
    """Walk 30: "how many times a year can I ask for flexible working?" was refused: no sentence held "times" or
    "year" (the article says "Two requests can be made in any twelve-month period"), and "how often" took any number
    ("section 80F of the Employment Rights Act 1996") for its answer."""
    assert question_kind(question) == "frequency"
    assert asking <= asking_terms(question) - {"many", "much"}
    assert not asking & set(content_terms(asked_in_article(question)))
    assert asked_in_article("how many jobs are going at NHS England?") is None


def test_a_frequency_answers_how_often_and_a_bare_number_does_not():
    for sentence in ("Two requests can be made in any twelve-month period.", "Reviews are held every three years.",
                     "The festival is held annually.", "They meet twice a month.",
                     "Almost one in seven bank staff say they have been discriminated against."):
        assert holds_answer_of_kind(sentence, "frequency", frozenset()), sentence
    for sentence in ("under section 80F of the Employment Rights Act 1996", "Band 8a starts at £53,755."):
        assert not holds_answer_of_kind(sentence, "frequency", frozenset()), sentence
    headline = "Flexible and hybrid working: what are your rights?"
    question = "how many times a year can I ask for flexible working?"
    answer = Hit(rank=1, chunk_id="c1", score=1.0, text="Your request must be in writing. Two requests can be made in "
                 "any twelve-month period.", issue="i", issue_title="Issue", date="2026-06-01", article=headline,
                 article_id="fw", page=1, url="/a/fw")
    got = signals(question, [answer], [[0.5, 0.5]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)
    assert got["slot"] == 1.0  # with its headline, every term of the question beside a frequency
    law = dataclasses.replace(answer, text="You can request flexible working under section 80F of the 1996 Act.")
    got = signals(question, [law], [[0.5]], best_dense=0.6, best_lexical=5.0, df={}, n_docs=100)
    assert got["slot"] == 0.0


def test_a_pay_band_is_one_term_not_a_number():
    # walk 30: "8a" alone was refused, read as the number 8 (which "Band 8C", "8 weeks" and "£8m" hold too)
    assert content_terms("what's the top of band 8c pay?") == ["top", "band", "8c", "pay"]
    assert "8" not in content_terms("Bands 8A to 9")
    assert content_terms("3.3% for 2026-27, 10am") == ["3.3", "2026", "27", "10"]


def test_put_and_make_are_light_verbs_a_passage_need_not_hold():
    """Walk 33: "how many times can I put in a request?" was refused (P 0.10): "Two requests can be made in any
    twelve-month period" holds no "put"; the noun after the verb says what is asked, as for "go" and "ask"."""
    sentence = "Two requests can be made in any twelve-month period."
    got = signals("how many times can I put in a request?", [_hit(sentence)], [[0.6]], best_dense=0.6,
                  best_lexical=5.0, df={}, n_docs=100)
    assert got["coverage"] >= EVERY_TERM and got["slot"] >= EVERY_TERM
