"""A question asking what an acronym is gets searched with what the archive says it stands for
(rag.answer.acronyms)."""

from rag.answer.acronyms import expansions_corrected, spelled_out, with_expansion
from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import build_index

TEXTS = ["Managers in Partnership (MiP) is the union for managers.",
         "the government accepted the Senior Salaries Review Body (SSRB) report for very senior managers (VSMs).",
         "the four Commissioning Support Units (CSUs) remain", "a note (see below) and Pay (PAY)"]


def test_acronyms_are_read_where_an_article_spells_them_out():
    known = spelled_out(TEXTS)
    assert known["mip"] == "Managers in Partnership" and known["ssrb"] == "Senior Salaries Review Body"
    assert known["vsms"] == known["vsm"] == "very senior managers"  # a plural's "s" is no initial
    assert known["csus"] == "Commissioning Support Units"
    assert "see" not in known and "pay" not in known  # brackets that abbreviate nothing before them


def test_only_a_question_asking_what_it_is_gets_the_words():
    known = spelled_out(TEXTS)
    assert with_expansion("what is mip", known) == "what is mip (Managers in Partnership)"  # a walk's question
    # "stand for" is no word to search: "what does VSM stand for?" was first quoted "our long standing policy ..."
    assert with_expansion("What does the SSRB stand for?", known) == "what is SSRB (Senior Salaries Review Body)?"
    assert with_expansion("who are VSMs?", known) == "who are VSMs? (very senior managers)"
    assert with_expansion("what is mip doing about pay?", known) == "what is mip doing about pay?"
    assert with_expansion("what is an ICB?", known) == "what is an ICB?"  # never spelled out: as asked


def test_the_pipeline_searches_with_the_words_and_shows_them(tmp_path):
    from rag.types import Article, Issue, Paragraph

    issue = Issue("2026-summer", "Healthcare Manager issue 68", "2026-06-01", "summer 2026", "hm68.txt", number=68)
    articles = [Article(issue.issue_id, f"0{n}-a", f"Article {n}", (Paragraph(text, n),), n)
                for n, text in enumerate(["Managers in Partnership (MiP) is the union for health managers.",
                                          "MiP reps meet every week.", "MiP welcomed the pay award."], start=1)]
    idx = build_index(tmp_path, corpus=[(issue, articles)])
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=None,
                    count_tokens=lambda t: len(t.split()))
    answer = pipe.answer("what is mip?")
    assert answer.standalone_question == "what is mip? (Managers in Partnership)"  # shown as "Searched for"
    assert answer.answer.startswith('"Managers in Partnership (MiP) is the union')


def test_an_acronym_never_spelt_out_in_brackets_is_read_from_capitalised_words_elsewhere():
    """The archive says "ICBs" in one article and "Integrated Care Boards" in another, never "... (ICBs)"; "what is an
    icb" got quotes that never said what one is. Two-letter acronyms are not guessed ("AI" is no "Acts of Inclusion")."""
    texts = ["ICBs must cut their running costs by 30%.", "Jobs at Integrated Care Boards are expected to go.",
             "AI is moving fast.", "The Acts of Inclusion research."]
    known = spelled_out(texts)
    assert known["icb"] == known["icbs"] == "Integrated Care Boards"
    assert "ai" not in known
    assert with_expansion("what is an icb", known) == "what is an icb (Integrated Care Boards)"


def test_a_models_wrong_expansion_of_an_acronym_is_the_archives():
    """A walk was told "VSMs (voluntary service managers) will receive a 3% pay rise [1]": the archive's VSMs are very
    senior managers. An expansion the archive agrees with, or of an acronym it never spells out, stays."""
    known = spelled_out(TEXTS)
    assert expansions_corrected("VSMs (voluntary service managers) get 3% [1].", known) == (
        "VSMs (very senior managers) get 3% [1].")
    assert expansions_corrected("Voluntary service managers (VSMs) get 3% [1].", known) == (
        "Very senior managers (VSMs) get 3% [1].")
    for right in ("VSMs (very senior managers) get 3% [1].", "MiP (Managers in Partnership) said so [1].",
                  "The NHS (National Health Service) is big [1].", "It rose (by 3%) [1]."):
        assert expansions_corrected(right, known) == right


def test_the_pipeline_shows_the_archives_expansion_in_a_models_answer(tmp_path):
    from rag.testing import ScriptedLLM
    from rag.types import Article, Issue, Paragraph

    issue = Issue("2026-summer", "Healthcare Manager issue 68", "2026-06-01", "summer 2026", "hm68.txt", number=68)
    text = "Very senior managers (VSMs) will get a 3% pay rise for 2026-27, the government said."
    idx = build_index(tmp_path, corpus=[(issue, [Article(issue.issue_id, "01-a", "VSMs' pay", (Paragraph(text, 2),),
                                                         2)])])
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    llm = ScriptedLLM(["VSMs (voluntary service managers) will get a 3% pay rise for 2026-27 [1]."])
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=llm,
                    count_tokens=lambda t: len(t.split()))
    answer = pipe.answer("what pay rise will VSMs get?")
    assert "voluntary" not in answer.answer and answer.answer.startswith("VSMs (very senior managers) will get a 3%")


def test_what_an_acronym_stands_for_is_asked_in_these_words():
    """A session-25 batch's "what does VSM stand for?" was first quoted "our long standing policy is that VSMs ..."."""
    from rag.answer.acronyms import asked_to_spell

    known = {"vsm": "very senior managers", "vsms": "very senior managers", "afc": "Agenda for Change"}
    assert asked_to_spell("what does VSM stand for?", known) == ("VSM", "very senior managers")
    assert asked_to_spell("What does the AfC mean", known) == ("AfC", "Agenda for Change")
    assert asked_to_spell("what is afc short for?", known) == ("afc", "Agenda for Change")
    assert asked_to_spell("what's VSMs an acronym for?", known) == ("VSMs", "very senior managers")
    assert asked_to_spell("what does ICB stand for?", known) is None  # never spelled out
    assert asked_to_spell("what does VSM pay mean for me?", known) is None
    assert asked_to_spell("what is VSM?", known) is None  # what it is, searched with its words (with_expansion)


def test_the_sentence_spelling_it_out_comes_from_the_newest_issue_and_names_it_first():
    from rag.answer.acronyms import as_written, spelling_sentence
    from rag.types import Chunk

    def chunk(cid, date, text):
        return Chunk(cid, "i", "Issue", date, "a", "A", 1, 0, text)
    old = chunk("o", "2024-06-01", "Pay for very senior managers (VSMs) was frozen.")
    uses = chunk("u", "2026-06-01", "Pay for very senior managers rose. Other news.")
    new = chunk("n", "2026-06-01", "Our policy is that VSMs get the same. The SSRB covers very senior managers (VSMs).")
    assert spelling_sentence("VSM", "very senior managers", [old, uses, new]) == (
        new, "The SSRB covers very senior managers (VSMs).")
    assert spelling_sentence("VSM", "very senior managers", [uses]) == (uses, "Pay for very senior managers rose.")
    assert spelling_sentence("VSM", "very senior managers", [chunk("x", "2026-06-01", "VSMs only")]) is None
    assert as_written("mip", "Managers in Partnership (MiP) is a union") == "MiP"
    assert as_written("icb", "Integrated Care Boards will go") == "ICB"


def test_the_pipeline_answers_what_an_acronym_stands_for_with_the_sentence_saying_so(tmp_path):
    from rag.testing import article_pipeline, sample_corpus
    from rag.types import Article, Paragraph

    (new, articles), *rest = sample_corpus()
    pay = Article(new.issue_id, "09-afc", "Reforming NHS pay", (
        Paragraph("Our long standing policy is that AfC staff get the same rise.", 14),
        Paragraph("The NHS Agenda for Change (AfC) framework is one of the largest pay frameworks in Europe.", 14)), 14)
    pipeline = article_pipeline(tmp_path / "idx", [(new, [*articles, pay]), *rest])
    answer = pipeline.answer("what does afc stand for?")
    assert answer.answer.startswith('AfC stands for "Agenda for Change"'), answer.answer
    assert '"The NHS Agenda for Change (AfC) framework is one of the largest' in answer.answer
    assert [c.article for c in answer.citations] == ["Reforming NHS pay"] and pipeline.llm.calls == []
    assert not pipeline.answer("what does XYZ stand for?").answer.startswith("XYZ stands for")
