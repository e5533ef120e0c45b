"""An issue.toml giving a key twice (number = 69 kept, number = 70 added under it when the next issue's file was
copied) was refused with tomllib's words alone: "is not valid TOML (Cannot overwrite a value (at line 6, column
12))", naming neither the key nor where it first stood. The refusal now names the key and both lines."""

import re

import pytest

from rag.corpus.folders import read_issue_toml
from rag.errors import InputError

TOML = ('title = "Healthcare Manager, autumn 2026"\nnumber = 69\nseason = "autumn 2026"\ndate = "2026-09-01"\n'
        'source = "issue.md"\n')


@pytest.mark.parametrize("text, said", [
    (TOML + "number = 70\n", "gives number twice (lines 2 and 6): keep the one that is right and delete the other"),
    (TOML + "[layout]\nfirst_page = 1\nfirst_page = 2\n", "gives first_page twice (lines 7 and 8)"),
    (TOML + "[layout]\nfirst_page = 1\n[layout]\nnot_page_starts = []\n", "gives [layout] twice (lines 6 and 8)"),
])
def test_a_key_given_twice_is_named_with_both_lines(tmp_path, text, said):
    folder = tmp_path / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape("issue.toml " + said)):
        read_issue_toml(folder)


def test_other_toml_errors_are_said_as_before(tmp_path):
    folder = tmp_path / "2026-autumn-69"
    folder.mkdir()
    (folder / "issue.toml").write_text('title = "x\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"is not valid TOML \(Illegal character"):
        read_issue_toml(folder)
