"""A model's answer to "how do I contact ...?" giving no address or number, where a passage gives one, is replaced by
the passages' own words (rag.answer.checking)."""

import dataclasses

import pytest

from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.contact_details import asks_for_details, holds_details
from rag.index.embedders import HashEmbedder
from rag.testing import ScriptedLLM, build_index, sample_corpus
from rag.types import Paragraph

LINE = "Members needing personal advice should contact MiP by emailing MemberAdvice@mip.example."


@pytest.fixture(scope="module")
def idx(tmp_path_factory):
    (new, articles), old = sample_corpus()
    articles = [dataclasses.replace(a, paragraphs=(*a.paragraphs, Paragraph(LINE, a.page)))
                if a.headline.startswith("Flexible") else a for a in articles]
    return build_index(tmp_path_factory.mktemp("idx"), corpus=[(new, articles), old])


def make(idx, llm):
    s = Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0)
    return Pipeline(settings=s, index=idx, embedder=HashEmbedder(), llm=llm, count_tokens=lambda t: len(t.split()))


def test_questions_asking_for_contact_details():
    for q in ("how do i contact mip", "whats the mip phone number", "how can members get in touch with MiP?",
              "contact details for my rep"):
        assert asks_for_details(q), q
    for q in ("whos my rep in the north west", "what does MiP do?", "who chairs MiP?"):
        assert not asks_for_details(q), q
    assert holds_details("email MemberAdvice@mip.example") and not holds_details("contact your rep")


@pytest.mark.parametrize("question, asks", [
    ("can my manager make me come into the office three days a week when I've always done two?", False),
    ("how much office time does the hybrid working policy require?", False),
    ("where is the union's office?", True), ("where is MiP's head office?", True), ("MiP headquarters?", True),
    ("what are MiP's office opening hours?", True), ("whats the office address", True),
])
def test_an_office_asks_for_an_address_only_where_asked_or_whose_it_is(question, asks):
    """Walk 32: "can my manager make me come into the office three days a week ...?" was read as asking for an
    address, and quoted the masthead's "Published by: Managers in Partnership, Centenary House, ..." first."""
    assert asks_for_details(question) is asks


@pytest.mark.parametrize("question, asks", [
    ("what are the four priority areas MiP wants the government to address?", False),
    ("how should managers address bullying?", False), ("how does the bill address staff concerns?", False),
    ("what did MiP call for?", False), ("what did the unions call on ministers to do?", False),
    ("can I call a meeting?", False), ("is the money ring-fenced?", False),
    ("what is MiP's address?", True), ("whats the mip address", True), ("address of mip", True),
    ("what address do I write to?", True), ("who do I call about my pay?", True), ("can I ring the union?", True),
    ("what is the email address for member advice?", True),
])
def test_call_and_address_as_verbs_of_another_deed_ask_for_no_detail(question, asks):
    """The lead's member questions (session 34): "what are the four priority areas MiP wants the government to
    address?" was answered with the masthead's postal address alone, the four areas not quoted."""
    assert asks_for_details(question) is asks


def test_an_answer_giving_no_contact_details_gives_way_to_the_passages_words(idx):
    """A walk's "how do i contact mip" got the discrimination guide's steps ("Contacting your MiP rep: Agree an action
    plan: who is doing what and when [1]?"); the archive gives MiP's advice address."""
    llm = ScriptedLLM(["Employers must respond to a request for personal advice within two months [1]."])
    answer = make(idx, llm).answer("How do members contact MiP for personal advice?")
    assert not answer.refused and "MemberAdvice@mip.example" in answer.answer, answer.answer
    assert answer.llm == "extractive" and "gave no contact details" in answer.notice
    # an answer giving the address stands
    llm = ScriptedLLM(["Members needing personal advice should email MemberAdvice@mip.example [1]."])
    answer = make(idx, llm).answer("How do members contact MiP for personal advice?")
    assert answer.llm != "extractive" and "Members needing personal advice should email" in answer.answer
