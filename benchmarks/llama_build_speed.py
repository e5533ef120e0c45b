"""Prompt reading and writing speed of the local model for one llama-cpp-python build and option set.

Reads a fixed ~500-token prompt built from the archive's own passages, then writes 64 tokens greedily,
three times (a fresh context each time, so nothing is cached), and prints one JSON line:
prompt tokens/s and writing tokens/s (medians), and the build's CPU features.

Compare builds in one run, alternating, so machine load hits both alike:
  for b in avx2 avx512 avx2 avx512; do PYTHONPATH=/path/to/unpacked-$b-wheel \\
      .venv/bin/python benchmarks/llama_build_speed.py --label $b; done
Options: --flash-attn, --batch N, --threads N.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def archive_prompt(words: int = 330) -> str:
    """About 500 tokens of the archive's own text (the first chunks of the published index)."""
    version = (ROOT / "index" / "CURRENT").read_text().strip()
    lines = (ROOT / "index" / "versions" / version / "chunks.jsonl").read_text().splitlines()[:6]
    chunks = [json.loads(line)["text"] for line in lines]
    text = " ".join(" ".join(chunks).split()[:words])
    return f"Passages:\n{text}\n\nQuestion: What do these passages say about pay? Answer in three sentences."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="current")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--flash-attn", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--write", type=int, default=64, help="tokens written per run")
    args = parser.parse_args(argv)

    import llama_cpp

    from rag.config import load_settings
    from rag.llm.local_model import model_path

    llm = llama_cpp.Llama(model_path=str(model_path(load_settings())), n_ctx=2048, n_threads=args.threads,
                          n_threads_batch=args.threads, n_batch=args.batch, flash_attn=args.flash_attn,
                          logits_all=False, verbose=False)
    tokens = llm.tokenize(archive_prompt().encode())
    reads, writes = [], []
    for _ in range(args.runs):
        llm.reset()
        if hasattr(llm._ctx, "memory_clear"):  # nothing of the last run's prompt is reused
            llm._ctx.memory_clear(True)
        started = time.perf_counter()
        llm.eval(tokens)
        read = time.perf_counter() - started
        started = time.perf_counter()
        for _ in range(args.write):
            token = llm.sample(temp=0.0)
            llm.eval([token])
        write = time.perf_counter() - started
        reads.append(len(tokens) / read)
        writes.append(args.write / write)
    print(json.dumps({
        "label": args.label, "prompt_tokens": len(tokens), "read_tok_s": round(statistics.median(reads), 1),
        "write_tok_s": round(statistics.median(writes), 2), "threads": args.threads, "batch": args.batch,
        "flash_attn": args.flash_attn, "system_info": llama_cpp.llama_print_system_info().decode().strip(),
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
