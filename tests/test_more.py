"""Walk 30: "tell me more" after "are job cuts a risk to cyber security?" was given the answer before word for word (the
same search, the same passages first, the same quotes). What the answer before quoted is now read last."""

from dataclasses import replace

import numpy as np

from rag.answer.more import asks_for_more, more_of, not_said_first, quoted_in
from rag.answer.retrieve import Retrieval
from tests.test_contact_of_whom import hit

CYBER = [
    "NHS England non-exec director Mark Bailie warned job cuts were a material risk to cyber security in the NHS.",
    "The threat of cyber attacks on the NHS has increased dramatically, NHS England chief Sir Jim Mackey has said.",
    "A major cyber security exercise for the NHS is also planned for July, with job cuts under way.",
    "New identity and access controls and 24-hour monitoring are part of the NHS cyber security plan.",
]
BEFORE = f'"{CYBER[0]}" [1] "{CYBER[1]}" [2]'


def test_the_whole_message_asking_for_more_is_told_apart():
    for q in ("tell me more", "Tell me more.", "more please", "go on", "what else?", "anything else?",
              "ok, tell me more", "can you expand on that?", "more"):
        assert asks_for_more(q), q
    for q in ("tell me more about the pay award", "what else did MiP say about pay?", "more jobs?", "is there more?"):
        assert not asks_for_more(q), q


def test_what_the_answer_before_quoted_is_read_last():
    hits = [hit(i + 1, t) for i, t in enumerate(CYBER)]
    assert quoted_in(BEFORE) == [CYBER[0].casefold()[:40], CYBER[1].casefold()[:40]]
    assert [h.text for h in not_said_first(hits, BEFORE)] == [CYBER[2], CYBER[3], CYBER[0], CYBER[1]]
    assert not_said_first(hits[:3], BEFORE) == tuple(hits[:3])  # one other left: nothing more to say
    assert not_said_first(hits, "MiP welcomed it [1].") == tuple(hits)  # nothing quoted


def test_the_order_is_kept_when_what_is_left_would_be_refused():
    found = Retrieval(hits=tuple(hit(i + 1, t) for i, t in enumerate(CYBER)), best_dense=0.6, best_lexical=3.0,
                      query_vector=np.zeros(4, dtype=np.float32))
    moved = more_of(found, BEFORE, refuses=lambda f: False)
    assert moved.hits[0].text == CYBER[2] and moved != found
    assert more_of(found, BEFORE, refuses=lambda f: True) is found
    assert more_of(replace(found, hits=found.hits[:2]), BEFORE, refuses=lambda f: False).hits == found.hits[:2]


def test_tell_me_more_is_answered_with_what_the_answer_before_did_not_quote(tmp_path):
    from rag.answer.pipeline import Pipeline
    from rag.config import Settings
    from rag.index.embedders import HashEmbedder
    from rag.testing import build_index
    from rag.types import Article, Issue, Paragraph

    issue = Issue("2026-summer", "Healthcare Manager issue 68, summer 2026", "2026-06-01", "summer 2026", "a.txt")
    corpus = [(issue, [Article(issue.issue_id, f"{i:02d}-a", f"Cyber security {i}", (Paragraph(t, i),), i)
                       for i, t in enumerate(CYBER, 1)])]
    pipeline = Pipeline(settings=Settings(condense_with_llm=False, min_relevance=0.0, context_k=2, top_k=4),
                        index=build_index(tmp_path, corpus), embedder=HashEmbedder(), llm=None,
                        count_tokens=lambda t: len(t.split()))
    first = pipeline.answer("are job cuts a risk to cyber security in the NHS?")
    assert not first.refused
    more = pipeline.answer("tell me more", history=[(first.question, first.answer)])
    assert not more.refused and more.answer != first.answer
    said = {c.chunk_id for c in first.citations}
    assert said and not said & {c.chunk_id for c in more.citations}
