"""index/CURRENT naming a version that is not there (a hand edit, a copy without its versions) or left empty: every
command said "serve a kept version with `rag rollback --to VERSION` (kept: v1, v2)", leaving the maintainer to guess
which one members had been getting. The refusal now names the last sound version HISTORY says was served, with the
command that serves it again."""

import shutil
from pathlib import Path

import pytest

from rag.errors import IndexUnavailable
from rag.index import ingest, versions
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


def _two_versions(tmp_path) -> tuple[Path, list[str]]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(ROOT / "corpus" / "2026-summer-68", corpus / "2026-summer-68")
    ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus])
    shutil.copytree(ROOT / "corpus" / "2024-summer", corpus / "2024-summer")
    ingest.run(index, HashEmbedder(), lambda t: len(t.split()), paths=[corpus])
    return index, versions.list_versions(index)


@pytest.mark.parametrize("written", ["v0009-20261203T000000\n", ""])
def test_a_damaged_current_names_the_last_version_served(tmp_path, written):
    index, (first, second) = _two_versions(tmp_path)
    (index / "CURRENT").write_text(written, encoding="utf-8")
    with pytest.raises(IndexUnavailable, match=f"run `rag rollback --to {second}` to serve {second} again, the last "
                                               r"sound version served \(index/HISTORY\)"):
        versions.current_version(index)


def test_without_history_the_kept_versions_are_offered_as_before(tmp_path):
    index, _ = _two_versions(tmp_path)
    (index / "HISTORY").unlink()
    (index / "CURRENT").write_text("v0009-20261203T000000\n", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match=r"serve a kept version with `rag rollback --to VERSION` \(kept: "):
        versions.current_version(index)
