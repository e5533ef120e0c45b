"""A figure the archive says is still awaited answers a question asking for it (rag.answer.awaited)."""

from rag.answer.awaited import awaited_in
from rag.answer.terms import content_terms
from rag.testing import text_hit


def terms(text):
    return frozenset(content_terms(text))


DELAYED = text_hit("NHS workers face another long wait for their 2024 pay award after the general election halted "
                   "publication of the already-delayed report from the NHS Pay Review Body (PRB), which recommends "
                   "pay levels for Agenda for Change staff.",
                   article="General election further delays pay rise for NHS staff", date="2024-06-01")


def test_a_pay_award_still_awaited_answers_what_the_rise_is():
    """A walk's "and in 2024?" after the Agenda for Change pay rise was refused: no figure, because there was none."""
    assert awaited_in("whats the pay rise for agenda for change staff in 2024?", [DELAYED], terms) is DELAYED
    assert awaited_in("when will the 2024 pay award for agenda for change staff be paid?", [DELAYED], terms)


def test_not_when_the_question_asks_no_figure_or_names_what_the_passage_does_not():
    assert awaited_in("why was the 2024 pay award delayed?", [DELAYED], terms) is None  # asks no figure
    assert awaited_in("what is the pay rise for nurses in Scotland in 2024?", [DELAYED], terms) is None
    assert awaited_in("what pay rise did GPs get in 2024?", [DELAYED], terms) is None


def test_a_delay_that_ended_or_a_figure_given_is_no_wait():
    ended = text_hit("After a delay of more than two months, the government finally accepted pay recommendations "
                     "for very senior managers.", article="Board-level NHS managers get 3% pay rise")
    assert awaited_in("what is the pay rise for very senior managers?", [ended], terms) is None
    given = text_hit("The 2024 pay award for Agenda for Change staff, already delayed, is 5.5%.",
                     article="Pay rise at last")
    assert awaited_in("whats the pay rise for agenda for change staff in 2024?", [given], terms) is None
