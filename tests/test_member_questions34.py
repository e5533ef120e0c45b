"""The lead's member questions of session 34, each a fault a member met: a time span asked for ("how long", a
deadline, a time limit), a role asked for by its verb ("who edits ...?"), a date of something made known, a contact
detail given for another purpose."""

from dataclasses import replace

import pytest

from rag.answer.answer_kinds import asked_in_article, asks_how_long, given_figures, question_kind
from rag.answer.descriptions import role_asked, role_beside_name
from rag.answer.evidence import asked_shares, lexical_scores
from rag.answer.extractive import best_quotes
from rag.answer.quote_choice import figure_tier, items_with_lead_in
from rag.answer.terms import content_terms
from rag.testing import text_hit
from rag.types import Hit

HEADLINE = "Flexible and hybrid working: what are your rights?"
# As rag.answer.evidence leaves it when the items before the one asked for are left out
LIST_CUT = ("Your employer must: \u2026 respond within two months (including any appeal) unless both parties have "
            "agreed to a longer period")


def _under(n: int, text: str) -> Hit:
    return Hit(rank=n, chunk_id=f"c{n}", score=1.0, text=text, issue="i", issue_title="Issue", date="2026-06-01",
               article=HEADLINE, article_id="fw", page=22, url="/a/fw")


@pytest.mark.parametrize("question", [
    "how long does my employer have to decide on my flexible working request?",
    "what is the deadline for my employer to decide on a flexible working request?",
    "is there a time limit for my employer to decide on my flexible working request?",
])
def test_a_time_span_asked_for_is_read_as_a_duration(question):
    """A batch of member questions (session 34): "what is the deadline ...?" was read as asking for any number, and
    "Under the Employment Rights Act 2025, ..." gave one beside its words."""
    assert asks_how_long(question)
    tier = figure_tier(question, question_kind(question), frozenset(content_terms(question)), given_figures(question))
    assert tier(LIST_CUT) == 2
    assert tier("Under the Employment Rights Act 2025, employers will have to explain why it's reasonable to refuse a "
                "request for flexible working.") == 0
    # what the sentence must hold with its headline is the question less its asking words
    asked = asked_in_article(question)
    assert asked is not None and not {"long", "deadlin", "deadline", "limit"} & set(content_terms(asked))
    assert not asks_how_long("what is the pay rise for agenda for change staff?")
    assert asked_in_article("what is the pay rise for agenda for change staff?") is None


def test_an_item_after_items_left_out_is_read_with_its_lead_in():
    """The ellipsis where items were left out stood between "Your employer must:" and "respond within two months",
    one word too many for the answer to stand beside "employer"."""
    assert "Your employer must: respond within two months" in items_with_lead_in(LIST_CUT)[1]
    assert items_with_lead_in("Plainly no list here.") == ["Plainly no list here."]


def test_a_headline_shared_by_every_sentence_still_counts_for_the_share_asked():
    """Read with one article's headline, its words were in every sentence and weighed nothing: "how long does my
    employer have to decide on my flexible working request?" found 0.42 of itself under "Flexible and hybrid
    working: ...", its "flexible working" no part of it."""
    asked = asked_in_article("how long does my employer have to decide on my flexible working request?")
    sentences = [LIST_CUT, "Flexible working is pivotal for recruitment.", "Employers may refuse for business reasons.",
                 "Your request will generally lead to a permanent change."]
    plain = lexical_scores(asked, [f"{HEADLINE} {s}" for s in sentences])
    shares = asked_shares(asked, sentences, [HEADLINE] * len(sentences), lexical_scores(asked, sentences))
    assert shares[0] > plain[0]
    assert shares[0] >= 0.5


def test_the_duration_asked_for_is_quoted_though_other_sentences_share_more_words():
    """The batch's "how long does my employer have to decide on my flexible working request?" quoted the act's year,
    section 80F and what happens when a request is granted, and not "respond within two months"."""
    hits = [_under(1, "Under the Employment Rights Act 2025, employers will have to explain why it's reasonable to "
                      "refuse a request for flexible working."),
            _under(2, "All employees have a day-one right to request flexible working for any reason under section "
                      "80F of the Employment Rights Act 1996."),
            _under(3, "When granted, a statutory flexible working request will generally lead to a permanent change "
                      "in your contract."),
            _under(4, LIST_CUT)]
    near = {"Under": 0.8, "All": 0.78, "When": 0.7, "Your": 0.55}
    similarity = lambda question, texts: [next(v for k, v in near.items() if t.startswith(k)) for t in texts]  # noqa
    quotes, _ = best_quotes("how long does my employer have to decide on my flexible working request?", hits,
                            similarity=similarity)
    assert quotes[0].n == 4 and "within two months" in quotes[0].text


SIGN_OFF = "The NHS is too precious to be messed about like this. Craig Ryan, Editor c.ryan@miphealth.org.uk"


# (as the pipeline searches and quotes it: with the doer's word the archive uses, rag.answer.agents.with_doer)
@pytest.mark.parametrize("question", ["who edits Healthcare Manager? (editor)", "who edits the magazine? (editor)",
                                      "who is the editor of healthcare manager"])
def test_a_role_asked_for_by_its_verb_puts_the_name_beside_it_first(question):
    """"who edits Healthcare Manager?" was quoted the masthead's "Opinions expressed are those of the contributors
    ..." first, "Craig Ryan, Editor" second (the lead's member questions, session 34)."""
    assert "editor" in role_asked(question) and "editor" in role_asked(question.split(" (")[0])
    assert role_beside_name(SIGN_OFF, question)
    hits = [text_hit("Opinions expressed are those of the contributors and not necessarily those of Healthcare "
                     "Manager or MiP.", article="Masthead"),
            replace(text_hit(SIGN_OFF, article="Editorial"), chunk_id="c2", rank=2)]
    same = lambda question, texts: [0.5] * len(texts)  # noqa: E731  (meaning alone tells them apart no more)
    quotes, _ = best_quotes(question, hits, similarity=same)
    assert quotes[0].text.startswith("Craig Ryan, Editor")


def test_no_role_is_read_from_a_question_asking_no_deed():
    assert role_asked("who wrote the article?") == set()
    assert role_asked("what did the editor say?") == set()


def test_a_date_asked_of_something_made_known_need_not_repeat_the_verb():
    """The lead's member questions (session 34): "when was the VSM pay rise announced?" was refused (slot 0.7), the
    archive saying "the government finally accepted pay recommendations ... for very senior managers (VSMs) ... in
    late May" under "Board-level NHS managers get 3% pay rise"."""
    from rag.answer.answer_kinds import asking_terms
    from rag.answer.answerability import signals

    question = "when was the VSM pay rise announced?"
    assert {"announc", "announce"} & asking_terms(question)
    assert not {"announc", "announce"} & asking_terms("how many jobs were announced?")  # not asking a date
    hit = Hit(rank=1, chunk_id="c1", score=1.0, issue="i", issue_title="Issue", date="2026-06-01",
              article="Board-level NHS managers get 3% pay rise", article_id="vsm", page=4, url="/a/vsm",
              text="After a delay of more than two months, the government finally accepted pay recommendations for "
                   "very senior managers (VSMs) in late May.")
    values = signals(question, [hit], [[0.7]], best_dense=0.6, best_lexical=2.0, df={}, n_docs=100)
    assert values["slot"] == 1.0  # read with its headline, which says "pay rise"


def test_a_contact_detail_given_for_another_purpose_does_not_back_a_claim():
    """The lead's member questions through the local model (session 34): "how do I join?" after "what is MiP?" was
    answered "To join MiP, contact Rosie Kirk at r.kirk@miphealth.org.uk [2]", [2] giving her address to those
    interested in becoming a rep."""
    from rag.answer.citations import validate
    from rag.answer.purposes import detail_for_other_purpose

    line = ("If you\u2019re interested in becoming a rep, contact MiP\u2019s acting national organiser, Rosie Kirk: "
            "r.kirk@miphealth.org.uk.")
    claim = "To join MiP, contact Rosie Kirk at r.kirk@miphealth.org.uk [1]."
    assert detail_for_other_purpose(claim, line, "How do I join MiP?")
    _, cites = validate(claim, [text_hit(line)], question="How do I join MiP?")
    assert cites == []
    # the purpose asked for, or the person asked about, backs it
    assert not detail_for_other_purpose(claim, line, "how do I become a rep?")
    assert not detail_for_other_purpose(claim, line, "who is rosie kirk and how do I contact her?")
    _, cites = validate("Contact Rosie Kirk at r.kirk@miphealth.org.uk [1].", [text_hit(line)],
                        question="how do I become an MiP rep?")
    assert [c.n for c in cites] == [1]
