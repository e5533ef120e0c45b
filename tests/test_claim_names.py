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
