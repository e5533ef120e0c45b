"""A model's claim that gives one name the description its passage gives another (rag.answer.descriptions)."""

from dataclasses import replace

from rag.answer.citations import validate
from rag.answer.descriptions import description_moved, role_beside_name, role_not_given
from rag.testing import text_hit

ATTACK = ("The ransomware attack hit Synnovis, a firm majority-owned by European tech firm Synlab in which the two NHS "
          "trusts each have a minority stake. Jon Restell, the chief executive of MiP, called for more investment.")



def test_a_description_given_to_another_name_is_caught():
    # a local run's answer: the passage describes Synnovis so, and names Synlab after it
    claim = "Synlab, a firm majority-owned by European tech firm Synlab, runs the systems [2]."
    assert description_moved(claim, ATTACK)
    assert description_moved("Craig Ryan, the chief executive of MiP, called for investment [1].", ATTACK)


def test_the_passages_own_pairing_or_a_description_it_never_gives_is_not():
    assert not description_moved("Synnovis, a firm majority-owned by Synlab, runs the systems [1].", ATTACK)
    assert not description_moved("Jon Restell, the chief executive of MiP, called for investment [1].", ATTACK)
    assert not description_moved("Synlab, a European tech firm, owns most of Synnovis [1].", ATTACK)


def test_the_model_claim_loses_its_citation():
    question = "Which company runs the pathology systems hit in the cyberattack?"
    _, cites = validate("Synlab, a firm majority-owned by European tech firm Synlab, runs the pathology systems [1].",
                        [text_hit(ATTACK)], question=question)
    assert cites == []
    _, cites = validate("Synnovis, a firm majority-owned by European tech firm Synlab, runs the pathology systems [1].",
                        [text_hit(ATTACK)], question=question)
    assert [c.n for c in cites] == [1]


MASTHEAD = ("Published by: Managers in Partnership, Centenary House. Contributors: Victoria English, Rhys McKenzie, "
            "Alison Moore, Jon Restell, Craig Ryan, Jo Seery, Gillian Smith.")
SIGN_OFF = "The NHS is too precious to be messed about like this. Craig Ryan, Editor c.ryan@miphealth.org.uk"


def test_a_role_asked_about_is_held_to_a_passage_giving_the_name_that_role():
    """Walk 31: "who is the editor of healthcare manager" was answered "Victoria English is the editor of Healthcare
    Manager [1]", [1] the masthead's list of contributors."""
    question = "who is the editor of healthcare manager"
    sent = [text_hit(MASTHEAD, article="Masthead"), replace(text_hit(SIGN_OFF, article="Editorial"), chunk_id="c2")]
    _, cites = validate("Victoria English is the editor of Healthcare Manager [1].", sent, question=question)
    assert cites == []
    _, cites = validate("Craig Ryan is the editor of Healthcare Manager [2].", sent, question=question)
    assert [c.n for c in cites] == [2]
    # a role the passage gives beside the name, before or after it; a question asking no role
    assert not role_not_given("Jon Restell is the chief executive of MiP", "MiP chief executive Jon Restell said so.",
                              "who is the chief executive of MiP?")
    assert not role_not_given("Victoria English wrote it", MASTHEAD, "who wrote the article?")


def test_a_quote_naming_someone_beside_the_role_asked_about_comes_first():
    """Walk 31: "who is the editor of healthcare manager" was quoted "Opinions expressed are those of the contributors
    ..." first, the editor's "Craig Ryan, Editor" second."""
    from rag.answer.extractive import best_quotes

    hits = [text_hit("Opinions expressed are those of the contributors and not necessarily those of Healthcare "
                     "Manager or MiP.", article="Masthead"),
            replace(text_hit(SIGN_OFF, article="Editorial"), chunk_id="c2", rank=2)]
    quotes, _ = best_quotes("who is the editor of healthcare manager", hits)
    assert quotes[0].text.startswith("Craig Ryan, Editor")
    assert role_beside_name("MiP chief executive Jon Restell said so.", "who is the chief executive of MiP?")
    assert not role_beside_name(hits[0].text, "who is the editor of healthcare manager")
    assert not role_beside_name(SIGN_OFF, "what did the editor say?")


def test_names_given_for_a_role_with_no_word_of_it_are_held_to_the_passage_too():
    """The lead's member questions (session 34): the local model answered "who edits Healthcare Manager?" with
    "Victoria English, Rhys McKenzie, Alison Moore, Jon Restell, Craig Ryan, Jo Seery, Gillian Smith [1]", [1] the
    masthead's contributors."""
    question = "who edits Healthcare Manager? (editor)"
    listed = "Victoria English, Rhys McKenzie, Alison Moore, Jon Restell, Craig Ryan [1]."
    assert role_not_given(listed, MASTHEAD, question)
    assert not role_not_given("Craig Ryan [1].", SIGN_OFF, question)  # the passage gives him the role
    assert not role_not_given(listed, MASTHEAD, "who wrote for the summer issue?")  # no role asked
    sent = [text_hit(MASTHEAD, article="Masthead"), replace(text_hit(SIGN_OFF, article="Editorial"), chunk_id="c2")]
    _, cites = validate(listed, sent, question=question)
    assert cites == []
