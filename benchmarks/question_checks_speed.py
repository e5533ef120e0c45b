"""What session 23's per-question checks cost, against the check they sit beside, in one run.

Every question now passes: is it in another language (rag.answer.language), about the assistant
(rag.answer.about_archive.asks_about_assistant), a request for plainer words (rag.answer.followup_kinds), a request for
the articles on a topic (rag.answer.article_list); the floor is the "who said ...?" check it already passed
(rag.answer.speakers.asked_words). A whole "which articles are there about pay?" answer is set against a whole quoted
answer to a question of the same length.

Usage: .venv/bin/python benchmarks/question_checks_speed.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from answer_terms_speed import best_of, median_answer_ms  # noqa: E402 (the benchmarks' own timing helpers)


def main() -> int:
    from rag.answer import about_archive, article_list, followup_kinds, language, speakers
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings().with_(llm_model="extractive"), use_configured_llm=False)
    known = pipeline.known_word
    questions = [json.loads(line)["question"] for line in (ROOT / "evals" / "questions.jsonl").open()]
    n = len(questions)
    floor = best_of(lambda: [speakers.asked_words(q) for q in questions])
    checks = {
        "in another language": lambda: [language.in_another_language(q, known) for q in questions],
        "about the assistant": lambda: [about_archive.asks_about_assistant(q) for q in questions],
        "plainer words": lambda: [followup_kinds.asks_for_plainer_words(q) for q in questions],
        "articles on a topic": lambda: [article_list.asked_topic(q) for q in questions],
    }
    print(f"per question, over {n}: 'who said ...?' check (floor) {floor / n * 1e6:.1f} us")
    for name, fn in checks.items():
        t = best_of(fn)
        print(f"  {name}: {t / n * 1e6:.1f} us (ratio to the floor {t / floor:.2f})")

    listed = median_answer_ms(pipeline, "which articles are there about pay?")
    quoted = median_answer_ms(pipeline, "what has been said about the pay?")
    print(f"whole answer: 'which articles are there about pay?' {listed:.0f} ms, 'what has been said about the pay?' "
          f"{quoted:.0f} ms (ratio {listed / quoted:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
