"""`rag ingest corpus/ --strict` checked issue numbers out of step only for the issues parsed in that run: an issue
published earlier with the warning (number = 96 typed for 69), its folder unchanged since, passed --strict, though its
fields at odds were refused. Now its number is held to account too."""

import shutil
from pathlib import Path

import pytest

from rag.errors import InputError
from rag.index import ingest
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


def _count(text: str) -> int:
    return len(text.split())


def test_strict_refuses_a_number_an_earlier_ingest_published_with_a_warning(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    new = corpus / "2026-autumn-69"
    new.mkdir(parents=True)
    (new / "issue.md").write_text("# Pay award falls short\n\n" + "Managers across the NHS met this autumn to discuss "
                                  "the pay award and the union's response to it. " * 8 + "\n", encoding="utf-8")
    (new / "issue.toml").write_text('title = "Healthcare Manager, autumn 2026"\nnumber = 96\nseason = "autumn 2026"\n'
                                    'date = "2026-09-01"\nsource = "issue.md"\n', encoding="utf-8")
    first = ingest.run(index, HashEmbedder(), _count, paths=[corpus])
    assert first.version and [w for w in first.warnings if "number = 96" in w]
    served = (index / "CURRENT").read_text()
    with pytest.raises(InputError, match="number = 96 .* does not follow 2026-summer-68"):
        ingest.run(index, HashEmbedder(), _count, paths=[corpus], strict=True)
    assert (index / "CURRENT").read_text() == served


def test_strict_with_unchanged_numbers_in_step_says_nothing(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for issue in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / issue, corpus / issue)
    ingest.run(index, HashEmbedder(), _count, paths=[corpus])
    again = ingest.run(index, HashEmbedder(), _count, paths=[corpus], strict=True)
    assert again.version is None and not [w for w in again.warnings if "does not follow" in w]
