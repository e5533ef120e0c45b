"""Versions share the files of the issues they keep (hard links), so one file damaged on disk damaged every version
holding it: no rollback could help, and the only way out was `rag ingest corpus/ --rebuild`, embedding every issue
of the archive again (7-9 minutes of CPU an issue with the default embedder). `rag ingest corpus/ --repair` now writes
the damaged issues anew from their folders, embedding only their passages, links the sound rest and says so; damage
it cannot mend (an issue whose folder is not given) is refused as before, and so is any damage without --repair (a
failing disk is the maintainer's to see)."""

import shutil
from pathlib import Path

import pytest

from rag.errors import IndexUnavailable
from rag.index import ingest, store
from rag.index.embedders import HashEmbedder

ROOT = Path(__file__).resolve().parent.parent


class CountingEmbedder(HashEmbedder):
    """The hash embedder, counting the texts it embeds."""

    def __init__(self):
        super().__init__()
        self.embedded = 0

    def embed_documents(self, texts):
        self.embedded += len(texts)
        return super().embed_documents(texts)


def _words(text: str) -> int:
    return len(text.split())


def _shared_damage(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two versions sharing 2024-summer's files, one of them damaged: (corpus, index, the version served)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    for name in ("2024-summer", "2026-summer-68"):
        shutil.copytree(ROOT / "corpus" / name, corpus / name)
    ingest.run(index, HashEmbedder(), _words, paths=[corpus / "2024-summer"])
    served = ingest.run(index, HashEmbedder(), _words, paths=[corpus]).version
    shared = index / "versions" / served / "segments" / "2024-summer" / "vectors.npy"
    assert shared.stat().st_nlink == 2
    data = bytearray(shared.read_bytes())
    data[-3] ^= 1
    shared.write_bytes(bytes(data))
    assert store.verify(index, served, deep=False)
    return corpus, index, served


def test_an_ingest_writes_the_damaged_issue_anew_and_embeds_it_alone(tmp_path):
    corpus, index, damaged = _shared_damage(tmp_path)
    embedder = CountingEmbedder()
    outcome = ingest.run(index, embedder, _words, paths=[corpus], repair=True)
    assert outcome.version and outcome.version != damaged and store.current_version(index) == outcome.version
    assert store.verify(index, outcome.version) == []
    said = [w for w in outcome.warnings if "are damaged" in w]
    assert said and said[0].startswith("2024-summer: its files in " + damaged) and "vectors.npy" in said[0]
    assert outcome.plan.issues_changed == ["2024-summer"] and outcome.plan.issues_unchanged == ["2026-summer-68"]
    manifest = store.read_manifest(index)
    assert manifest["issues"]["2024-summer"]["chunks"] == store.read_manifest(index, damaged)["issues"]["2024-summer"][
        "chunks"]
    new = index / "versions" / outcome.version / "segments"
    assert (new / "2024-summer" / "vectors.npy").stat().st_nlink == 1  # its own file, not the damaged one
    assert (new / "2026-summer-68" / "vectors.npy").stat().st_nlink == 2  # the sound issue still shared
    alone = CountingEmbedder()  # what 2024-summer alone costs to embed: its passages and sentences
    ingest.run(tmp_path / "alone", alone, _words, paths=[corpus / "2024-summer"])
    assert embedder.embedded == alone.embedded > 0


def test_a_dry_run_says_so_and_writes_nothing(tmp_path):
    corpus, index, damaged = _shared_damage(tmp_path)
    outcome = ingest.run(index, HashEmbedder(), _words, paths=[corpus], dry_run=True, repair=True)
    assert outcome.version is None and store.current_version(index) == damaged
    assert any("would be written anew from" in w for w in outcome.warnings)


def test_damage_to_an_issue_whose_folder_is_not_given_is_refused_as_before(tmp_path):
    corpus, index, damaged = _shared_damage(tmp_path)
    with pytest.raises(IndexUnavailable, match="rag ingest corpus/ --rebuild"):
        ingest.run(index, HashEmbedder(), _words, paths=[corpus / "2026-summer-68"], repair=True)
    with pytest.raises(IndexUnavailable, match="rag ingest corpus/ --rebuild"):  # nor without --repair
        ingest.run(index, HashEmbedder(), _words, paths=[corpus])
    assert store.current_version(index) == damaged


def test_the_refusal_names_the_cheaper_way_out(tmp_path):
    corpus, index, damaged = _shared_damage(tmp_path)
    with pytest.raises(IndexUnavailable) as refused:
        ingest.run(index, HashEmbedder(), _words, paths=[corpus / "2026-summer-68"])
    assert "or `rag ingest corpus/ --repair`, which writes only the damaged issues' files anew" in str(refused.value)
