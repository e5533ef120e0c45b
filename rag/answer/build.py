"""The pipeline as the CLI, the app and the evaluations get it: the embedder, the published index and the configured
LLM loaded once (build_pipeline)."""

from __future__ import annotations

from typing import Callable

from rag.answer import answerability, spelling
from rag.answer.pipeline import Pipeline
from rag.config import Settings
from rag.types import LLM


def build_pipeline(settings: Settings, *, llm: LLM | None = None, use_configured_llm: bool = True,
                   last_good: bool = False, warn: Callable[[str], None] | None = None) -> Pipeline:
    """Load the embedder, the published index and the configured LLM once.

    last_good: when the published version is damaged, serve the last sound version served instead (the app: members
    keep being answered), telling warn why; otherwise the damage is raised (the CLI: a maintainer must see it).
    """
    from rag.index.embedders import make_embedder
    from rag.index.reader import load_index, load_serving
    from rag.tokens import tiktoken_counter

    embedder = make_embedder(settings)
    embedder.embed_query("warm up")  # load the model now, not on a member's first question
    if last_good:
        index, problem = load_serving(settings.index_dir, embedder_name=embedder.name)
        if problem and warn is not None:
            warn(problem)
    else:
        index = load_index(settings.index_dir, embedder_name=embedder.name)
    if llm is None and use_configured_llm:
        from rag.llm.client import make_llm

        llm = make_llm(settings)
    return Pipeline(settings=settings, index=index, embedder=embedder, llm=llm, count_tokens=tiktoken_counter(),
                    answerability_model=answerability.load_model(settings.answerability_path),
                    known_word=spelling.english_words())
