"""issue.toml's source naming a sub-folder without a suffix (source = "scans", the folder the PDF pages came in) was
refused as "a suffix-less file", so the maintainer looked for a file that is not there (tester 29). It is said to be a
folder, as source = "scans.pdf" naming a folder is."""

import pytest

from rag.corpus.source_files import source_path
from rag.errors import InputError


@pytest.mark.parametrize("name", ["scans", "scans.pdf"])
def test_a_source_naming_a_folder_is_said_to_be_one(tmp_path, name):
    (tmp_path / name).mkdir()
    with pytest.raises(InputError, match=r"is a folder, not a file: issue.toml's source names the issue's file"):
        source_path(tmp_path, name)


def test_a_suffix_less_file_is_still_refused_as_one(tmp_path):
    (tmp_path / "issue70").write_text("text")
    with pytest.raises(InputError, match="is a suffix-less file"):
        source_path(tmp_path, "issue70")
