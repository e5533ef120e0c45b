"""A format-2 version whose manifest.json.sha256 was deleted loaded and served, and `rag verify` said "every file
matches its checksum", its manifest checked for shape only. Every format-2 version was written with the file (it came
before format 2), so one without it has lost it: `rag status`, `verify`, `ingest` and loading name the damage and
what to do. A format-1 version without it (written before it existed) still loads (tests/test_index_safety.py)."""

import pytest

from rag import cli
from rag.errors import IndexUnavailable
from rag.index import store
from rag.index.reader import load_index
from rag.testing import build_index


def _lose_sum(index_dir):
    folder = index_dir / "versions" / store.current_version(index_dir)
    (folder / store.MANIFEST_SUM).unlink()
    return folder


def test_a_format_2_version_without_its_manifest_checksum_is_damaged(tmp_path):
    build_index(tmp_path)
    folder = _lose_sum(tmp_path)
    for read in (load_index, store.verify, store.read_manifest):
        with pytest.raises(IndexUnavailable) as err:
            read(tmp_path)
        said = str(err.value)
        assert "manifest.json.sha256 is missing" in said and f"git checkout -- {folder / store.MANIFEST_SUM}" in said
        assert "rag ingest corpus/ --rebuild" in said


def test_status_verify_and_ingest_name_it(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "corpus" / "2027-spring"
    corpus.mkdir(parents=True)
    (corpus / "issue.toml").write_text('title = "HM spring 2027"\nnumber = 80\nseason = "spring"\n'
                                       'date = "2027-03-01"\nsource = "issue.md"\n')
    (corpus / "issue.md").write_text("# Pay award\n\n" + "The union said the pay offer fell short of what members "
                                     "asked for in its consultation this spring. " * 12 + "\n")
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("RAG_EMBEDDER", "hash")
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert cli.main(["ingest", str(corpus.parent)]) == 0
    first = store.current_version(tmp_path / "index")
    (corpus / "issue.md").write_text((corpus / "issue.md").read_text() + "\nA second paragraph on pensions.\n")
    assert cli.main(["ingest", str(corpus.parent)]) == 0
    _lose_sum(tmp_path / "index")
    capsys.readouterr()
    for args in (["status"], ["verify"], ["ingest", str(corpus.parent)]):
        status = cli.main(args)
        _, err = capsys.readouterr()
        assert status == 2 and "manifest.json.sha256 is missing" in err, (args, err)
        assert f"rag rollback --to {first}" in err, (args, err)  # the sound version kept
