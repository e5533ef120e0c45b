"""How to reach someone named: answered with their own detail first when a passage gives it beside their name, refused
when none does (a walk: "how do I contact him?" after "who's the chief exec of MiP?" was quoted Jon Restell's
sayings; "how do I contact Katia Widlak?" was refused, her address printed beside her name)."""

from rag.answer.extractive import best_quotes
from rag.answer.quote_choice import details_tier
from rag.answer.refusal import details_for_whom
from rag.answer.terms import document_frequencies
from rag.types import Hit


def hit(n: int, text: str, date: str = "2026-06-01", title: str = "Healthcare Manager issue 68") -> Hit:
    return Hit(rank=n, chunk_id=f"chunk-{n}", score=1.0, text=text, issue=f"issue-{date[:4]}", issue_title=title,
               date=date, article=f"Headline {n}", article_id=f"art-{n}", page=n, url=f"/a/{n}")


MASTHEAD = hit(1, "Managers in Partnership. 020 3437 1473 // info@miphealth.org.uk // miphealth.org.uk")
ORGANISER = hit(2, "If you're interested in becoming an MiP rep, contact MiP's organiser, Katia Widlak: "
                   "k.widlak@miphealth.org.uk.", date="2024-06-01", title="Healthcare Manager summer 2024")
CHIEF = hit(3, "MiP chief executive Jon Restell said the cuts were reckless and would harm patient care.")
HITS = [MASTHEAD, ORGANISER, CHIEF]
DF = document_frequencies(h.text for h in HITS)


def test_a_name_held_beside_a_detail_is_reached():
    assert details_for_whom("how do I contact Katia Widlak?", HITS, DF) is True
    assert details_for_whom("what is Katia Widlak's email address?", HITS, DF) is True


def test_a_name_no_detail_is_beside_is_not():
    assert details_for_whom("how do I get in touch with Jon Restell?", HITS, DF) is False
    # a follow-up's merge runs the conversation's words on after the name: the name is held by its rarest word
    assert details_for_whom("how do I contact him? (Jon Restell National Committee chief exec MiP)", HITS, DF) is False


def test_other_questions_are_left_to_the_rest_of_the_decision():
    assert details_for_whom("how do I contact MiP?", HITS, DF) is None  # no one named
    assert details_for_whom("who is Katia Widlak?", HITS, DF) is None  # no detail asked


def test_the_detail_of_whom_is_asked_comes_first_with_its_own_issue_named():
    tier = details_tier("how do I contact Katia Widlak?")
    assert tier(ORGANISER.text) == 2 and tier(MASTHEAD.text) == 0
    quotes, lead = best_quotes("how do I contact Katia Widlak?", HITS)
    assert "k.widlak@" in quotes[0].text and quotes[0].n == 2
    assert "summer 2024" in lead  # the address is from 2024, not the newest issue


def test_a_detail_of_the_kind_asked():
    tier = details_tier("what is MiP's phone number?")
    assert tier(MASTHEAD.text) >= 1 and tier(ORGANISER.text) == 0  # an email is no phone number
    assert details_tier("what did Jon Restell say about cuts?") is None


def test_the_pipeline_refuses_a_contact_the_archive_does_not_give(tmp_path):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    from rag.types import Article, Issue, Paragraph

    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt")
    advice = "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk."
    texts = [MASTHEAD.text, ORGANISER.text, CHIEF.text, advice]
    corpus = [(issue, [Article(issue.issue_id, f"0{i}-a", f"Headline {i}", (Paragraph(t, i),), i)
                       for i, t in enumerate(texts, 1)])]
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, min_relevance=0.0),
                        index=build_index(tmp_path, corpus), embedder=HashEmbedder(), llm=None,
                        count_tokens=lambda t: len(t.split()))
    history = [("who's the chief exec of MiP?", '"MiP chief executive Jon Restell said ..." [1]')]
    refused = pipeline.answer("how do I contact him?", history=history)
    # walk 28: told only "The archive does not cover this."; MiP's own line is its notice
    assert refused.refused and f'To reach MiP, the magazine says: "{advice[:-1]}' in refused.notice
    answer = pipeline.answer("how do I contact Katia Widlak?")
    assert not answer.refused and "k.widlak@" in answer.answer


def test_a_detail_beside_whom_the_question_names_by_role_comes_before_any_other():
    """A check: "what's the editor's email?" opened on the advice line's address, the editor's second."""
    tier = details_tier("what's the editor's email?")
    editor = "Got an event that MiP members should know about? Send details to the editor: c.ryan@miphealth.org.uk"
    advice = "Contact your local MiP rep or MiP head office (MemberAdvice@miphealth.org.uk) if you need more support."
    assert tier(editor) == 2 and tier(advice) == 1 and tier(CHIEF.text) == 0
    quotes, _ = best_quotes("what's the editor's email?", [hit(1, advice), hit(2, editor)])
    assert "c.ryan@" in quotes[0].text


def test_a_models_answer_giving_another_s_detail_gives_way_to_theirs(tmp_path):
    """Walk 28: "how do I contact Katia Widlak?" was answered "To contact Katia Widlak, you should email
    MemberAdvice@miphealth.org.uk [2]", her own address (beside her name in a passage sent) only among the quotes."""
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import ScriptedLLM, build_index
    from rag.types import Article, Issue, Paragraph

    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt")
    advice = "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk."
    texts = [advice, ORGANISER.text, CHIEF.text]
    corpus = [(issue, [Article(issue.issue_id, f"0{i}-a", f"Headline {i}", (Paragraph(t, i),), i)
                       for i, t in enumerate(texts, 1)])]
    idx = build_index(tmp_path, corpus)

    def asked(reply: str):
        return Pipeline(settings=Settings(condense_with_llm=False, answer_check=False, min_relevance=0.0), index=idx,
                        embedder=HashEmbedder(), llm=ScriptedLLM([reply]),
                        count_tokens=lambda t: len(t.split())).answer("how do I contact Katia Widlak?")

    wrong = asked("To contact Katia Widlak, you should email MemberAdvice@miphealth.org.uk [1].")
    assert wrong.llm == "extractive" and "of whom you asked about" in wrong.notice
    assert wrong.answer.split('"')[1].endswith("k.widlak@miphealth.org.uk.")  # her own line first
    right = asked("You can email Katia Widlak at k.widlak@miphealth.org.uk [2].")
    assert right.llm != "extractive" and "k.widlak@" in right.answer
