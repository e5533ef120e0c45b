"""File settings named explicitly must name a file: a typo is said, not quietly replaced by a default."""

import pytest

from rag.config import ROOT, load_settings
from rag.errors import InputError


@pytest.mark.parametrize("value", ["/nonexistent/answerability.json", "/tmp"])
def test_an_answerability_file_that_is_not_a_file_is_refused(value):
    """RAG_ANSWERABILITY_FILE=/nonexistent answered with no refusal model at all, without a word (a tester's find)."""
    with pytest.raises(InputError, match=r"RAG_ANSWERABILITY_FILE=.* is not a file: .*or unset it"):
        load_settings({"RAG_ANSWERABILITY_FILE": value})


def test_an_answerability_file_that_exists_or_none_is_fine():
    path = ROOT / "rag" / "answer" / "answerability.json"
    assert load_settings({"RAG_ANSWERABILITY_FILE": str(path)}).answerability_path == path
    assert load_settings({}).answerability_file is None


def test_a_folder_given_from_the_home_folder_is_read_as_a_shell_would(monkeypatch, tmp_path):
    """RAG_INDEX_DIR='~/idx' quoted in a .env file reached the app as typed: an ingest made a folder named "~"."""
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = load_settings({"RAG_INDEX_DIR": "~/idx", "RAG_CORPUS_DIR": "~/corpus"})
    assert settings.index_dir == tmp_path / "idx" and settings.corpus_dir == tmp_path / "corpus"
