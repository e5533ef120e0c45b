"""Questions generated per passage by the local model ("doc2query"): what writing them costs, and what they buy.

    .venv/bin/python benchmarks/doc2query.py generate [--limit N]   # the local model; cached as rag ingest caches
    .venv/bin/python benchmarks/doc2query.py measure [--questions FILE]

generate: for every chunk of the published index without cached questions, the local model writes them as
`rag ingest` does (rag.index.questions.ChunkQuestions, into Settings.questions_cache_path, so an ingest after
it pays nothing for them). Prints seconds per chunk.

measure: on the published index's questions (an index built with them, v0015 on), recall@5 and MRR per
Settings.question_weight (the mechanism rag.answer.retrieve applies; `rag eval --retrieval-only` with
RAG_QUESTION_WEIGHT gives the same figures) for the calibration and held-out halves
(rag.answer.answerability.split_of), and how well the best question-to-question cosine separates answerable
from near-topic unanswerable questions (ROC AUC), for the ranking model and, with a pair, the signal model.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.5)


def generate(limit: int | None) -> None:
    from rag.config import load_settings
    from rag.index.embedders import HashEmbedder
    from rag.index.questions import ChunkQuestions, llm_writer, text_key
    from rag.index.reader import load_index
    from rag.llm.client import make_llm

    settings = load_settings()
    index = load_index(settings.index_dir, verify=False)
    llm = make_llm(settings.with_(llm_model="local", local_port=0, llm_timeout=300, llm_max_tokens=90))
    writer = ChunkQuestions(llm_writer(llm), HashEmbedder(), cache_path=settings.questions_cache_path)
    todo = [c for c in index.chunks if text_key(c.text) not in writer.cache][:limit]
    print(f"{len(index.chunks)} chunks, {len(todo)} to generate", flush=True)
    spent = []
    for c in todo:
        t0 = time.perf_counter()
        [asked] = writer.questions([c])
        spent.append(time.perf_counter() - t0)
        print(f"{len(spent)}/{len(todo)} {spent[-1]:.1f}s {asked}", flush=True)
    if spent:
        print(f"seconds per chunk: median {np.median(spent):.2f}, mean {np.mean(spent):.2f}, total {sum(spent):.0f}; "
              f"{writer.failed} failed")


def _auc(pos: list[float], neg: list[float]) -> float:
    pos, neg = np.asarray(pos), np.asarray(neg)
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
                 / (len(pos) * len(neg)))


def measure(questions: Path) -> None:
    from rag.answer.answerability import split_of
    from rag.answer.build import build_pipeline
    from rag.answer.retrieve import retrieve
    from rag.config import load_settings
    from rag.evals.scoring import load_questions, score_question
    from rag.index.questions import known_questions, text_key

    pipeline = build_pipeline(load_settings({**os.environ, "RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    index = pipeline.index
    if index.questions is None:
        raise SystemExit(f"index {index.version} has no questions: run `rag ingest corpus/ --rebuild` first")
    asked = index.questions.reconstruct_n(0, index.questions.ntotal)  # ranking model's vectors, as stored
    signal = getattr(pipeline.embedder, "signal", None)
    signal_vectors = None
    if signal is not None:  # the pair: the signal model's vectors of the same questions, in the same order
        known = known_questions(pipeline.settings.index_dir)
        texts = [q for c in index.chunks for q in known.get(text_key(c.text), [])]
        signal_vectors = signal.embed_documents(texts) if len(texts) == len(asked) else None
    items = load_questions(questions)
    scored = {w: {"calibration": [], "heldout": []} for w in WEIGHTS}
    best = {"rank": {True: [], False: []}, "signal": {True: [], False: []}}
    for item in items:
        answerable = item["type"] != "unanswerable"
        best["rank"][answerable].append(float((asked @ pipeline.embedder.embed_query(item["question"])).max()))
        if signal_vectors is not None:
            best["signal"][answerable].append(float((signal_vectors @ signal.embed_query(item["question"])).max()))
        for w in WEIGHTS:  # Pipeline.retrieve, with this weight
            s = pipeline.settings
            found = retrieve(index, pipeline.embedder, item["question"], k=s.top_k, alpha=s.fusion_alpha,
                             article_weight=s.article_weight, question_weight=w)
            hits = [{"text": h.text} for h in found.hits]
            scored[w][split_of(item["id"])].append(score_question(item, {"hits": hits}, retrieval_only=True))
    for w in WEIGHTS:
        row = []
        for split, rows in scored[w].items():
            rows = [r for r in rows if r["recall@5"] is not None]
            row.append(f"{split} recall@5 {np.mean([r['recall@5'] for r in rows]):.3f} "
                       f"MRR {np.mean([r['rr'] for r in rows]):.3f} (n={len(rows)})")
        print(f"question_weight {w}: " + " | ".join(row))
    for model, by in best.items():
        if by[True]:
            print(f"best question-to-question cosine, answerable vs unanswerable, {model} model: "
                  f"ROC AUC {_auc(by[True], by[False]):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=("generate", "measure"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--questions", type=Path, default=ROOT / "evals" / "questions.jsonl")
    args = ap.parse_args()
    if args.step == "generate":
        generate(args.limit)
    else:
        measure(args.questions)


if __name__ == "__main__":
    main()
