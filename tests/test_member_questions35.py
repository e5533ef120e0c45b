"""The lead's member questions of session 35, each a fault a member met."""

import pytest

from rag.answer.answer_kinds import given_figures, question_kind
from rag.answer.extractive import best_quotes
from rag.answer.quote_choice import figure_tier, without_group_shares
from rag.answer.terms import content_terms
from rag.types import Hit

SHARE = ("NHS England figures show that 9% of VSMs were paid less than the AfC Band 9 maximum in 2023-24 and the SSRB "
         "warned this figure was likely to have risen due to subsequent higher pay awards for AfC staff.")
RISE = ("Board-level managers in England are set for a 3% pay rise for 2026-27—lower than most other NHS staff—despite "
        "evidence that pay levels for senior managers have fallen sharply in recent years.")


def _tier(question: str):
    return figure_tier(question, question_kind(question), frozenset(content_terms(question)), given_figures(question))


def test_a_share_of_a_group_is_no_pay_rise():
    """"what pay rise are VSMs getting?" opened on the 9% of VSMs paid less than Band 9's maximum, the 3% pay rise
    second: a share of a group counts whom, and gives no sum, rise or award."""
    tier = _tier("what pay rise are VSMs getting?")
    assert tier(RISE) == 2 and tier(SHARE) == 0
    # a question asking a share is answered by one
    assert _tier("what share of VSMs were paid less than the band 9 maximum?")(SHARE) == 2
    assert _tier("what proportion of VSMs were paid less than AfC staff?")(SHARE) == 2
    # a share of a sum is a sum
    assert _tier("how much do employers pay into the pension?")("Employers pay 14.38% of pensionable pay.") == 2


@pytest.mark.parametrize("text, read", [
    ("9% of VSMs were paid less", "some of VSMs were paid less"),
    ("a third of trusts", "some of trusts"),
    ("40 per cent of the staff", "some of the staff"),
    ("5% of their pay", "5% of their pay"),
    ("3.3% of salaries", "3.3% of salaries"),
    ("a 3% rise", "a 3% rise"),
])
def test_what_is_read_as_a_share_of_a_group(text, read):
    assert without_group_shares(text) == read


def test_the_pay_rise_is_quoted_first():
    hits = [Hit(rank=i, chunk_id=f"c{i}", score=1.0, text=t, issue="i", issue_title="Issue", date="2026-06-01",
                article="Board-level NHS managers get 3% pay rise", article_id="vsm", page=5, url="/a/vsm")
            for i, t in enumerate([SHARE, RISE])]
    quotes, _ = best_quotes("what pay rise are VSMs getting?", hits, typed_weight=0.1)
    assert quotes[0].text.startswith("Board-level managers")


def test_when_a_follow_up_asks_of_is_no_word_the_sources_lack():
    """Walk 34: "what about last year?" after a pay question was told no source cited uses "last", and "what am I
    supposed to do?" that none uses "supposed": the words say when, or how, it is asked, which the answer shows."""
    from rag.answer.unmentioned import by_key, unmentioned

    archive = by_key({"gps": 40, "pay": 40, "rise": 40})
    pay = "Board-level managers are set for a 3% pay rise for 2026-27."
    assert unmentioned("what about last year?", [pay], archive, follow_up=True) == []
    assert unmentioned("and next year?", [pay], archive, follow_up=True) == []
    assert unmentioned("what am I supposed to do?", [pay], archive, follow_up=True) == []
    assert unmentioned("what about GPs last year?", [pay], archive, follow_up=True) == ["gps"]


def test_the_role_a_who_question_asks_about_is_named_when_no_source_cited_gives_it():
    """"who is the general secretary of MiP?" was quoted "General seat: Adrian O'Malley ..." and MiP's chief executive
    with no word that none of them says "secretary", a word the archive uses often ("health secretary")."""
    from rag.answer.unmentioned import by_key, unmentioned

    archive = by_key({"secretari": 30, "secretary": 30, "general": 30, "chair": 30, "mip": 40, "ssrb": 40})
    seat = "The three candidates elected were: General seat: Adrian O'Malley"
    assert unmentioned("who is the general secretary of MiP?", [seat], archive) == ["secretary"]
    assert unmentioned("who is the health secretary?", ["Incoming health secretary James Murray"], archive) == []
    assert unmentioned("who chairs the SSRB?", [seat], archive) == ["chairs"]
    assert unmentioned("what is the general secretary's pay?", [seat], archive) == []  # no role asked


@pytest.mark.parametrize("before, followup, word", [
    ("what are AI tools being used for in the NHS?", "what did they say the risks were?", "AI"),
    ("can my GP refuse to see me?", "what did they say about it?", "GP"),
])
def test_a_two_letter_acronym_is_what_a_follow_up_leans_on(before, followup, word):
    """"what did they say the risks were?" after an AI question was searched as "... (Health Service Journal tools
    used NHS)", without "AI", and quoted on cyber attacks: the context kept words of three letters or more."""
    from rag.answer.followups import condense_without_llm

    merged = condense_without_llm([(before, "Trusts are trialling them [1].")], followup)
    assert word in merged.split("(")[-1].split()
    assert "I" not in condense_without_llm([("can I work from home?", "Yes [1].")], "what did they say about it?")


@pytest.mark.parametrize("followup", ["give me an example", "can you give me some examples?", "like what?",
                                      "such as?", "any examples?"])
def test_a_request_for_an_example_leans_on_the_question_before(followup):
    """"give me an example" after "what counts as direct discrimination?" was searched alone and refused; "like
    what?" after "what are the grounds for refusing flexible working?" was searched as "what are the grounds for like
    what?" and refused (a batch, session 35). Neither names a word no source uses."""
    from rag.answer.followups import condense_without_llm
    from rag.answer.leaning import looks_like_followup
    from rag.answer.unmentioned import by_key, unmentioned

    before = "what are the grounds for refusing flexible working?"
    assert looks_like_followup(followup)
    assert condense_without_llm([(before, "Costs [1].")], followup) == \
        "what are the grounds for refusing flexible working: an example?"
    assert unmentioned(followup, ["Grounds include additional costs."], by_key({"cost": 9}), follow_up=True) == []
    assert not looks_like_followup("give me an example of direct discrimination")


def test_whether_there_is_a_time_limit_asks_no_figure():
    """"is there a time limit for a tribunal claim?" was refused (P 0.56, a figure asked and none given), the archive
    saying "There are also very tight time limits if the case is not resolved internally ..."; "are there time limits
    ...?" was answered (P 0.95). Whether there is one asks no figure; a duration still comes first when one is given."""
    for question in ("is there a time limit for a tribunal claim?", "is there a deadline for a tribunal claim?",
                     "are there time limits for a tribunal claim?"):
        assert question_kind(question) == "other"
    assert question_kind("what is the time limit for a tribunal claim?") == "count"
    list_cut = "Your employer must: respond within two months (including any appeal)"
    assert _tier("is there a time limit for my employer to decide on my flexible working request?")(list_cut) == 2


def test_he_after_a_question_naming_someone_is_searched_with_that_name_alone():
    """"what did he say about job cuts?" after "who is Jon Restell?" was searched as "... (Jon Restell Chief Executive
    Agenda for Change)", the answer's names too, and quoted on pay."""
    from rag.answer.followups import condense_without_llm

    answer = ("\"Jon Restell Chief Executive, MiP\" [3] \"The committee ... will benefit all Agenda for Change "
              "staff. / Jon Restell, MiP chief executive\" [1]")
    merged = condense_without_llm([("who is Jon Restell?", answer)], "what did he say about job cuts?")
    assert merged == "what did he say about job cuts? (Jon Restell)"
    # with no one named in the question before, "he" is whom its answer names
    said = condense_without_llm([("what is the pay rise for VSMs?", "Jon Restell said 3% was too low [1].")],
                                "what did he say about it?")
    assert "Jon Restell" in said


TRIBUNAL = "\n\n".join([
    "You can only bring a tribunal claim on the grounds that, in refusing your request, the employer:",
    "failed to deal with it in a reasonable manner", "refused without consulting you",
    "failed to notify you of their decision within two months",
    "rejected it for a reason other than one of the statutory grounds"])
EMPLOYER = "\n\n".join([
    "Two requests can be made in any twelve-month period.", "Your employer must:",
    "deal with your request in a reasonable manner", "not refuse without consulting you",
    "respond within two months (including any appeal) unless both parties have agreed to a longer period"])


def test_a_time_span_the_passage_gives_of_something_else_backs_no_claim():
    """The local model answered "is there a time limit for a tribunal claim?" with "It can be up to two months [3]",
    [3] the grounds for a claim, one being that the employer "failed to notify you of their decision within two
    months". A reworded question, whose words the passage does not use, is not judged."""
    from rag.answer.durations import duration_of_something_else

    question = "is there a time limit for a tribunal claim?"
    assert duration_of_something_else("It can be up to two months.", TRIBUNAL, question)
    assert not duration_of_something_else("The employer must respond within two months.", EMPLOYER,
                                          "how long does my employer have to decide on my flexible working request?")
    assert not duration_of_something_else("Jason Killens led it for three years.", "Killens then led the ambulance "
                                          "service in South Australia for three years.", "for how long did the "
                                          "capital's chief head an overseas paramedic operation?")
    assert not duration_of_something_else("It can be up to two months.", TRIBUNAL, "what can I claim for?")


def test_the_model_claim_is_not_backed_and_falls_back_to_quotes():
    from rag.answer.citations import validate
    from rag.types import Hit

    hits = [Hit(rank=1, chunk_id="c1", score=1.0, text=TRIBUNAL, issue="i", issue_title="Issue", date="2026-06-01",
                article="Flexible and hybrid working: what are your rights?", article_id="fw", page=22, url="/a/fw")]
    question = "is there a time limit for a tribunal claim?"
    _, cites = validate("It can be up to two months [1].", hits, question=question)
    assert cites == []
    _, cites = validate("You can bring a tribunal claim if the employer failed to notify you of their decision "
                        "within two months [1].", hits, question="what grounds can I bring a tribunal claim on?")
    assert [c.n for c in cites] == [1]
