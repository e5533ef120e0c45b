"""Retrieval with each embedder on its own index of the same chunks: recall, MRR, query time (docs/evals.md).

    .venv/bin/python benchmarks/compare_embedders.py --run minilm:384:/tmp/idx_minilm \
        --run nomic:768:/tmp/idx_nomic --run nomic:256:/tmp/idx_nomic [--threads 1] [--out FILE]

A nomic run below 768 numbers uses the 768-number index cut down the Matryoshka way (layer norm, first n,
unit length), which is what embedding at that size gives: no second embedding pass is needed.
Time is the pipeline's retrieve step (query embedding + dense and BM25 search + fusion), median over the set,
measured on the first fusion weight given (later ones reuse the query vectors).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cut_index(index, dim: int):
    """The index with every vector cut to dim numbers, Matryoshka style."""
    import faiss

    from rag.index.embedder_nomic import matryoshka

    vectors = matryoshka(index.vectors.reconstruct_n(0, index.vectors.ntotal), dim)
    flat = faiss.IndexFlatIP(dim)
    flat.add(vectors)
    sentences = None if index.sentence_vectors is None else matryoshka(index.sentence_vectors, dim)
    manifest = {**index.manifest, "embedder": {**index.manifest["embedder"], "dim": dim}}
    return replace(index, vectors=flat, sentence_vectors=sentences, manifest=manifest)


class _Memo:
    """The embedder with its query vectors kept, so further fusion weights cost no embedding."""

    def __init__(self, embedder):
        self.inner, self.name, self.dim, self.seen = embedder, embedder.name, embedder.dim, {}

    def embed_query(self, text):
        if text not in self.seen:
            self.seen[text] = self.inner.embed_query(text)
        return self.seen[text]

    def embed_documents(self, texts):
        return self.inner.embed_documents(texts)


def run_one(spec: str, items: list[dict], threads: int, alphas: list[float]) -> list[dict]:
    """One embedder and index: figures for each fusion weight; times come from the first (cold) pass."""
    from rag.answer.pipeline import Pipeline
    from rag.config import load_settings
    from rag.index.embedders import make_embedder
    from rag.index.reader import load_index
    from rag.tokens import tiktoken_counter

    name, dim, index_dir = spec.split(":", 2)
    settings = load_settings().with_(embedder=name, embed_dim=int(dim), embed_threads=threads,
                                     index_dir=Path(index_dir))
    embedder = make_embedder(settings)
    embedder.embed_query("warm up")
    index = load_index(settings.index_dir)
    built = index.manifest["embedder"]
    if int(dim) != built["dim"]:
        index = cut_index(index, int(dim))
    elif built["name"] != embedder.name:
        raise SystemExit(f"{index_dir} was built with {built['name']}, not {embedder.name}")
    memo = _Memo(embedder)
    return [_score(Pipeline(settings=settings.with_(fusion_alpha=alpha), index=index, embedder=memo, llm=None,
                            count_tokens=tiktoken_counter()), items, f"{name}@{dim}", alpha) for alpha in alphas]


def _score(pipeline, items: list[dict], run: str, alpha: float) -> dict:
    from rag.evals.scoring import score_question, summarize

    index = pipeline.index
    scored, times = [], []
    for item in items:
        start = time.perf_counter()
        found = pipeline.retrieve(item["question"], k=10)
        times.append((time.perf_counter() - start) * 1000)
        scored.append(score_question(item, {"question": item["question"], "hits": [h.to_dict() for h in found.hits]},
                                     retrieval_only=True))
    summary = summarize(scored)
    overall, para = summary["overall"], summary["by_type"].get("paraphrase", {})
    return {"run": run, "alpha": alpha, "chunks": len(index.chunks), "index": index.version,
            **{k: round(overall[k], 4) for k in ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")},
            "paraphrase_recall@5": round(para.get("recall@5") or 0, 4),
            "heldout_recall@5": round(summary["by_split"]["heldout"]["recall@5"], 4),
            "heldout_mrr": round(summary["by_split"]["heldout"]["mrr"], 4),
            "retrieve_ms_median": round(statistics.median(times), 1),
            "retrieve_ms_p95": round(float(np.percentile(times, 95)), 1),
            "by_type_recall@5": {t: round(b["recall@5"], 4) for t, b in summary["by_type"].items()
                                  if b["recall@5"] is not None},
            "found_rank": {s["id"]: s["found_rank"] for s in scored if s["answerable"]}}


def main() -> int:
    from rag.evals.scoring import load_questions

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--run", action="append", required=True, help="EMBEDDER:DIM:INDEX_DIR")
    parser.add_argument("--threads", type=int, default=2, help="llama.cpp threads for nomic")
    parser.add_argument("--alphas", default="0.7", help="fusion weights of dense against BM25 (1: dense only)")
    parser.add_argument("--out", default=None, help="write every run's figures here (JSON)")
    args = parser.parse_args()
    items = load_questions(args.questions)
    alphas = [float(a) for a in args.alphas.split(",")]
    results = [r for spec in args.run for r in run_one(spec, items, args.threads, alphas)]
    keys = ["recall@1", "recall@5", "recall@10", "mrr", "paraphrase_recall@5", "heldout_recall@5", "heldout_mrr",
            "retrieve_ms_median", "retrieve_ms_p95"]
    print("| run | alpha | " + " | ".join(keys) + " |")
    print("|---|---|" + "---|" * len(keys))
    for r in results:
        print(f"| {r['run']} | {r['alpha']} | " + " | ".join(str(r[k]) for k in keys) + " |")
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
