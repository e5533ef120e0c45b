"""`rag ingest corpus/ --rebuild`, the way out every refusal of a damaged CURRENT names, published only the folders
given without a word when CURRENT was damaged: an issue served (and still served by the app, from the last sound
version) whose folder was not in corpus/ was dropped from what members search. The rebuild now compares with the
version an app serves meanwhile, and refuses (or, with --force, warns) as it does with a sound CURRENT."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_a_rebuild_over_a_damaged_current_does_not_drop_an_issue_served(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    elsewhere = tmp_path / "elsewhere" / "2024-summer"
    shutil.copytree(ROOT / "corpus" / "2024-summer", elsewhere)  # ingested from outside corpus/
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    assert run_cli(capsys, "ingest", str(elsewhere))[0] == 0
    served = json.loads(run_cli(capsys, "status", "--json")[1])["current"]
    (tmp_path / "index" / "CURRENT").write_text("garbage\n", encoding="utf-8")

    status, out, err = run_cli(capsys, "ingest", str(corpus), "--rebuild")
    assert status == 2 and f"so 2024-summer (served now, in {served}) would be left out" in err
    assert (tmp_path / "index" / "CURRENT").read_text() == "garbage\n"
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--rebuild", "--force")  # as asked
    assert status == 0 and "2024-summer (served now" in err
    assert list(json.loads(run_cli(capsys, "status", "--json")[1])["issues"]) == ["2026-summer-68"]
