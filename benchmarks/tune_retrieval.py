"""Sweep global retrieval settings (chunk size, fusion weight and method) on an eval set.

Usage: .venv/bin/python benchmarks/tune_retrieval.py [--questions evals/questions.jsonl]
Only global parameters are swept: nothing here knows any particular question.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from rag.answer.retrieve import retrieve
    from rag.evals.scoring import load_questions, score_question, summarize
    from rag.index import ingest
    from rag.index.chunking import ChunkerSettings
    from rag.index.embedders import SentenceTransformerEmbedder
    from rag.index.reader import load_index
    from rag.tokens import tiktoken_counter

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--sizes", default="180/40,120/30,90/20")
    parser.add_argument("--alphas", default="0.3,0.5,0.7")
    args = parser.parse_args()
    questions = [q for q in load_questions(args.questions)]
    embedder = SentenceTransformerEmbedder()
    count = tiktoken_counter()
    print("chunk/overlap fusion alpha  R@1   R@5   R@10  MRR   paraphrase R@5")
    for size in args.sizes.split(","):
        max_tokens, overlap = (int(x) for x in size.split("/"))
        with tempfile.TemporaryDirectory() as tmp:
            ingest.run(Path(tmp), embedder, count, paths=[ROOT / "corpus"],
                       chunker=ChunkerSettings(max_tokens, overlap))
            idx = load_index(Path(tmp))
            vectors = {}
            for q in questions:
                vectors[q["question"]] = embedder.embed_query(q["question"])

            class Cached:  # the same query vectors for every setting
                name, dim = embedder.name, embedder.dim

                def embed_query(self, text):
                    return vectors[text]

            for fusion in ("minmax", "rrf"):
                for alpha in (float(a) for a in args.alphas.split(",")):
                    scored = []
                    for q in questions:
                        hits = retrieve(idx, Cached(), q["question"], k=10, alpha=alpha, fusion=fusion).hits
                        scored.append(score_question(q, {"hits": [h.to_dict() for h in hits]}, retrieval_only=True))
                    s = summarize(scored)
                    o, para = s["overall"], s["by_type"].get("paraphrase", {})
                    print(f"{max_tokens:>5}/{overlap:<6} {fusion:6} {alpha:4.1f}  {o['recall@1']:.3f} {o['recall@5']:.3f} "
                          f"{o['recall@10']:.3f} {o['mrr']:.3f} {para.get('recall@5', 0):.3f}  ({len(idx.chunks)} chunks)",
                          flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
