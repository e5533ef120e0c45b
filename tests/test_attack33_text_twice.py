"""An issue whose source holds its text twice over (pages exported twice, two files joined with `cat`): published,
every passage twice in what members search, and each answer's sources a pair. Refused like another issue's copy
(--force publishes it with a warning); the real issues repeat no passage."""

import json
import shutil
from pathlib import Path

from tests.conftest import isolated_corpus, run_cli

ROOT = Path(__file__).resolve().parent.parent


def doubled(corpus: Path) -> None:
    folder = corpus / "2024-summer"
    shutil.copytree(ROOT / "corpus" / "2024-summer", folder)
    source = next(folder.glob("*.txt"))
    text = source.read_text()
    source.write_text(text + "\n" + text)


def test_an_issue_holding_its_text_twice_is_refused(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    assert run_cli(capsys, "ingest", str(corpus))[0] == 0
    served = (tmp_path / "index" / "CURRENT").read_text()
    doubled(corpus)
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 2
    said = json.loads(out)["error"]
    assert said.startswith("2024-summer: ") and "passages are word for word other passages of its own" in said
    assert "add --force" in said and "nothing was changed" in said
    assert (tmp_path / "index" / "CURRENT").read_text() == served
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--force", "--json")
    assert status == 0
    assert any("other passages of its own" in w and "as --force asks" in w for w in json.loads(out)["warnings"])


def test_the_real_issues_are_not_refused(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_QUESTION_MODEL", "none")
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    status, out, err = run_cli(capsys, "ingest", str(corpus), "--json")
    assert status == 0 and not [w for w in json.loads(out).get("warnings", []) if "of its own" in w]
