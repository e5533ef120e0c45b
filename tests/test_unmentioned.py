"""The member's rare words that the cited passages never use are named under the answer (rag.answer.unmentioned)."""

from rag.answer import notices
from rag.answer.pipeline import Pipeline
from rag.answer.unmentioned import by_key, unmentioned, without_unheld_words
from rag.config import Settings
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index

PAY = "Board-level managers in England are set for a 3% pay rise for 2026-27, lower than most other NHS staff."
# passages of an archive holding each stemmed term: "maternity" once, "pay" and "managers" everywhere
ARCHIVE = by_key({"maternity": 1, "pay": 40, "manager": 60, "nhs": 90, "rat": 8, "year": 30, "right": 12})


def test_a_word_the_archive_hardly_uses_missing_from_the_sources_is_named():
    assert unmentioned("how much maternity pay do nhs managers get", [PAY], ARCHIVE) == ["maternity"]
    assert unmentioned("What is the mileage rate for managers?", [PAY], ARCHIVE) == ["mileage"]


def test_common_words_missing_from_one_passage_are_not_named():
    # "rates" is stemmed "rat", "rate" stays "rate": the same word either way, and common in the archive
    assert unmentioned("what rate do managers get?", [PAY], ARCHIVE) == []
    assert unmentioned("is the pay rise this year?", [PAY], ARCHIVE) == []  # "year": in many passages


def test_a_rare_word_the_sources_hold_is_not_named():
    assert unmentioned("what maternity rights are there?", ["Pregnancy and maternity are protected."], ARCHIVE) == []
    assert unmentioned("what did Jones's team find?", ["Jones explains what the team finds."], by_key({})) == []


def test_words_about_the_magazine_itself_are_not_named():
    assert unmentioned("did the magazine say anything about parking? who wrote the piece?", [PAY],
                        by_key({})) == ["parking"]


def test_at_most_three_are_named_in_the_order_asked():
    words = unmentioned("parking mileage lease bicycle sacrifice", [PAY], by_key({}))
    assert words == ["parking", "mileage", "lease"]


def test_the_notice_names_them():
    assert notices.unmentioned([]) == ""
    assert notices.unmentioned(["maternity"]) == (
        'None of the sources cited uses the word "maternity": check that they answer your question.')
    assert 'uses the words "retire", "full" or "pension"' in notices.unmentioned(["retire", "full", "pension"])


def test_the_pipeline_says_it_under_an_answer_and_not_under_a_refusal(tmp_path):
    idx = build_index(tmp_path)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)

    def asked(question: str, reply: str):
        pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(), llm=ScriptedLLM([reply]),
                        count_tokens=lambda t: len(t.split()))
        return pipe.answer(question)

    off_point = asked("What maternity pay rise do very senior managers get?",
                      "Very senior managers will receive a 3% pay rise for 2026/27 [1].")
    assert not off_point.refused and off_point.citations
    assert 'uses the word "maternity"' in off_point.notice
    on_point = asked("What pay rise do very senior managers get?",
                     "Very senior managers will receive a 3% pay rise for 2026/27 [1].")
    assert not on_point.refused and "None of the sources" not in on_point.notice


def test_a_model_sentence_using_a_word_no_passage_sent_holds_is_dropped():
    answer = "The mileage rate for NHS managers is 3% [1]. Board-level managers get a 3% pay rise [1]."
    kept = without_unheld_words(answer, "What is the mileage rate for NHS managers?", [PAY], ARCHIVE)
    assert kept == "Board-level managers get a 3% pay rise [1]."
    # in other forms of the word too ("rates" as "rate"), and across paragraphs
    assert without_unheld_words("Maternity pay is 3% [1].\n\nIt is lower than for staff [1].",
                                "how much maternity pay do nhs managers get", [PAY], ARCHIVE) == (
        "It is lower than for staff [1].")


def test_a_model_sentence_is_kept_when_a_passage_sent_or_the_archive_widely_holds_the_word():
    answer = "The mileage rate is 45p a mile [2]."
    question = "What is the mileage rate for NHS managers?"
    assert without_unheld_words(answer, question, [PAY, "Mileage is paid at 45p a mile."], ARCHIVE) == answer
    common = {**ARCHIVE, **by_key({"mileage": 5})}  # a word in many passages of the archive says nothing missing
    assert without_unheld_words(answer, question, [PAY], common) == answer


def test_a_sentence_saying_the_sources_do_not_answer_is_kept_for_the_pipeline_to_read():
    answer = "The archive does not cover mileage rates."
    assert without_unheld_words(answer, "What is the mileage rate?", [PAY], ARCHIVE) == answer


def test_the_pipeline_quotes_the_passages_instead_of_a_claim_using_the_missing_word(tmp_path):
    idx = build_index(tmp_path)
    settings = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0, answerability=False)
    pipe = Pipeline(settings=settings, index=idx, embedder=HashEmbedder(),
                    llm=ScriptedLLM(["Very senior managers get 3% maternity pay for 2026/27 [1]."]),
                    count_tokens=lambda t: len(t.split()))
    answer = pipe.answer("What maternity pay do very senior managers get?")
    assert "maternity" not in answer.answer.lower() and answer.citations  # the passages' own words instead
    assert 'uses the word "maternity"' in answer.notice


def test_the_notice_reads_an_irregular_past_form_as_its_verb_but_a_models_sentence_keeps_its_own_form():
    """"took" was named under a paraphrase's answer ("What were ICB leaders ordered to trim when they took over?"),
    though the sources say "take". A model's sentence is still judged by the form it uses: a local run's wrong
    "will be built in Wales" was dropped because no passage it was given says "built"."""
    archive = by_key({"take": 30, "taken": 3, "build": 12, "cut": 20})
    sources = "ICB leaders were told to take over and cut running costs; more hubs will be taken on and build work."
    assert unmentioned("What did they cut when they took over?", [sources], archive) == []
    assert unmentioned("when was the lease taken?", [PAY], archive) == ["lease"]
    built = "The hubs will be built in Wales, as promised [1]."
    assert without_unheld_words(built, "Where will the hubs be built?", [sources], archive) == ""


def test_a_follow_ups_own_words_are_named_however_common():
    """An attacker's "and GPs?" after questions on VSMs' and nurses' pay got the Agenda for Change award and no word
    that no source names GPs: a follow-up's own words are what it asks."""
    common = by_key({"gps": 40, "nurs": 40, "pay": 40})
    assert unmentioned("and GPs?", [PAY], common) == []
    assert unmentioned("and GPs?", [PAY], common, follow_up=True) == ["gps"]
    assert unmentioned("is that more than nurses got?", [PAY], common, follow_up=True) == ["nurses"]
    assert unmentioned("what about the pay in 2024?", [PAY], common, follow_up=True) == []  # held, or a number


def test_irregular_past_forms_are_their_verbs_in_the_signals_but_not_in_a_models_sentence():
    """"how many jobs will NHS England lose" missed "has lost", "how long did he spend" missed "he spent": the terms
    the answerability signals and quotes read take a past form as its verb; "found" and "left" are words of their own
    too. unmentioned still judges a model's sentence by its own form (the test above)."""
    from rag.answer.terms import content_terms

    assert content_terms("NHS England has lost 7,000 jobs") == content_terms("NHS England lose 7,000 jobs")
    assert content_terms("he spent 20 years") == content_terms("he spend 20 years")
    assert content_terms("paid") == content_terms("pay") and content_terms("took") == content_terms("take")
    assert content_terms("the left") == ["left"] and content_terms("found a trust") != content_terms("find a trust")
    assert content_terms("lost", irregular=False) == ["lost"]


def test_the_notice_reads_adverbs_number_words_and_asking_words_as_a_walk_did():
    """A walk was told no source uses "flexibly" (they say "flexible working"), "eighteen" (they say "18"), and, under
    "what does that mean for me?", "mean". A model's sentence is still judged by its own words."""
    archive = by_key({"flexibl": 1, "flexible": 1, "mileag": 1, "mileage": 1})
    assert unmentioned("can i work flexibly?", ["a request for flexible working"], archive) == []
    assert unmentioned("is it eighteen weeks?", ["pay for 18 weeks"], archive, max_df=5) == []
    assert unmentioned("what does that mean for me?", [PAY], archive, follow_up=True) == []
    assert unmentioned("what happens to GPs?", [PAY], archive, follow_up=True) == ["gps"]
    assert "mileage" in unmentioned("what is the mileage rate?", [PAY], archive)  # still named
    flexibly = "You can work flexibly [1]."
    assert without_unheld_words(flexibly, "can i work flexibly?", ["flexible working"], archive) == ""


def test_the_notice_reads_a_noun_as_the_verb_or_adjective_it_is_made_from():
    """A walk's "and what about his views on diversity?" was told no source uses "diversity", under an interview
    headlined "We've got to diversify our workforce". A word of another family is still named."""
    archive = by_key({"diversify": 1, "negotiat": 1, "maternal": 1})
    assert unmentioned("what about his views on diversity?", ["We've got to diversify our workforce"], archive,
                       max_df=5) == ["views"]
    assert unmentioned("how did the negotiation go?", ["unions negotiate pay"], archive, max_df=5) == []
    assert unmentioned("what is maternity pay?", ["maternal health"], archive, max_df=5) == ["maternity"]


def test_a_pasted_token_of_hundreds_of_letters_is_no_word_to_name():
    """A walk's 860-character pasted token was quoted whole in the notice."""
    archive = by_key({"pay": 40})
    token = "x" * 860
    assert unmentioned(f"is {token} about maternity pay?", ["pay rose 3%"], archive) == ["maternity"]


def test_the_notice_reads_a_verb_as_its_noun_and_back():
    """A session-25 batch: "are overseas staff being dismissed?" was told no source uses "dismissed" under the headline
    "Overseas staff face dismissal", and "how long do they have to decide?" that none uses "decide" under "notify you of
    their decision". A word of another family is still named."""
    archive = by_key({"dismiss": 1, "dismissal": 1, "decide": 1, "decision": 1, "refus": 1, "refusal": 1,
                      "approv": 1, "approval": 1})
    assert unmentioned("are overseas staff being dismissed?", ["Overseas staff face dismissal"], archive,
                       max_df=5) == []
    assert unmentioned("who can decide?", ["notify you of their decision"], archive, max_df=5) == []
    assert unmentioned("what reasons for a refusal?", ["they may refuse a request"], archive, max_df=5) == ["reasons"]
    assert unmentioned("will they approve it?", ["the approval came late"], archive, max_df=5) == []


def test_the_word_how_asks_with_is_no_subject_to_name():
    """"how long do they have to decide?" asks for a time: sources saying "within two months" were told that none uses
    "long". The same word asked of is still named."""
    archive = by_key({"long": 1, "often": 1, "month": 3})
    assert unmentioned("how long do they have to respond?", ["respond within two months"], archive, max_df=5) == []
    assert unmentioned("how often do they respond?", ["respond within two months"], archive, max_df=5) == []
    assert unmentioned("is the long wait over?", ["respond within two months"], archive, max_df=5) == ["long", "wait"]
    used = by_key({"many": 1, "use": 3})  # a session-26 batch: "how many use it?" was told no source uses "many"
    assert unmentioned("how many use it?", ["34 million people use the app"], used, max_df=5) == []


def test_the_kind_of_figure_asked_for_is_no_word_to_name():
    """A session-25 batch: "what percentage of NHS staff are satisfied with pay?" was told no source uses "percentage"
    under "only a third of staff are satisfied with their pay"."""
    archive = by_key({"percentage": 1, "proportion": 1, "satisfied": 3})
    cited = ["only a third of staff are satisfied with their pay"]
    assert unmentioned("what percentage of staff are satisfied with pay?", cited, archive, max_df=5) == []
    assert unmentioned("what proportion of staff are satisfied?", cited, archive, max_df=5) == []


def test_a_contraction_without_its_apostrophe_and_told_are_no_subject_to_name():
    """Walk 26b: "None of the sources cited uses the words "bullied" or "wont"" under "HR wont do anything", and
    "told" under "i've been told my post is at risk"."""
    archive = by_key({"wont": 1, "told": 1, "bullied": 2})
    cited = ["staff face harassment at work"]
    assert "wont" not in unmentioned("im being bullied and HR wont do anything", cited, archive, max_df=5)
    assert "bullied" in unmentioned("im being bullied and HR wont do anything", cited, archive, max_df=5)
    assert "told" not in unmentioned("i have been told my post is at risk", cited, archive, max_df=5)


def test_a_word_for_a_rise_or_a_cut_is_held_by_any_other_word_for_it():
    """Session 27: "None of the sources cited uses the word "uplift"" came under "a 3% pay rise" (the words for a
    change in an amount are one term: rag.answer.terms.SAME_CHANGE)."""
    from rag.answer.unmentioned import unmentioned

    assert unmentioned("how much is the VSM pay uplift?", ["Managers are set for a 3% pay rise."], {}) == []
    assert unmentioned("was there a budget reduction?", ["The budget was cut by 30%."], {}) == []
    assert unmentioned("how much is the VSM pay uplift?", ["Managers are set for a 3% pay cut."], {}) == ["uplift"]


def test_a_name_the_member_gives_is_named_when_the_sources_lack_it():
    """The dev set's "What pay rise did NHS staff in Scotland get for 2026-27?" (not in the archive) was quoted the
    English awards with no word that no source names Scotland: the archive holds it in 3 passages, over MAX_DF."""
    archive = by_key({"scotland": 3, "vsm": 4, "london": 20, "pay": 40, "rise": 30, "staff": 50, "nhs": 90})
    assert unmentioned("What pay rise did NHS staff in Scotland get for 2026-27?", [PAY], archive) == ["scotland"]
    assert unmentioned("What pay rise are VSMs getting?", [PAY], archive) == []  # an acronym: maybe spelled out
    assert unmentioned("what pay rise did nhs staff in scotland get?", [PAY], archive) == []  # typed in lower case
    assert unmentioned("Scotland: what pay rise did NHS staff get?", [PAY], archive) == []  # the first word
    assert unmentioned("What pay rise did staff in London get?", [PAY], archive) == []  # a name the archive often uses
    assert unmentioned("What pay rise did NHS staff in England get?", [PAY], archive) == []  # the sources say it


def test_a_word_asking_for_a_contact_detail_is_not_named_under_one():
    """Walk 32: "how can I ring the union?" was quoted MiP's number "020 3437 1473" under "None of the sources cited
    uses the word "ring"": a number says no "ring", "phone" or "call"."""
    archive = by_key({"ring": 1})
    number = "020 3437 1473 // miphealth.org.uk // Managers in Partnership, the union"
    assert unmentioned("how can I ring the union?", [number], archive) == []
    assert unmentioned("how can I ring the union?", ["MiP is a union for managers."], archive) == ["ring"]
