"""Does the local model, shown only the sentences a quoted answer would give, tell whether they answer the question?

The answer-prompt check (benchmarks/model_check.py) asks the model about a whole prompt of passages; its P(yes) leaned
the right way for near-topic questions but weakly (ROC AUC 0.75 on 40 questions, docs/evals.md, session 17). This asks
a narrower thing: the question and the sentences an extractive answer would quote (the pipeline with its refusal
decision switched off, so refused questions are checked all the same), and "do these sentences state the answer to this
exact question?". P(yes) = p(yes) / (p(yes) + p(no)) over the first token's spellings.

    .venv/bin/python benchmarks/quote_check.py --decided EVAL_DIR [--questions FILE] [--out FILE]

--decided: a `rag eval --llm extractive` run on the same questions, whose refusals are the fitted decision's. Prints
P(yes) per group, the ROC AUC of answerable against unanswerable and of paraphrase against off-point, and the rule
"refuse also when P(yes) < t" with t chosen on the calibration half (most unanswerable refused with at most 5% of
answerable wrongly refused), scored on the held-out half. Starts its own local server on a free port, keeping logits.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from model_check import auc, logprob_server, p_yes  # noqa: E402  (benchmarks/: the answer-prompt check's reading of P(yes))

SYSTEM = "You check whether sentences from a magazine answer a member's question. Reply with yes or no only."
ASK = ("Question: {question}\n\nSentences from the magazine:\n{sentences}\n\n"
       "Do these sentences state the answer to this exact question? Reply yes or no.")
_QUOTE = re.compile(r'"(.*?)"\s*\[\d+\]', re.S)


def group_of(item: dict, offpoint_from: int = 226, offpoint_to: int = 260) -> str:
    number = int("".join(ch for ch in item["id"] if ch.isdigit()) or 0)
    if item["type"] == "unanswerable":
        return "off-point" if offpoint_from <= number <= offpoint_to else "near-topic"
    return "paraphrase" if item["type"] == "paraphrase" else "answerable"


def quoted_sentences(answer: str) -> list[str]:
    """The quoted sentences of an extractive answer, without markers or lead-in."""
    return [s.strip() for s in _QUOTE.findall(answer) if s.strip()]


def rates(rows: list[dict], t: float) -> tuple[float, float]:
    """(unanswerable refused, answerable wrongly refused) when the decision's refusals also take P(yes) < t."""
    refused = lambda r: r["refused"] or r["p_yes"] < t  # noqa: E731
    un = [refused(r) for r in rows if r["group"] in ("near-topic", "off-point")]
    an = [refused(r) for r in rows if r["group"] in ("answerable", "paraphrase")]
    return sum(un) / max(1, len(un)), sum(an) / max(1, len(an))


def main() -> int:
    import httpx

    from rag.answer.answerability import split_of
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--decided", required=True, help="a rag eval --llm extractive run on the same questions")
    parser.add_argument("--out", default=None, help="also write each question's P(yes) here (JSONL)")
    parser.add_argument("--max-wrong", type=float, default=0.05)
    args = parser.parse_args()

    decided = {json.loads(line)["id"]: json.loads(line)["refused"]
               for line in Path(args.decided, "results.jsonl").read_text().splitlines() if line.strip()}
    settings = load_settings({"RAG_LLM_MODEL": "extractive", "RAG_ANSWERABILITY": "false"})
    pipeline = build_pipeline(settings, use_configured_llm=False)
    server = logprob_server(settings)
    url = server.url + "/v1/chat/completions"
    rows, took = [], []
    with httpx.Client(timeout=300) as client:
        for item in load_questions(args.questions):
            if item["id"] not in decided:
                continue
            quotes = quoted_sentences(pipeline.answer(item["question"]).answer)
            t0 = time.perf_counter()
            if quotes:
                numbered = "\n".join(f"{i}. {q}" for i, q in enumerate(quotes, 1))
                messages = [{"role": "system", "content": SYSTEM},
                            {"role": "user", "content": ASK.format(question=item["question"], sentences=numbered)}]
                reply = client.post(url, json={"model": "local", "messages": messages, "max_tokens": 1,
                                               "temperature": 0, "logprobs": True, "top_logprobs": 10}).json()
                if "choices" not in reply:
                    raise SystemExit(f"the local server did not answer the check: {reply}")
                p = p_yes(reply["choices"][0]["logprobs"]["content"][0]["top_logprobs"])
            else:
                p = 0.0  # nothing to quote: refused by the off-topic floor
            took.append(time.perf_counter() - t0)
            rows.append({"id": item["id"], "group": group_of(item), "split": split_of(item["id"]), "p_yes": p,
                         "refused": bool(decided[item["id"]]), "quotes": len(quotes)})
            print(json.dumps(rows[-1]), flush=True)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows))
    report(rows, args.max_wrong)
    took.sort()
    print(f"check time median {took[len(took) // 2]:.2f} s, p95 {took[int(len(took) * 0.95)]:.2f} s")
    return 0


def report(rows: list[dict], max_wrong: float) -> None:
    by = {g: [r["p_yes"] for r in rows if r["group"] == g] for g in ("answerable", "paraphrase", "near-topic",
                                                                       "off-point")}
    for g, ps in by.items():
        if ps:
            print(f"{g:12s} n={len(ps):3d} P(yes) mean {sum(ps) / len(ps):.3f}")
    print(f"AUC answerable vs unanswerable: "
          f"{auc(by['answerable'] + by['paraphrase'], by['near-topic'] + by['off-point']):.3f}")
    print(f"AUC paraphrase vs off-point: {auc(by['paraphrase'], by['off-point']):.3f}")
    calib = [r for r in rows if r["split"] == "calibration"]
    held = [r for r in rows if r["split"] == "heldout"]
    best = 0.0
    for t in sorted({0.0, *(r["p_yes"] + 1e-9 for r in calib)}):
        refused, wrong = rates(calib, t)
        if wrong <= max_wrong + 1e-9 and refused >= rates(calib, best)[0]:
            best = t
    for name, part in (("calibration", calib), ("held out", held)):
        r0, w0 = rates(part, 0.0)
        r1, w1 = rates(part, best)
        print(f"{name:11s} decision alone refused {r0:.4f} wrongly {w0:.4f} | with P(yes) < {best:.3f}: "
              f"refused {r1:.4f} wrongly {w1:.4f}")


if __name__ == "__main__":
    sys.exit(main())
