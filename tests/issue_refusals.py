"""The refusal of an issue folder a maintainer wrote by hand: its issue.toml and one text file, loaded."""

from pathlib import Path

import pytest

from rag.corpus.folders import load_issue
from rag.errors import InputError

TEXT = "Pay\n\nManagers in Partnership said the award was too low.\n" * 20


def refusal_of(tmp_path: Path, toml: str, text_file: str) -> str:
    """What load_issue says of a folder holding this issue.toml and a text file of that name (it must refuse)."""
    folder = tmp_path / "2030-spring"
    folder.mkdir()
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    (folder / text_file).write_text(TEXT)
    with pytest.raises(InputError) as refused:
        load_issue(folder)
    return str(refused.value)
