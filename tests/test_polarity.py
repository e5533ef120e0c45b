"""A model's claim that drops the negation of the sentence it restates (rag.answer.polarity)."""

from rag.answer.citations import validate
from rag.answer.polarity import negation_dropped
from rag.testing import text_hit

PAY = ("Worse still, most managers moving into Band 8A lose all eligibility to overtime and un-social hours payments. "
       "There will be no change in political direction, James Murray said.")



def test_a_claim_stating_what_its_sentence_takes_away_is_caught():
    # a walk's answer to "do 8a managers get overtime"
    assert negation_dropped("Yes, 8A managers get overtime [1].", PAY)
    assert negation_dropped("There will be a change in political direction [1].", PAY)


def test_a_claim_keeping_the_negation_or_saying_something_else_is_not():
    assert not negation_dropped("Managers moving into Band 8A lose eligibility to overtime [1].", PAY)
    assert not negation_dropped("No, 8A managers do not get overtime [1].", PAY)
    assert not negation_dropped("James Murray said there will be no change in political direction [1].", PAY)
    assert not negation_dropped("Most managers moving into Band 8A face worse pay [1].", PAY)  # no cue before "pay"


def test_the_model_claim_loses_its_citation_and_a_quoted_one_keeps_it():
    _, cites = validate("Yes, 8A managers get overtime [1].", [text_hit(PAY)], question="do 8a managers get overtime")
    assert cites == []
    _, cites = validate("8A managers lose all eligibility to overtime [1].", [text_hit(PAY)],
                        question="do 8a managers get overtime")
    assert [c.n for c in cites] == [1]
