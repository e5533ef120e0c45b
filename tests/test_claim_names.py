"""A model's claim naming its number's subject in words its passage uses only apart (rag.answer.claim_numbers)."""

from rag.answer.citations import validate
from rag.answer.claim_numbers import numbers_misplaced
from rag.testing import text_hit

TRUSTS = ("Plans to cut tens of thousands of management and support staff jobs at NHS trusts in England are going "
          "under the radar and risk damaging patient care, MiP has warned. Research published by UNISON suggests "
          "NHS trusts are planning to cut at least 21,000 jobs by 2028 as trusts attempt to meet challenging "
          "financial targets.")


def test_a_name_made_of_the_passages_words_apart_is_caught():
    """The local model's "21,000 jobs are going at NHS England [1]" in session 24's make serve check."""
    assert numbers_misplaced("21,000 jobs are going at NHS England.", TRUSTS)
    assert numbers_misplaced("NHS England plans to cut at least 21,000 jobs by 2028.", TRUSTS)


def test_the_name_as_the_passage_writes_it_or_words_it_never_names_are_not():
    assert not numbers_misplaced("NHS trusts are planning to cut 21,000 jobs.", TRUSTS)
    assert not numbers_misplaced("NHS Trusts in England plan to cut 21,000 jobs.", TRUSTS)  # its capitals
    assert not numbers_misplaced("21,000 jobs will go in England at NHS trusts, says UNISON.", TRUSTS)
    assert not numbers_misplaced("Jon Restell said 21,000 jobs would go.", TRUSTS)  # "Jon" is not there: other checks
    restell = "'The 3% award is welcome,' said Restell. MiP chief executive Jon Restell spoke in May."
    assert not numbers_misplaced("Jon Restell said the 3% award is welcome.", restell)
    board = "NHS England\u2019s board recently considered a report suggesting a 10% gap in productivity."
    assert not numbers_misplaced("A report to NHS England's board suggested a 10% gap.", board)  # one apostrophe
    prb = ("The NHS Pay Review Body (PRB) recommends pay levels. Its report could not be published until 9 July, "
           "when the new parliament met. The review body's pay advice waits.")
    assert not numbers_misplaced("The Pay Review Body report waited until 9 July.", prb)  # the passage's own name


def test_the_model_claim_loses_its_citation():
    _, cites = validate("21,000 jobs are going at NHS England [1].", [text_hit(TRUSTS)],
                        question="how many jobs are going at nhs england?")
    assert cites == []
    _, cites = validate("NHS trusts are planning to cut at least 21,000 jobs [1].", [text_hit(TRUSTS)],
                        question="how many jobs are going at nhs trusts?")
    assert [c.n for c in cites] == [1]


SSRB = ("After a delay of more than two months, the government finally accepted pay recommendations from the Senior "
        "Salaries Review Body (SSRB) for very senior managers (VSMs) and executive senior managers (ESMs) in England "
        "in late May. The 3% award is higher than the 2.5% ministers said was \u201caffordable\u201d but below the "
        "3.3% paid to NHS staff on Agenda for Change.")


def test_a_figure_the_passage_gives_only_as_what_is_compared_with_is_caught():
    """The local model's "VSMs receive a 3% pay rise, while ESMs receive a 2.5% pay rise [1]" (a session-25 batch)."""
    assert numbers_misplaced("VSMs (very senior managers) receive a 3% pay rise, while ESMs (executive senior "
                             "managers) receive a 2.5% pay rise.", SSRB)
    assert numbers_misplaced("ESMs get 2.5%.", SSRB)


def test_what_the_compared_figure_is_of_or_a_figure_given_plainly_is_not():
    assert not numbers_misplaced("Ministers said 2.5% was affordable.", SSRB)  # what follows it there
    assert not numbers_misplaced("Agenda for Change staff got 3.3%.", SSRB)
    assert not numbers_misplaced("The award is higher than the 2.5% ministers wanted.", SSRB)  # compares itself
    assert not numbers_misplaced("VSMs get 3%.", SSRB)
    assert not numbers_misplaced("3.3% for 2026.", SSRB)  # names nothing it is of
    bank = ("Bank staff report violence, with 24% reporting an incident. The figure for substantive staff was less "
            "than 15%.")
    assert not numbers_misplaced("Under 15% of substantive staff reported violence.", bank)  # a bound, not a baseline
    assert not numbers_misplaced("Substantive staff reported 15%.", bank)


def test_the_model_claim_giving_the_compared_figure_as_the_award_loses_its_citation():
    _, cites = validate("ESMs receive a 2.5% pay rise [1].", [text_hit(SSRB)],
                        question="what's the difference between VSMs and ESMs?")
    assert cites == []
