"""Walk 23: after "how long does my employer have to reply", "who said that?" was answered '"Your employer must:" [1]',
and card [1] began "This could be a request to change your: hours of work; ...": the words quoted were not on it (they
come 420 characters in). The card was started at the sentence sharing most of the claim's words, and "Your request must
be in writing" shares "must" with three words quoted. A quote found word for word in its passage now starts the card."""

from rag.types import Hit
from rag.web.chat_render import excerpt, focus_excerpt, focus_sources

# issue 68's flexible-working guide, the passage the walk's [1] was (corpus/2026-summer-68)
PASSAGE = ("This could be a request to change your:\n\nhours of work\n\nthe times you are required to work\n\n"
           "your place of work (e.g. your home or any of the employer's workplaces)\n\n"
           "This opens up a range of flexible working practices, including hybrid working. Your request must be in "
           "writing, state that it is a statutory request and include details of any previous requests. Two requests "
           "can be made in any twelve-month period.\n\nYour employer must:\n\ndeal with your request in a reasonable "
           "manner\n\nnot refuse without consulting you\n\nrespond within two months (including any appeal) unless both "
           "parties have agreed to a longer period")


def _hit(text: str) -> Hit:
    return Hit(1, "c1", 1.0, text, "2026-summer-68", "Healthcare Manager issue 68, summer 2026", "2026-06-01",
               "Flexible and hybrid working: what are your rights?", "23-flexible", 22, "/article/x/y?hl=c1#p-c1")


def test_a_card_shows_the_words_its_quote_takes_from_the_passage():
    answer = '"Your employer must:" [1]'
    card = focus_sources([{"n": 1, "text": excerpt(PASSAGE)}], [_hit(PASSAGE)], answer)[0]
    shown = excerpt(card["text"])  # what the card shows (chat_render._card)
    assert shown.startswith("… Your employer must: deal with your request"), shown


def test_a_quote_after_a_lead_in_and_a_written_claim_still_find_their_sentence():
    quote = 'In the articles\' words: "Two requests can be made in any twelve-month period." [1]'
    assert focus_excerpt(PASSAGE, [quote[:-4]]).startswith("… Two requests can be made")
    written = ["Your request must be in writing and say it is a statutory request"]  # no quote: by shared words
    assert focus_excerpt(PASSAGE, written).startswith("… Your request must be in writing")


def test_quoted_words_not_in_the_passage_fall_back_to_shared_words():
    claim = ['"Your employer will have to deal with requests reasonably" said the minister']
    assert focus_excerpt(PASSAGE, claim, shown=100).startswith("… Your employer must:")
