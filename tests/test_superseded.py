"""A contact line a newer issue restates with another name or address supersedes the older issue's (walk 28: "how do
I become an MiP rep?" was answered with the 2024 organiser's address, issue 68's acting organiser in the passages
too)."""

from rag.answer.superseded import without_stale_details
from rag.types import Hit

OLD = ("Jenny trained as a rep in 2023. If you're interested in becoming an MiP rep, contact MiP's organiser, Katia "
       "Widlak: k.widlak@miphealth.org.uk.")
NEW = "If you're interested in becoming a rep, contact MiP's acting national organiser, Rosie Kirk: r.kirk@mip.org.uk."
ADVICE = "Members needing personal advice should contact MiP by emailing MemberAdvice@miphealth.org.uk."


def hit(n: int, text: str, date: str) -> Hit:
    return Hit(rank=n, chunk_id=f"c{n}", score=1.0, text=text, issue=date[:4], issue_title=date[:4], date=date,
               article=f"A{n}", article_id=f"a{n}", page=n, url=f"/a/{n}")


def test_the_older_line_restated_with_another_address_is_taken_out():
    kept = without_stale_details([hit(1, OLD, "2024-06-01"), hit(2, NEW, "2026-06-01")])
    assert [h.text for h in kept] == ["Jenny trained as a rep in 2023.", NEW]


def test_the_same_address_again_or_another_line_stays():
    same = hit(1, ADVICE, "2024-06-01")
    assert without_stale_details([same, hit(2, ADVICE, "2026-06-01")])[0].text == ADVICE
    assert without_stale_details([same, hit(2, NEW, "2026-06-01")])[0].text == ADVICE  # says something else
    # the newer line is never the one taken out, and a passage left with nothing is dropped
    alone = hit(1, OLD.split(". ", 1)[1], "2024-06-01")
    assert [h.chunk_id for h in without_stale_details([alone, hit(2, NEW, "2026-06-01")])] == ["c2"]
    assert without_stale_details([hit(1, OLD, "2026-06-01"), hit(2, NEW, "2024-06-01")])[0].text == OLD


def test_only_a_question_on_what_to_do_or_whom_to_reach_now_drops_the_older_line():
    from rag.answer.superseded import asks_for_now
    for q in ("how do I become an MiP rep?", "who should I email about becoming a rep?",
              "what's the organiser's email?"):
        assert asks_for_now(q), q
    for q in ("Which national organisers has MiP had for reps?", "who was the organiser in 2024?"):
        assert not asks_for_now(q), q
