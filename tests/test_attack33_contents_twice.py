"""A [[contents]] entry whose starts_with is found more than once in the issue's text (a word or two, "Staff"): the
article was begun at the first place found, a guess nothing said, its text taken from whatever followed. Refused,
saying how many times it is found and what to give; an entry found once cuts the article as before."""

import pytest

from rag.corpus.layout import Draft, apply_contents
from rag.errors import InputError


def drafts():
    return [Draft(headline="News", page=2, paras=[("Staff will vote on the offer this week.", "body"),
                                                  ("Staff in Wales get the award in May.", "body")], pages=[2, 3])]


def test_a_starts_with_found_twice_is_refused():
    with pytest.raises(InputError) as refused:
        apply_contents(drafts(), [{"headline": "Wales", "page": 3, "starts_with": "Staff"}], "x/issue.toml")
    said = str(refused.value)
    assert said.startswith("x/issue.toml [[contents]] entry 1 ('Wales'): starts_with 'Staff' is found 2 times")
    assert "copy more of the first words of its body" in said


def test_a_starts_with_found_once_cuts_as_before():
    cut = drafts()
    apply_contents(cut, [{"headline": "Wales", "page": 3, "starts_with": "Staff in Wales"}], "x/issue.toml")
    assert [d.headline for d in cut] == ["News", "Wales"]
    assert cut[1].paras == [("Staff in Wales get the award in May.", "body")]
