"""Questions generated per passage by the local model ("doc2query"), measured as a retrieval and refusal signal.

Issue 12 names it as a means: at ingest, the local model writes the questions each passage answers; at
query time a member's question is matched question-to-question. This script measures it before any
ingest change:

    .venv/bin/python benchmarks/doc2query.py generate [--cache FILE] [--limit N]   # the local model, cached
    .venv/bin/python benchmarks/doc2query.py measure [--cache FILE] [--questions FILE]

generate: for every chunk of the published index, the local model (greedy) writes up to 3 questions the
passage answers (rag.index.questions, the prompt rag ingest uses); cached by the sha256 of the chunk's text
in the cache rag ingest reads, so a second run (or a new issue) pays only for new chunks. Prints seconds
per chunk.

measure: for each dev question, retrieval as the pipeline does (top 50) and the same ranking with a
question-to-question channel added: score + w * (best cosine between the question and the passage's
generated questions, min-max over the top 50). This is how Settings.question_weight was first measured; the
figures that chose it are rag eval's (docs/evals.md). Prints recall@5 and MRR per weight, for the calibration
and held-out halves (rag.answer.answerability.split_of), and the separation of the best
question-to-question cosine between answerable and near-topic unanswerable questions (ROC AUC).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / ".data" / "questions.jsonl"  # the cache rag ingest reads and writes (Settings.questions_cache_path)


def generate(cache_path: Path, limit: int | None) -> None:
    from rag.config import Settings, load_settings
    from rag.index.questions import llm_writer, read_cache, text_key
    from rag.index.reader import load_index
    from rag.llm.client import make_llm

    settings = load_settings()
    index = load_index(settings.index_dir, verify=False)
    llm = make_llm(Settings(llm_model="local", local_port=0, llm_timeout=300, llm_max_tokens=90,
                            data_dir=settings.data_dir))
    cache = read_cache(cache_path)
    write = llm_writer(llm)
    todo = [c for c in index.chunks if text_key(c.text) not in cache][:limit]
    print(f"{len(index.chunks)} chunks, {len(todo)} to generate", flush=True)
    spent = []
    with cache_path.open("a", encoding="utf-8") as out:
        for c in todo:
            t0 = time.perf_counter()
            qs = write(c.text)
            spent.append(time.perf_counter() - t0)
            out.write(json.dumps({"key": text_key(c.text), "chunk_id": c.chunk_id, "questions": qs,
                                  "seconds": round(spent[-1], 2)}) + "\n")
            out.flush()
            print(f"{len(spent)}/{len(todo)} {spent[-1]:.1f}s {qs}", flush=True)
    if spent:
        print(f"seconds per chunk: median {np.median(spent):.2f}, mean {np.mean(spent):.2f}, total {sum(spent):.0f}")


def _auc(pos: list[float], neg: list[float]) -> float:
    pos, neg = np.asarray(pos), np.asarray(neg)
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum())
                 / (len(pos) * len(neg)))


def measure(cache_path: Path, questions: Path) -> None:
    from rag.answer.answerability import split_of
    from rag.answer.pipeline import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions
    from rag.index.questions import read_cache, text_key
    from rag.textnorm import covers

    pipeline = build_pipeline(load_settings({**os.environ, "RAG_LLM_MODEL": "extractive"}))
    index, embedder = pipeline.index, pipeline.embedder
    cache = read_cache(cache_path)
    owner, texts = [], []
    for i, c in enumerate(index.chunks):
        for q in cache.get(text_key(c.text), []):
            owner.append(i)
            texts.append(q)
    print(f"{len(texts)} generated questions for {len(set(owner))} of {len(index.chunks)} chunks", flush=True)
    t0 = time.perf_counter()
    if hasattr(embedder, "rank"):  # the pair: gemma's half ranks, MiniLM's half is the refusal model's
        rank_dim = int(embedder.rank.dim)
        gen = np.zeros((len(texts), embedder.dim), np.float32)
        gen[:, :rank_dim] = embedder.rank._encode(texts, "query")
        gen_signal = embedder.signal.embed_documents(texts)
    else:
        gen = np.stack([embedder.embed_query(t) for t in texts]).astype(np.float32)
        gen_signal = None
    print(f"embedded in {time.perf_counter() - t0:.1f}s", flush=True)
    owner = np.asarray(owner)
    items = load_questions(questions)
    weights = (0.0, 0.1, 0.2, 0.3, 0.5, 0.8)
    ranks = {w: {"calibration": [], "heldout": []} for w in weights}
    best_q2q = {"answerable": [], "unanswerable": []}
    best_signal = {"answerable": [], "unanswerable": []}
    for item in items:
        found = pipeline.retrieve(item["question"], k=50)
        qv = found.query_vector
        sims = gen @ qv
        per_chunk = np.full(len(index.chunks), -1.0)
        np.maximum.at(per_chunk, owner, sims)
        kind = "unanswerable" if item["type"] == "unanswerable" else "answerable"
        best_q2q[kind].append(float(sims.max()))
        if gen_signal is not None:
            signal_q = embedder.signal.embed_query(item["question"])
            best_signal[kind].append(float((gen_signal @ signal_q).max()))
        evidence = item.get("evidence") or []
        if item["type"] == "unanswerable" or not evidence:
            continue
        pos = {c.chunk_id: i for i, c in enumerate(index.chunks)}
        hits = found.hits
        base = np.array([h.score for h in hits])
        q2q = np.array([per_chunk[pos[h.chunk_id]] for h in hits])
        q2q = (q2q - q2q.min()) / (q2q.max() - q2q.min() + 1e-9)
        relevant = np.array([any(covers(h.text, span) for span in evidence) for h in hits])
        for w in weights:
            order = np.argsort(-(base + w * q2q), kind="stable")
            rank = next((r + 1 for r, j in enumerate(order) if relevant[j]), None)
            ranks[w][split_of(item["id"])].append((rank, item["type"]))
    for w in weights:
        row = []
        for split in ("calibration", "heldout"):
            rs = ranks[w][split]
            r5 = np.mean([1.0 if r and r <= 5 else 0.0 for r, _ in rs])
            mrr = np.mean([1.0 / r if r else 0.0 for r, _ in rs])
            para = [1.0 if r and r <= 5 else 0.0 for r, t in rs if t == "paraphrase"]
            row.append(f"{split} r@5 {r5:.3f} mrr {mrr:.3f} para {np.mean(para):.3f} (n={len(rs)})")
        print(f"w={w}: " + " | ".join(row))
    print(f"best question-to-question cosine, answerable vs unanswerable ROC AUC: "
          f"{_auc(best_q2q['answerable'], best_q2q['unanswerable']):.3f} (ranking model)"
          + (f", {_auc(best_signal['answerable'], best_signal['unanswerable']):.3f} (signal model)"
             if best_signal["answerable"] else ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("step", choices=("generate", "measure"))
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--questions", type=Path, default=ROOT / "evals" / "questions.jsonl")
    args = ap.parse_args()
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    if args.step == "generate":
        generate(args.cache, args.limit)
    else:
        measure(args.cache, args.questions)


if __name__ == "__main__":
    main()
