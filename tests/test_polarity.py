"""A model's claim that drops the negation of the sentence it restates (rag.answer.polarity)."""

from rag.answer.citations import validate
from rag.answer.polarity import negation_dropped, opposite_said
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


SSRB = ("After a delay of more than two months, the government finally accepted pay recommendations from the Senior "
        "Salaries Review Body (SSRB) for very senior managers (VSMs) in England in late May. The 3% award is higher "
        "than the 2.5% ministers said was affordable but below the 3.3% paid to NHS staff on Agenda for Change.")
SPINE = "The National Committee restated its outright opposition to a nurses-only pay spine."


def test_a_claim_saying_the_opposite_of_its_sentence_is_caught():
    # an attacker's "Why did the government reject the SSRB's 3% recommendation for VSMs?" was answered so, cited
    assert opposite_said("The government rejected the SSRB's recommendation for VSMs [1].", SSRB)
    assert opposite_said("No, the government refused the pay recommendations from the SSRB [1].", SSRB)
    assert opposite_said("Yes, the National Committee restated its outright support for a nurses-only pay spine [1].",
                         SPINE)


def test_a_claim_of_the_same_sense_or_on_another_sentence_is_not():
    assert not opposite_said("The government accepted the SSRB's recommendations for VSMs in May [1].", SSRB)
    assert not opposite_said("The 3% award is lower than the 3.3% for Agenda for Change staff [1].", SSRB)  # "below"
    assert not opposite_said("The National Committee opposes a nurses-only pay spine [1].", SPINE)
    assert not opposite_said("Ministers rejected calls for a strike ballot [1].", SSRB)  # no sentence says the rest


def test_the_model_claim_saying_the_opposite_loses_its_citation():
    q = "why did the government reject the ssrb recommendation for vsms"
    rejected = ("After a delay of more than two months, the government finally rejected pay recommendations from the "
                "Senior Salaries Review Body for very senior managers in late May [1].")  # every other word held
    _, cites = validate(rejected, [text_hit(SSRB)], question=q)
    assert cites == []
    _, cites = validate("The government accepted the SSRB recommendation for VSMs [1].", [text_hit(SSRB)], question=q)
    assert [c.n for c in cites] == [1]


BOARD = ("Board-level managers in England are set for a 3% pay rise for 2026-27—lower than most other NHS staff—despite "
         "evidence that pay levels for senior managers have fallen sharply in recent years.")


def test_a_comparison_the_other_way_round_is_caught():
    """The local model's "Yes, that more than other staff got [1]." for "is that more than other staff got?", [1] saying
    the 3% is "lower than most other NHS staff"."""
    assert opposite_said("Yes, that more than other staff got [1].", BOARD)
    assert opposite_said("Board-level managers got a bigger rise than other NHS staff [1].", BOARD)
    assert not opposite_said("No, it was lower than other staff got [1].", BOARD)  # the same sense
    assert not opposite_said("It was less than most other staff got [1].", BOARD)
    assert not opposite_said("It was not more than other staff got [1].", BOARD)  # negated: left to the other checks
    assert not opposite_said("The award is higher than the 2.5% ministers offered [1].", SSRB)  # said so
    assert not opposite_said("More than 40 managers were cut [1].", BOARD)  # compared with nothing the passage does
    both = BOARD + " Pay rose more than NHS staff expected."
    assert not opposite_said("Pay rose more than staff expected [1].", both)  # the passage says it too


def test_the_model_claim_comparing_the_wrong_way_loses_its_citation():
    _, cites = validate("Yes, that is more than other staff got [1].", [text_hit(BOARD)],
                        question="is that more than other staff got?")
    assert cites == []


SHRUNK = ("The SSRB report highlighted the long-term decline in senior manager pay. It reported that salaries for "
          "trust chief executives have fallen by 13% in real terms in the last five years, while those for nursing "
          "directors have shrunk by 14%.")
BOTH = ("Board-level managers in England are set for a 3% pay rise for 2026-27. In contrast, AfC Band 9 salaries fell "
        "by 6% and medical director pay by just 3% in the same period.")


def test_a_figure_said_to_rise_where_the_passage_has_it_fall_is_caught():
    """The lead's member questions (session 34): the local model answered "what's the pay rise for nurses this year?"
    with "The pay rise for nurses this year is 14% [2]", [2] saying nursing directors' salaries "have shrunk by 14%"."""
    from rag.answer.polarity import figure_moved_other_way

    claim = "As of Healthcare Manager issue 68, summer 2026: The pay rise for nurses this year is 14% [2]."
    assert figure_moved_other_way(claim, SHRUNK) and opposite_said(claim, SHRUNK)
    _, cites = validate(claim.replace("[2]", "[1]"), [text_hit(SHRUNK)])
    assert cites == []
    assert not figure_moved_other_way("Nursing directors' pay has shrunk by 14% [1].", SHRUNK)
    assert not figure_moved_other_way("VSMs get a 3% pay rise [1].", BOTH)  # one sentence giving 3% says "rise"
    assert figure_moved_other_way("Band 9 salaries rose by 6% [1].", BOTH)
    assert not figure_moved_other_way("Band 9 pay fell 6% while VSMs got a 3% rise [1].", BOTH)  # both ways
