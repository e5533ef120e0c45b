"""`rag ingest --strict` refused only folders without an issue.toml: issue.toml fields at odds (season = "sumer 2026",
a title naming another issue number) and a date a year ahead were warnings, and published anyway. With --strict they
are refused now, each naming its field and fix, and the version served before stays served; an issue published so
before (unchanged since) is held to account too. Without --strict they stay warnings."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rag.errors import InputError
from rag.index import ingest, store
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


def _words(text: str) -> int:
    return len(text.split())


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, corpus / name)
    return corpus


def _edit(folder: Path, old: str, new: str) -> None:
    toml = folder / "issue.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text
    toml.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("old, new, said", [
    ('season = "summer 2026"', 'season = "sumer 2026"', "season = 'sumer 2026' names no season"),
    ('title = "Healthcare Manager issue 68, summer 2026"', 'title = "Healthcare Manager issue 69, summer 2026"',
     "names issue 69 but number = 68"),
    ('date = "2026-06-01"', 'date = "2062-06-01"', "date = 2062-06-01 is more than a year after today"),
])
def test_strict_refuses_fields_at_odds_and_the_served_version_stays(tmp_path, old, new, said):
    corpus, index = _corpus(tmp_path), tmp_path / "index"
    served = ingest.run(index, HashEmbedder(), _words, paths=[corpus]).version
    _edit(corpus / "2026-summer-68", old, new)
    with pytest.raises(InputError) as refused:
        ingest.run(index, HashEmbedder(), _words, paths=[corpus], strict=True)
    assert said in str(refused.value) and "issue.toml" in str(refused.value)
    assert "--strict refuses to publish them" in str(refused.value) and served in str(refused.value)
    assert store.current_version(index) == served
    assert len(list((index / "versions").iterdir())) == 1
    # without --strict: published, with the warning, as before
    outcome = ingest.run(index, HashEmbedder(), _words, paths=[corpus])
    assert outcome.version and any(said in w for w in outcome.warnings)


def test_strict_refuses_fields_an_earlier_ingest_published_with_a_warning(tmp_path):
    corpus, index = _corpus(tmp_path), tmp_path / "index"
    _edit(corpus / "2026-summer-68", 'season = "summer 2026"', 'season = "sumer 2026"')
    published = ingest.run(index, HashEmbedder(), _words, paths=[corpus]).version
    with pytest.raises(InputError, match="sumer 2026"):
        ingest.run(index, HashEmbedder(), _words, paths=[corpus], strict=True)
    assert store.current_version(index) == published


def test_strict_with_fields_that_agree_publishes(tmp_path):
    corpus, index = _corpus(tmp_path), tmp_path / "index"
    outcome = ingest.run(index, HashEmbedder(), _words, paths=[corpus], strict=True)
    assert outcome.version and outcome.warnings == []


def test_the_cli_refuses_with_exit_2_and_json(tmp_path):
    corpus, index = _corpus(tmp_path), tmp_path / "index"
    served = ingest.run(index, HashEmbedder(), _words, paths=[corpus]).version
    _edit(corpus / "2026-summer-68", 'season = "summer 2026"', 'season = "sumer 2026"')
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_EMBEDDER": "hash", "RAG_QUESTION_MODEL": "none"}
    done = subprocess.run([sys.executable, "-m", "rag.cli", "ingest", str(corpus), "--strict", "--json"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    error = json.loads(done.stdout)["error"]
    assert "season = 'sumer 2026'" in error and f"the index still serves {served}" in error
    assert store.current_version(index) == served
