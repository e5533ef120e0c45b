"""Characters no reader sees (zero-width spaces, direction marks, a byte-order mark mid-text, control codes) are
taken out of a text or markdown source as it is read: 'pa\\u200by rise' was stored so, and no search for "pay"
found it (a tester's find)."""

import unicodedata

import pytest

from rag.corpus.cleaning import drop_invisible
from rag.corpus.folders import load_issue

BODY = ("Managers get a pay rise of 3% this year, the review body said. Members met in London to discuss the award "
        "and what it means for their teams. ")


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u200f", "\u2060", "\ufeff", "\x07", "\x1b", "\x7f", "\u202e"])
def test_an_invisible_character_inside_a_word_is_dropped(mark):
    assert drop_invisible(f"pa{mark}y rise") == "pay rise"


def test_what_a_reader_sees_is_kept():
    text = "caf\u00e9 \u05e9\u05dc\u05d5\u05dd tab\there\nline\x0cpage \U0001f468\u200d\U0001f469"  # ZWJ joins an emoji
    assert drop_invisible(text) == text
    assert drop_invisible("line\x0bbreak") == "line\nbreak"  # Word's vertical tab is its line break


def test_a_source_with_invisible_characters_reads_as_its_plain_copy(tmp_path):
    def issue(folder_name: str, body: str):
        folder = tmp_path / folder_name
        folder.mkdir()
        (folder / "i.txt").write_text(" Pay award\n" + body * 8 + "\n", encoding="utf-8")
        (folder / "issue.toml").write_text('title = "T"\nseason = "s"\ndate = "2030-03-01"\nsource = "i.txt"\n')
        return [(a.headline, [p.text for p in a.paragraphs]) for a in load_issue(folder)[1]]

    marked = BODY.replace("pay", "pa\u200by").replace("London", "\u200fLondon\u200e").replace("award", "aw\x07ard")
    assert issue("marked", "\ufeff" + marked) == issue("plain", BODY)
    texts = " ".join(p for _, ps in issue("marked2", marked) for p in ps)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in texts)
