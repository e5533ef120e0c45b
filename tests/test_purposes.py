"""A contact line for another purpose than the member's is not quoted (walks 30 and 31)."""

from rag.answer.extractive import best_quotes
from rag.answer.purposes import condition_terms, for_other_purpose
from rag.answer.terms import content_terms
from rag.types import Hit

REP_LINE = ("If you're interested in becoming a rep, contact MiP's acting national organiser, Rosie Kirk: "
            "r.kirk@mip.org.uk.")
HELP_LINE = "Contact your local MiP rep or MiP head office (advice@mip.org.uk) if you need more support."


def terms(question: str) -> frozenset[str]:
    return frozenset(content_terms(question))


def test_the_condition_of_a_contact_line_names_its_purpose():
    assert condition_terms(REP_LINE) == terms("becoming rep")
    assert condition_terms("If you need more support, contact MiP head office.") == frozenset()  # any request
    assert condition_terms("If you give resources to one area, you deprive another.") == frozenset()  # no contact
    assert condition_terms(HELP_LINE) == frozenset()  # no leading condition


def test_a_line_is_for_another_purpose_when_the_question_names_none_of_its_condition():
    assert for_other_purpose(REP_LINE, terms("who should I contact at MiP if I'm being bullied?"))
    assert for_other_purpose(REP_LINE, terms("who do I speak to about joining MiP?"))
    assert not for_other_purpose(REP_LINE, terms("how do I become a rep?"))
    assert not for_other_purpose(REP_LINE, terms("who do I contact about becoming a representative?"))  # rep-resent
    assert not for_other_purpose(HELP_LINE, terms("who should I contact at MiP if I'm being bullied?"))


def hit(n: int, text: str) -> Hit:
    return Hit(rank=n, chunk_id=f"c{n}", score=1.0, text=text, issue="i", issue_title="Issue", date="2026-06-01",
               article=f"Headline {n}", article_id=f"a{n}", page=n, url=f"/a/{n}")


def test_a_quoted_answer_leaves_out_a_contact_line_for_another_purpose():
    hits = [hit(1, "MiP is very mission focused. " + REP_LINE),
            hit(2, "To find out more, read the leaflet. " + HELP_LINE)]
    quotes, _ = best_quotes("who should I contact at MiP if I'm being bullied?", hits)
    assert [q.text for q in quotes] == [HELP_LINE]
    quotes, _ = best_quotes("who do I contact at MiP about becoming a rep?", hits)
    assert REP_LINE in [q.text for q in quotes]


def test_a_line_naming_what_else_the_question_asks_of_is_kept():
    assert not for_other_purpose(REP_LINE, terms("who is rosie kirk"))  # the line names her role
    assert for_other_purpose(REP_LINE, terms("I need personal advice from MiP. What email address do I use?"))
