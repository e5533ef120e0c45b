"""Fit the answerability model (rag/answer/answerability.py) on the calibration half of an eval set.

For every question: retrieve as the pipeline does, compute the answerability signals, and label it
answerable or not (type "unanswerable"). A logistic regression is fitted on the calibration split
(rag.answer.answerability.split_of), with repeated 5-fold stratified cross-validation on that split to pick the
threshold: the highest one whose out-of-fold predictions wrongly refuse at most --max-wrong of the
answerable questions. The held-out split is scored once, at the end, and never used for fitting.
Writes the weights to Settings.answerability_path (the file fitted for RAG_EMBEDDER) (or --out) and prints the
figures for docs/evals.md.

    .venv/bin/python benchmarks/calibrate_refusal.py [--questions FILE] [--max-wrong 0.03] [--c 3] [--dump FILE]

--c was chosen by the same cross-validation (0.3 / 1 / 3 / 10 / 30: 3 refused the most unanswerable
calibration questions out of fold at 3% wrong refusals).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def collect(pipeline, items: list[dict]) -> list[dict]:
    """Signals, label and split of every item."""
    from rag.answer.answerability import split_of

    rows = []
    for item in items:
        found = pipeline.retrieve(item["question"])
        context = found.hits[: pipeline.settings.context_k]
        sims = pipeline.similarities.sentence_similarities(context, found.query_vector) if context else []
        rows.append({"id": item["id"], "type": item["type"], "split": split_of(item["id"]),
                     "answerable": item["type"] != "unanswerable",
                     "signals": pipeline.answerability_signals(item["question"], found, sims)})
    return rows


# With --monotone, each weight keeps the sign of what its signal says: more of the question's words in a sentence, a
# nearer sentence or passage, an answer of the kind asked beside the terms can only make a question more answerable;
# a rare question word no passage holds, only less. Unconstrained, the regression learns from the dev set's making that
# many shared words mark a near-topic question (coverage -3.1, sentence cosine -0.9): a member's question sharing few
# words with the archive ("At what age can I retire on a full NHS pension?", coverage 0.19) was then answered at
# P 0.92 (session 26). What those shared words told is in "gap" (DERIVED): the question's words with no answer of the
# kind asked beside them, which can only make a question less answerable. 0: either sign ("typed" says only whether
# a kind of answer is asked).
SIGNS = {"dense": 1, "sentence_cos": 1, "coverage": 1, "typed_support": 1, "typed": 0, "passages_coverage": 1,
         "missing_rare": -1, "bm25": 1, "agreement": 1, "cover_cos": 1, "typed_cos": 1, "slot": 1, "gap": -1}


# Signals measured here only, from the pipeline's (a weights file naming them would not load): --features may name them
DERIVED = {"gap": lambda s: max(0.0, s["coverage"] - s["slot"])}


class _Constrained:
    """A logistic regression whose weights keep their SIGNS (L2 penalty 1/c, as scikit-learn's), fitted by L-BFGS-B;
    the same predict_proba / coef_ / intercept_ as scikit-learn's."""

    def __init__(self, c: float, signs: list[int]):
        self.c, self.signs = c, signs

    def fit(self, x: np.ndarray, y: np.ndarray) -> "_Constrained":
        from scipy.optimize import minimize  # only calibration needs scipy

        def loss(wb):
            w, b = wb[:-1], wb[-1]
            z = x @ w + b
            p = 1.0 / (1.0 + np.exp(-z))
            value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * (w @ w) / self.c
            grad = np.concatenate([x.T @ (p - y) + w / self.c, [np.sum(p - y)]])
            return value, grad

        bounds = [(0, None) if s > 0 else (None, 0) if s < 0 else (None, None) for s in self.signs] + [(None, None)]
        wb = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
        self.coef_, self.intercept_ = wb[None, :-1], wb[-1:]
        return self

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        p = 1.0 / (1.0 + np.exp(-(x @ self.coef_[0] + self.intercept_[0])))
        return np.column_stack([1 - p, p])


def fit(x: np.ndarray, y: np.ndarray, c: float, signs: list[int] | None = None):
    from sklearn.linear_model import LogisticRegression  # only calibration needs scikit-learn

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    regression = _Constrained(c, signs) if signs else LogisticRegression(C=c, max_iter=1000)
    return mean, scale, regression.fit((x - mean) / scale, y)


def predict(fitted, x: np.ndarray) -> np.ndarray:
    mean, scale, model = fitted
    return model.predict_proba((x - mean) / scale)[:, 1]


def pick_threshold(p_answerable: np.ndarray, max_wrong: float) -> float:
    """The highest threshold refusing at most max_wrong of these answerable questions' probabilities."""
    ps = np.sort(p_answerable)
    allowed = int(np.floor(max_wrong * len(ps)))
    return float(ps[allowed]) - 1e-6 if len(ps) else 0.5


def out_of_fold(x: np.ndarray, y: np.ndarray, c: float, repeats: int, signs: list[int] | None = None) -> np.ndarray:
    """Out-of-fold P(answerable), averaged over repeated stratified 5-fold splits (one split is noisy)."""
    from sklearn.model_selection import StratifiedKFold

    oof = np.zeros(len(y))
    for seed in range(repeats):
        for train, test in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y):
            oof[test] += predict(fit(x[train], y[train], c, signs), x[test]) / repeats
    return oof


def roc_auc(p: np.ndarray, y: np.ndarray) -> float:
    """Chance that an answerable question scores above an unanswerable one (threshold-free)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p))


def rates(p: np.ndarray, y: np.ndarray, threshold: float) -> tuple[float, float]:
    refused = p < threshold
    return float(refused[y == 0].mean()), float(refused[y == 1].mean())


def main() -> int:
    from rag.answer.answerability import FEATURES, AnswerabilityModel
    from rag.answer.build import build_pipeline
    from rag.config import load_settings
    from rag.evals.scoring import load_questions

    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", default=str(ROOT / "evals" / "questions.jsonl"))
    parser.add_argument("--max-wrong", type=float, default=0.03)
    parser.add_argument("--c", type=float, default=3.0, help="inverse L2 strength of the regression")
    parser.add_argument("--repeats", type=int, default=5, help="repeated 5-fold cross-validation rounds")
    parser.add_argument("--features", default=",".join(FEATURES))
    parser.add_argument("--monotone", action="store_true", help="each weight keeps its signal's sign (SIGNS)")
    parser.add_argument("--out", default=None, help="weights file (default: Settings.answerability_file)")
    parser.add_argument("--dump", default=None, help="also write every question's signals here (JSONL)")
    parser.add_argument("--from-dump", default=None, help="read the signals from an earlier --dump")
    args = parser.parse_args()
    settings = load_settings()  # RAG_INDEX_DIR, RAG_EMBEDDER... as the pipeline would read them
    features = tuple(args.features.split(","))
    signs = [SIGNS[f] for f in features] if args.monotone else None

    if args.from_dump:
        rows = [json.loads(line) for line in Path(args.from_dump).read_text().splitlines()]
        embedder_name = rows[0].get("embedder", "")
    else:
        pipeline = build_pipeline(settings, use_configured_llm=False)
        embedder_name = pipeline.embedder.name
        rows = collect(pipeline, load_questions(args.questions))
        for r in rows:
            r["embedder"] = embedder_name
    if args.dump:
        Path(args.dump).write_text("".join(json.dumps(r) + "\n" for r in rows))

    for r in rows:
        r["signals"].update({name: f(r["signals"]) for name, f in DERIVED.items()})
    derived = [f for f in features if f in DERIVED]

    def matrix(part):
        sel = [r for r in rows if r["split"] == part]
        return (np.array([[r["signals"][f] for f in features] for r in sel]),
                np.array([int(r["answerable"]) for r in sel]), sel)

    x, y, _ = matrix("calibration")
    xh, yh, held = matrix("heldout")
    print(f"calibration: {len(y)} questions ({int((y == 0).sum())} unanswerable); "
          f"held out: {len(yh)} ({int((yh == 0).sum())} unanswerable)")
    oof = out_of_fold(x, y, args.c, args.repeats, signs)
    threshold = pick_threshold(oof[y == 1], args.max_wrong)
    refused_u, refused_a = rates(oof, y, threshold)
    print(f"{args.repeats}x 5-fold CV on calibration: threshold {threshold:.3f} "
          f"refuses {refused_u:.3f} of unanswerable, "
          f"{refused_a:.3f} of answerable")

    fitted = fit(x, y, args.c, signs)
    mean, scale, model = fitted
    ph = predict(fitted, xh)
    refused_u, refused_a = rates(ph, yh, threshold)
    print(f"held out (signals only, before the rest of the pipeline): refuses {refused_u:.3f} of unanswerable, "
          f"{refused_a:.3f} of answerable")
    # Both halves, 5-fold: a second estimate on twice the questions (threshold and AUC out of fold).
    xa, ya = np.vstack([x, xh]), np.concatenate([y, yh])
    oof_all = out_of_fold(xa, ya, args.c, args.repeats, signs)
    refused_u, refused_a = rates(oof_all, ya, pick_threshold(oof_all[ya == 1], args.max_wrong))
    print(f"{args.repeats}x 5-fold CV on all {len(ya)}: refuses {refused_u:.3f} of unanswerable, {refused_a:.3f} of "
          f"answerable; ROC AUC {roc_auc(oof_all, ya):.3f} (calibration out of fold {roc_auc(oof, y):.3f}, "
          f"held out {roc_auc(ph, yh):.3f})")
    for f, w in zip(features, model.coef_[0]):
        print(f"  {f:18s} {w:+.3f}")
    wrong = [r["id"] for r, p in zip(held, ph) if r["answerable"] and p < threshold]
    missed = [r["id"] for r, p in zip(held, ph) if not r["answerable"] and p >= threshold]
    print("held-out answerable refused:", " ".join(wrong) or "none")
    print("held-out unanswerable answered:", " ".join(missed) or "none")

    if derived:
        print(f"not written: {', '.join(derived)} measured here only (DERIVED), the pipeline does not compute them")
        return 0
    out = Path(args.out) if args.out else settings.answerability_path
    weights = AnswerabilityModel(features=features, mean=tuple(map(float, mean)), scale=tuple(map(float, scale)),
                                 weights=tuple(float(w) for w in model.coef_[0]), bias=float(model.intercept_[0]),
                                 threshold=round(threshold, 6), embedder=embedder_name)
    out.write_text(json.dumps({**weights.to_json(), "note": (
        f"benchmarks/calibrate_refusal.py --max-wrong {args.max_wrong} --c {args.c}"
        f"{' --monotone' if args.monotone else ''}: logistic regression on the "
        f"calibration split of {Path(args.questions).name} ({len(y)} questions); "
        f"threshold from {args.repeats}x 5-fold CV")},
        indent=2) + "\n")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
