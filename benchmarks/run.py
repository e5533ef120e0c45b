"""Measure ingest, re-ingest, retrieval and memory in one run; print a markdown table and save JSON.

Usage: .venv/bin/python benchmarks/run.py [--out benchmarks/results.json]
Each figure that has a peer or a floor is reported as a ratio measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_figures() -> dict:
    """Full ingest vs encoding the same texts alone (chunks and their sentences), then an unchanged re-ingest."""
    from rag.config import Settings
    from rag.index import ingest
    from rag.index.embedders import SentenceTransformerEmbedder
    from rag.sentences import passage_sentences
    from rag.tokens import tiktoken_counter

    settings = Settings()
    embedder = SentenceTransformerEmbedder()
    count = tiktoken_counter()
    embedder.embed_documents(["warm up the model"] * 8)
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp)
        t0 = time.perf_counter()
        outcome = ingest.run(index_dir, embedder, count, paths=[settings.corpus_dir])
        full = time.perf_counter() - t0
        texts = [c.embedding_text() for c in outcome.plan.chunks]
        sentences = [s for c in outcome.plan.chunks for s in passage_sentences(c.text)]
        t0 = time.perf_counter()
        embedder.embed_documents(texts)
        embedder.embed_documents(sentences)
        encode_only = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest.run(index_dir, embedder, count, paths=[settings.corpus_dir])
        reingest = time.perf_counter() - t0
        pieces = [embedder.word_pieces(t) for t in texts]
    return {
        "chunks": len(texts),
        "sentences": len(sentences),
        "full_ingest_s": round(full, 2),
        "encode_only_s": round(encode_only, 2),
        "ingest_to_encode_ratio": round(full / encode_only, 3),
        "reingest_s": round(reingest, 2),
        "reingest_embedded": again.plan.counts()["embedded"],
        "chunks_over_256_word_pieces": sum(p > 256 for p in pieces),
        "max_word_pieces": max(pieces),
        "ingest_peak_rss_mb": round(_maxrss_mb(), 1),
    }


def retrieval_figures(n_queries: int = 100) -> dict:
    from rag.answer.build import build_pipeline
    from rag.config import Settings

    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").read_text().splitlines()]
    questions = (questions * (n_queries // max(len(questions), 1) + 1))[:n_queries]
    t0 = time.perf_counter()
    pipeline = build_pipeline(Settings(), use_configured_llm=False)
    load_s = time.perf_counter() - t0
    pipeline.retrieve("warm up")
    times = []
    for q in questions:
        t0 = time.perf_counter()
        pipeline.retrieve(q)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {
        "queries": len(times),
        "retrieve_median_ms": round(statistics.median(times), 2),
        "retrieve_p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "pipeline_load_s": round(load_s, 2),
        "loaded_index_peak_rss_mb": round(_maxrss_mb(), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--part", choices=["ingest", "retrieval"])
    args = parser.parse_args()
    if args.part:  # each part in its own process, so peak memory is its own
        print(json.dumps(ingest_figures() if args.part == "ingest" else retrieval_figures()))
        return 0
    results = {"date": time.strftime("%Y-%m-%d"), "machine": "2 cores (shared), CPU only"}
    for part in ("ingest", "retrieval"):
        out = subprocess.run([sys.executable, __file__, "--part", part], capture_output=True, text=True, check=True)
        results.update(json.loads(out.stdout.strip().splitlines()[-1]))
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
    for key, value in results.items():
        print(f"| {key} | {value} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
