"""What `rag rollback` warns of after two ingests (issue 68, then the 2024 issue added), with a stray folder put into
the corpus between: shared by the tests of folders that are no issues (hidden, or named as no id)."""

import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def rollback_warning(tmp_path: Path, monkeypatch, capsys, stray: str) -> str:
    """rag rollback's stderr (it must succeed) with a copy of the 2024 issue at corpus/<stray>."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / stray)
    status, _, err = run_cli(capsys, "rollback")
    assert status == 0, err
    return err
