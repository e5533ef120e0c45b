"""rag.answer.list_leads: a passage opening on list items gets the lead-in that ends the passage before it."""

from rag.answer.list_leads import ListLeads, opening_lead
from rag.types import Chunk, Hit

LEAD = "You can only bring a tribunal claim if the employer:"
ITEM = "treated your request as withdrawn without any grounds to do so"
BEFORE = f"{LEAD}\n\nrefused the request without consulting you at all\n\n{ITEM}\n\nIn one case, the rules changed."
AFTER = f"{ITEM}\n\nIn one case, the rules changed. It refused."


def test_the_lead_in_is_found_above_where_the_overlapping_passage_starts():
    assert opening_lead(AFTER, BEFORE) == LEAD


def test_no_lead_in_for_a_passage_opening_on_a_sentence_or_after_a_list_that_ended():
    assert opening_lead("In one case, the rules changed.", BEFORE) == ""
    ended = "Your employer must:\n\nrespond within two months.\n\nThen more text follows here."
    assert opening_lead("deal with your request in a reasonable manner\n\nMore.", ended) == ""


def _chunk(position: int, text: str, cid: str) -> Chunk:
    return Chunk(chunk_id=cid, issue_id="i", issue_title="Issue", date="2026-06-01", article_id="a",
                 headline="Flexible working", page=1, position=position, text=text)


def _hit(cid: str, text: str) -> Hit:
    return Hit(rank=1, chunk_id=cid, score=1.0, text=text, issue="i", issue_title="Issue", date="2026-06-01",
               article="Flexible working", article_id="a", page=1, url="/article/i/a")


def test_a_sent_passage_opening_where_its_chunk_opens_gets_the_lead_in_on_a_line_before_it():
    leads = ListLeads([_chunk(0, BEFORE, "c0"), _chunk(1, AFTER, "c1")])
    led = leads.led([_hit("c1", f"{ITEM} … It refused."), _hit("c0", BEFORE)])
    assert led[0].text == f"{LEAD}\n{ITEM} … It refused."
    assert led[1].text == BEFORE  # the first passage of its article: nothing before it
    # cut to a later sentence of its chunk, or a passage the index does not hold: as it was
    later = _hit("c1", "It refused.")
    assert leads.led([later, _hit("zz", AFTER)]) == [later, _hit("zz", AFTER)]
