"""Evidence selection: which sentences of the retrieved passages reach the prompt."""

import dataclasses
import math

import pytest

from rag.answer.answer_kinds import asked_in_article
from rag.answer.evidence import GAP, lexical_scores, select_evidence
from rag.sentences import passage_sentences
from rag.types import Hit


def hit(rank, text, chunk="c"):
    return Hit(rank=rank, chunk_id=f"{chunk}{rank}", score=1.0 / rank, text=text, issue="i", issue_title="Issue",
               date="2026-06-01", article=f"Article {rank}", article_id=f"a{rank}", page=None,
               url=f"/article/i/a{rank}#p-{chunk}{rank}")


def words(text):
    return len(text.split())


def flat(hits, value=0.0):
    return [[value] * len(passage_sentences(h.text)) for h in hits]


FILLER = "The committee met in the spring. Members discussed the agenda at length. Lunch was served afterwards."


def test_lexical_scores_weigh_rare_terms_and_numbers_by_idf():
    sentences = ["Pay grew 3% for managers.", "Managers met.", "Nothing here."]
    scores = lexical_scores("what pay rise did managers get in 3%?", sentences)
    # Terms: pay, rise, manager, 3 (numbers weigh double). idf = log(1 + 3 / (1 + df)).
    idf = {t: math.log(1 + 3 / (1 + df)) for t, df in {"pay": 1, "rise": 0, "manager": 2, "3": 1}.items()}
    weight = {**idf, "3": 2 * idf["3"]}
    total = sum(weight.values())
    assert scores[0] == pytest.approx((weight["pay"] + weight["manager"] + weight["3"]) / total)
    assert scores[1] == pytest.approx(weight["manager"] / total)
    assert scores[2] == 0.0


def test_the_answer_is_found_in_a_lower_ranked_passage_and_comes_first():
    hits = [hit(1, FILLER), hit(2, FILLER.replace("spring", "autumn")),
            hit(3, "The board agreed budgets. Very senior managers get a 3% pay rise for 2026. Staff were told.")]
    ev = select_evidence("what pay rise do very senior managers get?", hits, flat(hits), budget=40,
                         count_tokens=words, header_tokens=lambda h, first: 5, before=0, after=0)
    assert ev[0].chunk_id == "c3" and ev[0].url == "/article/i/a3#p-c3"  # links still go to the passage
    assert ev[0].text.startswith("Very senior managers get a 3% pay rise")


def test_similarity_counts_when_no_word_is_shared():
    hits = [hit(1, "Cats sleep a lot. Salaries went up by three percent this year.")]
    sims = [[0.0, 0.9]]
    ev = select_evidence("how much did remuneration grow?", hits, sims, budget=11, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=0, after=0)
    assert ev[0].text == "Salaries went up by three percent this year."


def test_the_budget_counts_each_passage_header_once_and_is_never_exceeded():
    hits = [hit(i, f"Pay rose {i}% in year {i}. Other news followed. More news.") for i in range(1, 6)]
    ev = select_evidence("pay rose", hits, flat(hits), budget=30, count_tokens=words, header_tokens=lambda h, first: 4,
                         before=0, after=0)
    # "Pay rose 1% in year 1." costs 6 + 1, plus 4 for its passage: two passages (22 tokens), then the
    # leftover 8 go to the rest of the best-ranked passage (4 + 3), not to a third header.
    assert [h.chunk_id for h in ev] == ["c1", "c2"]
    assert ev[0].text == "Pay rose 1% in year 1. Other news followed. More news."
    used = sum(words(s) + 1 for h in ev for s in passage_sentences(h.text)) + 4 * len(ev)
    assert used == 29


def test_neighbours_come_along_and_gaps_are_marked():
    text = "Alpha one. Bravo two. The pay rise was 3%. Delta four. Echo five. Pay was frozen in 2023. Golf seven."
    # Budget for the two matches and their next sentences (6 + 3 + 6 + 3 tokens), nothing more.
    ev = select_evidence("pay rise 2023", [hit(1, text)], [[0.0] * 7], budget=18, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=0, after=1)
    assert ev[0].text == f"The pay rise was 3%. Delta four.{GAP}Pay was frozen in 2023. Golf seven."


def test_a_sentence_in_two_overlapping_passages_is_sent_once():
    shared = "Very senior managers get a 3% pay rise."
    hits = [hit(1, f"Intro text here. {shared}"), hit(2, f"{shared} Then more.")]
    ev = select_evidence("senior managers pay rise", hits, flat(hits), budget=100, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=0, after=0)
    texts = " ".join(h.text for h in ev)
    assert texts.count(shared) == 1


def test_nothing_to_select():
    ev = select_evidence("anything", [], [], budget=100, count_tokens=words, header_tokens=lambda h, first: 0)
    assert ev == ()
    hits = [hit(1, "A sentence far longer than the tiny budget allows here.")]
    assert select_evidence("sentence", hits, flat(hits), budget=3, count_tokens=words,
                           header_tokens=lambda h, first: 0) == ()


def test_sentence_vectors_split_another_way_are_not_paired_with_the_wrong_sentences():
    import numpy as np

    from rag.answer.similarity import Similarities
    from rag.index.embedders import HashEmbedder

    class Index:  # an index whose stored vectors come from an older splitter: one vector too few
        def sentence_vectors_of(self, chunk_id):
            return np.zeros((1, 256), dtype=np.float32)

    h = Hit(1, "c1", 1.0, "The union met ministers in May.\n\nPay rose 3%.", "i", "t", "2026-06-01", "a", "a1", 1,
            "/article/i/a1#p-c1")
    embedder = HashEmbedder()
    sims = Similarities(Index(), embedder).sentence_similarities([h], embedder.embed_query("pay rose"))
    assert len(sims[0]) == 2 and sims[0][1] > 0.3  # embedded afresh, one cosine per sentence


def test_a_contact_detail_is_chosen_for_a_question_asking_for_its_kind():
    # make serve's first real check: "What is MiP's phone number?" sent the model the emails, not the number
    hits = [hit(1, "Contact your MiP rep for advice on pay. Email MiP for updates on pay talks."),
            hit(2, "MiP is a trade union for managers. 020 3437 1473 // miphealth.org.uk // LinkedIn: MiP")]
    ev = select_evidence("What is MiP's phone number?", hits, flat(hits), budget=16, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=0, after=0)
    assert any("020 3437 1473" in e.text for e in ev)


def test_list_items_keep_their_lines_so_none_runs_into_the_next():
    text = ("Your employer must:\n\ndeal with your request reasonably\n\nnot refuse without consulting you\n\n"
            "planned changes\n\nYou can only bring a claim on these grounds.")
    ev = select_evidence("must my employer consult me", [hit(1, text)], [[0.0] * 5], budget=100, count_tokens=words,
                         header_tokens=lambda h, first: 0)
    assert passage_sentences(ev[0].text) == passage_sentences(text)  # five lines, not one run-on sentence


def test_a_line_without_end_punctuation_is_not_run_into_the_capitalised_sentence_after_it():
    """A walk saw "...unless both parties have agreed to a longer period The ACAS Code of Practice says ...": the
    last item of a list, run into the next paragraph when both were chosen."""
    text = ("Your employer must:\n\nrespond within two months unless both parties have agreed to a longer period\n\n"
            "The ACAS Code of Practice says employers should arrange a meeting without unreasonable delay.")
    ev = select_evidence("how long has my employer got to respond", [hit(1, text)], [[0.0] * 3], budget=100,
                         count_tokens=words, header_tokens=lambda h, first: 0)
    assert "a longer period The ACAS" not in ev[0].text
    assert passage_sentences(ev[0].text) == passage_sentences(text)


def test_a_chosen_list_item_brings_its_lead_in():
    """"respond within two months" means little without "Your employer must:" three lines before it."""
    text = ("Your employer must:\n\ndeal with your request reasonably\n\nnot refuse without consulting you\n\n"
            "respond within two months\n\nMost requests are granted.")
    sims = [[0.0, 0.0, 0.0, 0.9, 0.0]]
    ev = select_evidence("how long to respond", [hit(1, text)], sims, budget=9, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=0, after=0)
    assert ev[0].text == "Your employer must:" + GAP + "respond within two months"


def test_a_list_item_taken_as_a_neighbour_brings_its_lead_in_or_is_left_out():
    """A walk's model, sent "respond within two months" (the neighbour of the chosen sentence after it) without "Your
    employer must:", wrote "You must respond within two months [2]"."""
    text = ("Your employer must:\n\ndeal with your request reasonably\n\nnot refuse without consulting you\n\n"
            "respond within two months\n\nThe ACAS Code says employers should arrange a meeting.")
    sims = [[0.0, 0.0, 0.0, 0.0, 0.9]]
    ev = select_evidence("what does the ACAS code say", [hit(1, text)], sims, budget=20, count_tokens=words,
                         header_tokens=lambda h, first: 0, before=1, after=0)
    assert ev[0].text == ("Your employer must:" + GAP + "respond within two months\n\n"
                          "The ACAS Code says employers should arrange a meeting.")
    tight = select_evidence("what does the ACAS code say", [hit(1, text)], sims, budget=10, count_tokens=words,
                            header_tokens=lambda h, first: 0, before=1, after=0)
    assert tight[0].text == "Your employer must:" + GAP + "respond within two months"  # never the item alone


def test_the_figure_asked_for_is_sent_when_closer_sentences_give_none():
    """Session 27: "how much is the VSM pay uplift?" was sent VSM pay policy and the 9% of VSMs paid less within the
    local model's budget, not the "3% pay rise"; the model cited the 3% to a passage not saying it."""
    hits = [hit(1, "Our policy is that VSMs should get the same pay rise as other staff."),
            hit(2, "The SSRB said that VSMs choose not to apply because the pay uplift is small."),
            hit(3, "Board-level managers are set for a 3% pay rise for 2026-27.")]
    sims = [[0.9], [0.8], [0.3]]
    gives = lambda text: "3%" in text  # noqa: E731 (the question's figure_tier, as rag.answer.prompts passes it)
    kwargs = dict(budget=40, count_tokens=words, header_tokens=lambda h, first: 4, before=0, after=0)
    plain = select_evidence("how much is the VSM pay uplift?", hits, sims, **kwargs)
    assert "c3" not in [h.chunk_id for h in plain]
    sent = select_evidence("how much is the VSM pay uplift?", hits, sims, gives_asked=gives, **kwargs)
    assert "c3" in [h.chunk_id for h in sent] and sent[0].chunk_id == "c1"  # still ordered by its best sentence
    # a figure beside one word of the question is not sent first: "3%" here shares only "pay" (under half)
    few = [hit(1, hits[0].text), hit(2, hits[1].text), hit(3, "Cleaners got 3% on their pay.")]
    assert "c3" not in [h.chunk_id for h in select_evidence("how much is the VSM pay uplift?", few, sims,
                                                            gives_asked=gives, **kwargs)]


def test_a_frequency_asked_for_is_sent_with_its_headline_holding_the_question_words():
    """Walk 30: "how often can I ask for flexible working?": "Two requests can be made in any twelve-month period."
    shares no word with the question, only its article's headline does ("Flexible and hybrid working: ...")."""
    def under(n: int, text: str) -> Hit:
        return dataclasses.replace(hit(n, text), article="Flexible and hybrid working: what are your rights?")
    hits = [under(1, "All employees have a right to request flexible working under section 80F of the 1996 Act."),
            under(2, "Employers will have to explain why it's reasonable to refuse flexible working."),
            under(3, "Two requests can be made in any twelve-month period.")]
    sims = [[0.9], [0.8], [0.3]]
    gives = lambda text: "twelve-month" in text  # noqa: E731 (figure_tier for a frequency, as prompts passes it)
    kwargs = dict(budget=40, count_tokens=words, header_tokens=lambda h, first: 4, before=0, after=0,
                  gives_asked=gives)
    question = "how often can I ask for flexible working?"
    assert "c3" not in [h.chunk_id for h in select_evidence(question, hits, sims, **kwargs)]
    sent = select_evidence(question, hits, sims, asked_in_article=asked_in_article(question), **kwargs)
    assert "c3" in [h.chunk_id for h in sent]


def test_a_list_item_is_scored_with_its_lead_in_words():
    """Walk 30: "does my employer have to talk to me before saying no?" was not sent "not refuse without consulting
    you": the item alone holds no word of the question, its lead-in "Your employer must:" does, and sentences holding
    "employer" took the budget."""
    text = ("Your employer must:\n\ndeal with your request reasonably\n\nnot refuse without consulting you\n\n"
            "respond within two months")
    hits = [hit(1, "Under the new Act, employers will have to explain why a refusal is reasonable."),
            hit(2, "The employer must then justify the refusal as proportionate."), hit(3, text)]
    sims = [[0.48], [0.5], [0.43, 0.3, 0.6, 0.3]]
    kwargs = dict(budget=16, count_tokens=words, header_tokens=lambda h, first: 0, before=0, after=0)
    sent = select_evidence("does my employer have to talk to me before saying no?", hits, sims, **kwargs)
    assert sent[0].chunk_id == "c3" and "not refuse without consulting you" in sent[0].text
