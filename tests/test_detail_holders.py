"""The contact detail asked for, beside whom it is asked of, found by reading when the search ranks it lower: "where is
the union's office?" was quoted the TUC Congress's venue, the masthead's "Published by: Managers in Partnership,
Centenary House, ..., SE1 1NL" 7th to 12th in the search (q212; the example in ../shared/docs/eval-format.md)."""

from rag.answer.detail_holders import giving_detail_of_whom
from rag.answer.quote_choice import details_tier
from rag.contact_details import asks_a_kind, own_body_asked

MASTHEAD = "Published by: Managers in Partnership, Centenary House, 93-95 Borough High St, London, SE1 1NL"
FESTIVAL = ("Tolpuddle, Dorset (DT2 7EH) Annual festival organised by the TUC to celebrate the founders of the trade "
            "union movement, with music, comedy, speakers, debates, food and drink.")
CONGRESS = "TUC Congress 2026. Brighton Centre 158th annual congress of UK trade unions, meeting for three days."
FILLER = [f"The union's national committee met in {town} to discuss {topic} and the pay of managers in the NHS."
          for town in ("Leeds", "Bristol", "Newcastle", "Cardiff", "Belfast")
          for topic in ("reorganisation", "pensions", "bullying")]


def test_the_union_asked_of_is_mip_not_the_union_movement():
    mip = own_body_asked("where is the union's office?")
    assert mip is not None and own_body_asked("what's MiP's phone number?") is mip
    assert own_body_asked("what's the postcode of the festival honouring the union movement?") is None
    assert own_body_asked("where is UNISON's head office?") is None
    assert mip.named.search(MASTHEAD) and mip.named.search("info@miphealth.org.uk")
    assert not mip.named.search(FESTIVAL)


def test_the_magazine_is_reached_through_its_editor():
    magazine = own_body_asked("how can I contact the magazine?")
    assert magazine is not None and magazine is not own_body_asked("how do I contact MiP?")
    tier = details_tier("what is the email address of the magazine?")
    editor = "Got an event that MiP members should know about? Send details to the editor: c.ryan@miphealth.org.uk"
    assert tier(editor) == 2 and tier("Members needing advice should email MemberAdvice@miphealth.org.uk") == 1


def test_where_someone_is_based_asks_for_an_address():
    assert asks_a_kind("where is MiP based?") and asks_a_kind("where is the union located?")
    assert not asks_a_kind("what is the pay award based on?")


def test_an_address_beside_mips_name_answers_where_the_union_is():
    tier = details_tier("where is the union's office?")
    assert tier(MASTHEAD) == 2 and tier(FESTIVAL) == 1 and tier(CONGRESS) == 0
    # the union movement is no question about MiP: the festival's own words hold its postcode
    assert details_tier("what's the postcode for the festival honouring the union movement?")(FESTIVAL) == 2
    gives = giving_detail_of_whom("where is MiP based?")
    assert gives(f"Please recycle. {MASTHEAD}. ISSN 1759-9784") and not gives(FESTIVAL)
    assert giving_detail_of_whom("how do I contact MiP?") is None  # no kind named: left to the ranking


def _pipeline(tmp_path, context_k: int):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    from rag.types import Article, Issue, Paragraph

    old = Issue("2024-summer", "Healthcare Manager summer 2024", "2024-06-01", "summer 2024", "b.txt")
    new = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt")
    texts = [*FILLER, CONGRESS, FESTIVAL]
    corpus = [(old, [Article(old.issue_id, "01-a", "Masthead", (Paragraph(MASTHEAD, 1),), 1)]),
              (new, [Article(new.issue_id, f"{i:02d}-a", f"Headline {i}", (Paragraph(t, i),), i)
                     for i, t in enumerate(texts, 1)])]
    return Pipeline(settings=Settings(condense_with_llm=False, min_relevance=0.0, context_k=context_k, top_k=4),
                    index=build_index(tmp_path, corpus), embedder=HashEmbedder(), llm=None,
                    count_tokens=lambda t: len(t.split()))


def test_the_passage_giving_it_is_brought_among_those_read(tmp_path):
    from rag.answer.retrieve import Filters

    pipeline = _pipeline(tmp_path, context_k=3)
    found = pipeline.retrieve("where is the union's office?")
    assert len(found.hits) == 4 and found.hits[2].article == "Masthead"  # the last place of the 3 read
    assert [h.rank for h in found.hits] == [1, 2, 3, 4]
    answer = pipeline.answer("where is the union's office?")
    assert not answer.refused and answer.answer.startswith(f'"{MASTHEAD}"')
    # an issue filter leaving its issue out leaves it out
    within = pipeline.retrieve("where is the union's office?", filters=Filters(issues=("2026-summer",)))
    assert all(h.issue == "2026-summer" for h in within.hits)
    # other questions are ranked as searched
    assert "Masthead" not in [h.article for h in pipeline.retrieve("where did the national committee meet?").hits]


def test_a_passage_already_read_is_left_where_it_was(tmp_path):
    from rag.answer.detail_holders import with_detail_holder
    from rag.answer.retrieve import Filters

    pipeline = _pipeline(tmp_path, context_k=3)
    found = pipeline.retrieve("where is the union's office?")
    assert with_detail_holder("where is the union's office?", found, pipeline.index, Filters(), read=3) is found


def test_the_sentence_giving_it_is_kept_when_the_passages_are_cut_to_a_models_budget():
    """The local model's budget: the masthead's sentence, sharing no word with the question, was cut from what it
    was sent ("where is MiP's head office?")."""
    from rag.answer.prompts import prompt_evidence
    from rag.sentences import passage_sentences
    from tests.test_contact_of_whom import hit

    hits = [hit(i, text) for i, text in enumerate([*FILLER[:6], f"Please recycle. {MASTHEAD}"], 1)]
    sims = [[0.5 if i < 6 else 0.1] * len(passage_sentences(h.text)) for i, h in enumerate(hits)]
    sent = prompt_evidence("where is the union's office?", hits, sims, budget=60,
                           count_tokens=lambda t: len(t.split()), lexical_weight=0.3, neighbours=0)
    assert any("SE1 1NL" in h.text for h in sent)


def test_contact_questions_about_the_archives_own_bodies_are_held_answered(tmp_path):
    """"how can I contact the magazine?" and "how do I get in touch with the editor?" were refused (no passage held
    the word "magazine", or "touch", beside a detail)."""
    from rag.answer.refusal import RefusalDecision
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    from tests.test_contact_of_whom import hit

    editor = "Got an event that MiP members should know about? Send details to the editor: c.ryan@miphealth.org.uk"
    decision = RefusalDecision(Settings(), build_index(tmp_path), HashEmbedder(), None, None)
    hits = [hit(1, FILLER[0]), hit(2, editor)]
    assert decision._contact_held("how can I contact the magazine?", hits)
    assert decision._contact_held("how do I get in touch with the editor?", hits)
    assert decision._contact_held("what is the magazine's email address?", hits)
    assert not decision._contact_held("what is the magazine's phone number?", hits)  # no number is given
    assert not decision._contact_held("how do I contact the magazine's printers?", hits)
