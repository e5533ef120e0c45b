"""`rag eval --out` naming an issue folder outside RAG_CORPUS_DIR (one a maintainer is preparing, or a copy) wrote
results.jsonl, summary.json and report.html beside the issue's file; only the corpus and index folders were kept out.
A folder holding an issue.toml, or inside one, is now refused before any question is asked."""

import pytest

from rag.errors import InputError
from rag.evals.runner import prepare_out_dir


def _issue(tmp_path):
    folder = tmp_path / "drafts" / "2026-autumn-69"
    folder.mkdir(parents=True)
    (folder / "issue.toml").write_text('title = "x"\n', encoding="utf-8")
    (folder / "hm.pdf").write_bytes(b"%PDF-1.4\n")
    return folder


@pytest.mark.parametrize("sub", ["", "reports"])
def test_an_issue_folder_is_no_place_for_reports(tmp_path, sub):
    folder = _issue(tmp_path)
    with pytest.raises(InputError, match="is in the issue folder .*2026-autumn-69 \\(it holds an issue.toml\\)"):
        prepare_out_dir(folder / sub if sub else folder)
    assert sorted(p.name for p in folder.iterdir()) == ["hm.pdf", "issue.toml"]


def test_a_folder_beside_it_takes_them(tmp_path):
    _issue(tmp_path)
    assert prepare_out_dir(tmp_path / "drafts" / "reports").is_dir()
