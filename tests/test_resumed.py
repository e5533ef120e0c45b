"""A story set inside another: the other's tail goes back to it, and only when its words say so."""

from rag.corpus.resumed import stories_resumed
from rag.types import Article, Paragraph

_FILLER = [
    "The weather office reported heavy rain across the western hills during the spring festival season.",
    "Gardeners planted tulips and roses along the river path near the old stone bridge.",
    "A local choir performed folk songs at the harvest fair on the village green.",
]


def _article(n: int, headline: str, texts: list[str], page: int | None = 6) -> Article:
    return Article("i", f"{n:02d}-x", headline, tuple(Paragraph(t, page) for t in texts), page=page)


TRUSTS = [
    "Trusts plan to cut 21,000 management jobs, the union warned, as hospital trusts face deficits.",
    "The union's research found trusts will axe clinical and management jobs to meet deficits.",
]
WALES = [
    "Wales's health minister promised to eliminate two-year waits for treatment in Welsh hospitals.",
    "The minister set out surgical hubs for Wales and a new approach to planned care in the Senedd.",
    "Waiting lists in Wales remain far higher than in England, the Welsh government said.",
    "The Senedd heard that Welsh hubs would open next year, the minister said.",
]
TAIL = [
    "The union said job cuts at trusts were going unnoticed while management deficits grow.",
    "Cutting management jobs at trusts is a false economy, the union's research on deficits concluded.",
]


def test_the_tail_goes_back_to_the_story_it_continues():
    out = stories_resumed([_article(1, "Trusts to cut jobs", TRUSTS),
                           _article(2, "Wales vows to end waits", WALES + TAIL), _article(3, "Spring fair", _FILLER)])
    assert [p.text for p in out[0].paragraphs] == TRUSTS + TAIL
    assert [p.text for p in out[1].paragraphs] == WALES
    assert [a.article_id for a in out] == ["01-x", "02-x", "03-x"]
    assert out[2].paragraphs == tuple(Paragraph(t, 6) for t in _FILLER)


def test_a_story_that_does_not_return_keeps_its_text():
    articles = [_article(1, "Trusts to cut jobs", TRUSTS), _article(2, "Wales vows to end waits", WALES),
                _article(3, "Spring fair", _FILLER)]
    assert stories_resumed(articles) == articles


def test_most_of_a_story_is_never_given_away():
    """A tail holding most of a story's words is the story itself on a near subject, not a resumed one."""
    articles = [_article(1, "Trusts to cut jobs", TRUSTS), _article(2, "Wales vows to end waits", WALES[:1] + TAIL),
                _article(3, "Spring fair", _FILLER)]
    assert stories_resumed(articles) == articles


def test_stories_pages_apart_do_not_trade_text():
    articles = [_article(1, "Trusts to cut jobs", TRUSTS, page=2),
                _article(2, "Wales vows to end waits", WALES + TAIL, page=9), _article(3, "Spring fair", _FILLER)]
    assert stories_resumed(articles) == articles
