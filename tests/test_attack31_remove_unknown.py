"""`rag remove` given what is no issue id: "" (an unset shell variable) was "no indexed issue ''"; the id pasted with a
trailing space was called "a folder's path"; the id in other capitals, "issue 68", a folder's issue.toml or a pattern
("2026*", quoted) were "no indexed issue ..." alone. Each now names the id meant and the command; nothing is removed."""

import pytest

from rag.errors import InputError
from rag.index import ingest, store
from rag.index.embedders import HashEmbedder
from rag.testing import build_index


@pytest.mark.parametrize("given, said", [
    ("", "rag remove '' names no issue (an unset shell variable?): give the id of an indexed issue"),
    ("2026-summer ", "'2026-summer ' has a space at its start or end: the id is 2026-summer, `rag remove 2026-summer`"),
    ("2026-Summer", "ids are written as `rag status` lists them: `rag remove 2026-summer`"),
    ("issue 68", "'issue 68' is the number or season of 2026-summer: an issue is removed by its id"),
    ("corpus/2026-summer/issue.toml", "is its issue.toml's path: an issue is removed by its id, "
                                         "`rag remove 2026-summer`"),
    ("2026*", "rag remove takes ids, not patterns: 2026-summer matches it: give each id to remove"),
])
def test_remove_of_what_is_no_id_names_the_id_meant(tmp_path, given, said):
    index = tmp_path / "index"
    build_index(index)
    served = store.current_version(index)
    with pytest.raises(InputError) as refused:
        ingest.run(index, HashEmbedder(), lambda t: len(t.split()), remove=[given])
    assert said in str(refused.value)
    assert store.current_version(index) == served and store.list_versions(index) == [served]


def test_a_season_starting_like_no_is_not_read_as_a_number(tmp_path):
    from rag.index.issue_named import unknown_issue

    said = unknown_issue("november 2026", {"2026-11": (None, "November 2026"), "2026-10": (70, "October 2026")})
    assert "is the number or season of 2026-11:" in said
