"""make test's quality guards: retrieval, and quoted answers, on the dev set must not fall below the baselines."""

import json
from pathlib import Path

import pytest

from rag import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_retrieval_does_not_regress_below_baseline(tmp_path, capsys):
    status = cli.main(["eval", "--questions", str(ROOT / "evals" / "questions.jsonl"), "--out", str(tmp_path),
                       "--retrieval-only", "--baseline", str(ROOT / "evals" / "baseline.json")])
    out, err = capsys.readouterr()
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert status == 0, err
    assert summary["overall"]["recall@5"] >= json.loads((ROOT / "evals" / "baseline.json").read_text())["recall@5"] - 1e-3
    assert len((tmp_path / "results.jsonl").read_text().splitlines()) == len(
        (ROOT / "evals" / "questions.jsonl").read_text().splitlines())


@pytest.mark.slow
def test_quoted_answers_do_not_regress_below_baseline(tmp_path, capsys):
    baseline_file = ROOT / "evals" / "baseline-extractive.json"
    status = cli.main(["eval", "--questions", str(ROOT / "evals" / "questions.jsonl"), "--out", str(tmp_path),
                       "--llm", "extractive", "--baseline", str(baseline_file)])
    out, err = capsys.readouterr()
    overall = json.loads((tmp_path / "summary.json").read_text())["overall"]
    baseline = json.loads(baseline_file.read_text())
    assert status == 0, err
    assert overall["answer_correct_rate"] >= baseline["answer_correct_rate"] - 1e-3
    assert overall["unanswerable_refused_rate"] >= baseline["unanswerable_refused_rate"] - 1e-3
    assert overall["invalid_citations"] == 0


@pytest.mark.slow
def test_off_topic_questions_are_refused_as_off_the_archives_topics():
    """evals/off-topic.txt through the real archive and the default embedder: each one under the floor, so it is
    refused with no unrelated further reading (the floor sits below every answerable calibration question)."""
    from rag.answer.build import build_pipeline
    from rag.answer.refusal import OFF_TOPIC
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings({"RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    lines = (ROOT / "evals" / "off-topic.txt").read_text().splitlines()
    questions = [q for q in lines if q.strip() and not q.startswith("#")]
    assert len(questions) >= 30
    def why(question: str) -> str:  # as the pipeline decides: with the sentence cosines of the passages retrieved
        found = pipeline.retrieve(question)
        context = found.hits[: pipeline.settings.context_k]
        return pipeline.decision.refusal(question, found, pipeline.similarities.sentence_similarities(
            context, found.query_vector))

    decided = {q: why(q) for q in questions}
    assert [q for q, reason in decided.items() if reason != OFF_TOPIC] == []
    assert why("Can my employer turn down a request to work flexibly?") != OFF_TOPIC
    assert why("Who is Prince Obike?") != OFF_TOPIC  # a name alone: far from each whole passage, close to one sentence
    assert why("Who is Helga Pile?") != OFF_TOPIC  # named once: a sentence holds every term of the question


@pytest.mark.slow
def test_a_share_asked_beside_a_band_number_is_answered_from_the_real_archive():
    """A walk's question, refused when "9%" read as the "9" of "Band 9": answered, citing the passage that states it;
    and VSMs' pay rise, asked by the acronym, answered though its sentence says "very senior managers"."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings({"RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    answer = pipeline.answer("what % of VSMs are paid less than the band 9 max")
    assert not answer.refused
    assert any("9% of VSMs" in c.text for c in answer.citations), answer.answer
    # the acronym read as the archive spells it out: the 3% is said of "very senior managers" (was refused, P 0.02)
    answer = pipeline.answer("what is the pay rise for vsms")
    assert not answer.refused and "3%" in answer.answer, answer.answer


@pytest.mark.slow
def test_a_word_the_real_archive_never_uses_is_named_under_the_answer():
    """Off-point questions get quotes about managers' pay; the member is told which of their words those never use."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings({"RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    answer = pipeline.answer("How much paid sick leave do senior managers get?")
    assert answer.refused or 'uses the word "sick"' in answer.notice, answer.notice
    answered = pipeline.answer("What pay rise are board-level managers getting?")
    assert not answered.refused and "None of the sources" not in answered.notice, answered.notice


@pytest.mark.slow
def test_who_wrote_the_editorial_and_a_past_form_on_the_real_archive():
    """An attacker's "who wrote the editorial?" got the masthead's contributors: each issue's editorial sign-off now;
    "how long did he spend as a GP" is answered from "he spent 20 years in general practice" (an irregular past form
    read as its verb)."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings({"RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    answer = pipeline.answer("who wrote the editorial?")
    assert answer.answer.count("Craig Ryan, Editor") == 2 and "Contributors" not in answer.answer, answer.answer
    assert {c.article for c in answer.citations} == {"Editorial"} and len({c.issue for c in answer.citations}) == 2
    answer = pipeline.answer("who wrote the article on the health bill?")
    assert "Rhys McKenzie sets out" in answer.answer and len(answer.citations) == 1, answer.answer
    answer = pipeline.answer("How long did Phil Hammond spend as a GP?")
    assert not answer.refused and "20 years" in answer.answer, answer.answer


@pytest.mark.slow
def test_walk23_conversation_on_the_real_archive():
    """A walk: the Agenda for Change rise quoted with the 3.3% second; "and in 2024?" refused though the 2024 issue says
    the award was delayed; "can you explain more simply" refused."""
    from rag.answer.build import build_pipeline
    from rag.config import load_settings

    pipeline = build_pipeline(load_settings({"RAG_LLM_MODEL": "extractive"}), use_configured_llm=False)
    first = pipeline.answer("whats the pay rise for agenda for change staff")
    assert first.answer.startswith('"') and "3.3%" in first.answer.split('" [')[0], first.answer
    history = [("whats the pay rise for agenda for change staff", first.answer)]
    then = pipeline.answer("and in 2024?", history=history)
    assert not then.refused and "long wait for their 2024 pay award" in then.answer.split('" [')[0], then.answer
    history.append(("and in 2024?", then.answer))
    plainer = pipeline.answer("can you explain more simply", history=history)
    assert not plainer.refused and "cannot be put more simply" in plainer.notice
    assert plainer.standalone_question == then.standalone_question


def test_baseline_check_fails_on_a_planted_regression():
    from rag.evals.compare import check_baseline

    baseline = json.loads((ROOT / "evals" / "baseline.json").read_text())
    worse = {"overall": {"recall@5": baseline["recall@5"] - 0.05, "mrr": baseline["mrr"]}}
    assert check_baseline(worse, baseline) and "recall@5" in check_baseline(worse, baseline)[0]


def test_baseline_check_catches_worse_answers_and_more_wrong_refusals():
    from rag.evals.compare import check_baseline

    baseline = json.loads((ROOT / "evals" / "baseline-extractive.json").read_text())
    same = {"overall": {k: baseline[k] for k in ("answer_correct_rate", "answerable_wrongly_refused_rate",
                                                  "invalid_citations", "unanswerable_refused_rate")}}
    assert check_baseline(same, baseline) == []
    worse = {"overall": {**same["overall"], "answer_correct_rate": baseline["answer_correct_rate"] - 0.05,
                         "answerable_wrongly_refused_rate": baseline["answerable_wrongly_refused_rate"] + 0.05,
                         "invalid_citations": 1,
                         "unanswerable_refused_rate": baseline["unanswerable_refused_rate"] - 0.05}}
    failures = check_baseline(worse, baseline)
    assert len(failures) == 4
    assert "answer_correct_rate fell" in failures[0] and "unanswerable_refused_rate fell" in failures[1]
    assert "wrongly_refused_rate rose" in failures[2] and "invalid_citations rose" in failures[3]
