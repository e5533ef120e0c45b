"""Does the local model's own yes/no tell a question its passages answer from one they only sit next to?

For each question of an eval file: the answer prompt the pipeline would send (same retrieval, evidence and budget),
with its last instruction swapped for the check's yes/no (rag.answer.prompts.build_check_messages), sent to the local
llama.cpp server for one token with its top log-probabilities. P(yes) = p(yes) / (p(yes) + p(no)) over the first
token's spellings. Prints the mean and range of P(yes) per group and the ROC AUC of answerable against unanswerable,
and for the near-topic questions that share only a topic with the passages (ids from --offpoint-from) against the
dev set's paraphrases, which no retrieval signal tells apart (docs/evals.md, session 17).

    .venv/bin/python benchmarks/model_check.py [--questions FILE] [--per-group 25] [--offpoint-from 226] [--out FILE]

Starts its own local server on a free port, keeping logits (the app's does not). The answer prompt is built as in
Pipeline._answered for a question that passed the refusal decision; questions it refuses are checked all the same.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def group_of(item: dict, offpoint_from: int) -> str:
    number = int("".join(ch for ch in item["id"] if ch.isdigit()) or 0)
    if item["type"] == "unanswerable":
        return "off-point" if number >= offpoint_from else "near-topic"
    return "paraphrase" if item["type"] == "paraphrase" else "answerable"


def p_yes(top: list[dict]) -> float:
    """P(yes) among the first token's yes and no spellings (0.5 when neither is among the top ones)."""
    yes = sum(math.exp(t["logprob"]) for t in top if t["token"].strip().lower().startswith("yes"))
    no = sum(math.exp(t["logprob"]) for t in top if t["token"].strip().lower().startswith("no"))
    return yes / (yes + no) if yes + no else 0.5


def auc(pos: list[float], neg: list[float]) -> float:
    pairs = [(p > n) + 0.5 * (p == n) for p in pos for n in neg]
    return sum(pairs) / len(pairs) if pairs else float("nan")


def logprob_server(settings):
    """The local llama.cpp server on a free port, started, keeping every token's logits (the app's keeps none: it is
    faster so, and log-probabilities need them)."""
    from rag.llm.local_model import local_model, model_path, prepare
    from rag.llm.local_server import LocalServer, server_options

    class WithLogprobs(LocalServer):
        def command(self) -> list[str]:
            cmd = super().command()
            cmd[cmd.index("--logits_all") + 1] = "True"
            return cmd

    server = WithLogprobs(model_path(settings), port=0, options=server_options(settings),
                          prepare_model=prepare(local_model(settings.local_model)))
    server.ensure_started()
    return server


def main() -> int:
    import httpx

    from rag.answer import prompts
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--per-group", type=int, default=25, help="questions per group, the first ones by id")
    parser.add_argument("--offpoint-from", type=int, default=226)
    parser.add_argument("--out", default=None, help="also write each question's P(yes) here (JSONL)")
    args = parser.parse_args()
    settings = load_settings({"RAG_LLM_MODEL": "local"})
    pipeline = build_pipeline(settings, use_configured_llm=False)
    server = logprob_server(settings)
    url = server.url + "/v1/chat/completions"

    groups: dict[str, list[dict]] = {}
    for item in load_questions(args.questions):
        chosen = groups.setdefault(group_of(item, args.offpoint_from), [])
        if len(chosen) < args.per_group:
            chosen.append(item)
    rows = []
    with httpx.Client(timeout=300) as client:
        for name, items in groups.items():
            for item in items:
                found = pipeline.retrieve(item["question"])
                context = found.hits[: settings.context_k]
                sims = pipeline.similarities.sentence_similarities(context, found.query_vector) if context else []
                chosen = pipeline.evidence(item["question"], context, found.query_vector, sims=sims)
                messages, _ = prompts.build_answer_messages(item["question"], chosen,
                                                            token_budget=pipeline.token_budget,
                                                            count_tokens=pipeline.count_tokens,
                                                            today_issue=pipeline._newest_issue())
                reply = client.post(url, json={"model": "local", "messages": prompts.build_check_messages(messages),
                                               "max_tokens": 1, "temperature": 0, "logprobs": True,
                                               "top_logprobs": 10}).json()
                if "choices" not in reply:
                    raise SystemExit(f"the local server did not answer the check: {reply}")
                top = reply["choices"][0]["logprobs"]["content"][0]["top_logprobs"]
                rows.append({"id": item["id"], "group": name, "p_yes": p_yes(top),
                             "refused": bool(pipeline.refusal(item["question"], found, sims))})
                print(json.dumps(rows[-1]), flush=True)
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in rows))
    by = {g: [r["p_yes"] for r in rows if r["group"] == g] for g in groups}
    for g, ps in by.items():
        print(f"{g:12s} n={len(ps):3d} P(yes) mean {sum(ps) / len(ps):.3f} range {min(ps):.3f}-{max(ps):.3f}")
    answerable = by.get("answerable", []) + by.get("paraphrase", [])
    print(f"AUC answerable vs unanswerable: {auc(answerable, by.get('near-topic', []) + by.get('off-point', [])):.3f}")
    print(f"AUC paraphrase vs off-point: {auc(by.get('paraphrase', []), by.get('off-point', [])):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
