"""What session 22's two answer-side additions cost, each against its floor in one run.

1. Irregular past forms read as their verbs (rag.answer.terms.IRREGULAR): content_terms over every passage of the
   published index, irregular=True against irregular=False (the form-level terms, as before the change).
2. The byline question (rag.answer.bylines): the check every question now passes (is it "who wrote ...?"), against
   the check it already passed ("who said ...?", rag.answer.speakers), over the dev set's questions; and a whole
   "who wrote the editorial?" answer against a whole quoted answer to a question of the same length.

Usage: .venv/bin/python benchmarks/answer_terms_speed.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best_of(fn, repeats: int = 5) -> float:
    """The fastest of repeats runs of fn, in seconds (the least disturbed by a shared machine)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_answer_ms(pipeline, question: str, runs: int = 7) -> float:
    """The median of runs whole answers to the question, in ms, after one to warm up."""
    pipeline.answer(question)
    return statistics.median(best_of(lambda: pipeline.answer(question), 1) for _ in range(runs)) * 1000


def main() -> int:
    from rag.answer import bylines, speakers
    from rag.answer.build import build_pipeline
    from rag.answer.terms import content_terms
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings().with_(llm_model="extractive"), use_configured_llm=False)
    texts = [c.text for c in pipeline.index.chunks]
    with_forms = best_of(lambda: [content_terms(t) for t in texts])
    without = best_of(lambda: [content_terms(t, irregular=False) for t in texts])
    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").open()]
    byline_check = best_of(lambda: [bylines.asked_article(q) for q in questions])
    said_check = best_of(lambda: [speakers.asked_words(q) for q in questions])

    wrote = median_answer_ms(pipeline, "who wrote the editorial?")
    plain = median_answer_ms(pipeline, "what did the editorial say?")
    print(f"content_terms over {len(texts)} passages: {with_forms * 1000:.1f} ms with irregular forms, "
          f"{without * 1000:.1f} ms without (ratio {with_forms / without:.2f})")
    print(f"per question, over {len(questions)}: 'who wrote ...?' check {byline_check / len(questions) * 1e6:.1f} us, "
          f"'who said ...?' check {said_check / len(questions) * 1e6:.1f} us (ratio {byline_check / said_check:.2f})")
    print(f"whole answer: 'who wrote the editorial?' {wrote:.0f} ms, 'what did the editorial say?' {plain:.0f} ms "
          f"(ratio {wrote / plain:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
