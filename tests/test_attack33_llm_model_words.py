"""Tester 33: RAG_LLM_MODEL=Extractive or None (a .env written by hand) was refused as a litellm model name."""

import pytest

from rag.config import Settings
from rag.errors import InputError
from rag.llm.client import make_llm


@pytest.mark.parametrize("name", ["Extractive", "EXTRACTIVE", "none", "None", " extractive "])
def test_our_words_for_no_model_are_read_in_any_case(name):
    assert make_llm(Settings(llm_model=name)) is None


def test_local_in_any_case_is_the_embedded_model_and_other_names_are_still_checked():
    llm = make_llm(Settings(llm_model="Local"))
    assert llm is not None and llm.model == "local"  # (the server starts only when first asked)
    with pytest.raises(InputError, match="is no model litellm can reach"):
        make_llm(Settings(llm_model="Nonsense"))
