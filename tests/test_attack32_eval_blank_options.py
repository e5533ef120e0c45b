"""`rag eval ... --baseline "$BASELINE"` with BASELINE unset (a CI job's variable missing) ran the evaluation with no
regression check at all and exited 0; `--compare ""` compared with nothing, without a word. An option given but blank
is refused before anything is read or run."""

import pytest

from tests.conftest import run_cli


@pytest.mark.parametrize("flag, what", [("--baseline", "a baseline file"), ("--compare", "an earlier run's folder"),
                                        ("--out", "the folder for the reports"), ("--questions", "a questions file"),
                                        ("--from-feedback", "the feedback log")])
@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_eval_option_is_refused_naming_it(tmp_path, monkeypatch, capsys, flag, what, blank):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    args = {"--questions": str(tmp_path / "questions.jsonl"), "--out": str(tmp_path / "out"), flag: blank}
    status, out, err = run_cli(capsys, "eval", *[x for pair in args.items() for x in pair], "--retrieval-only")
    assert status == 2
    assert f"error: {flag} {blank!r} names nothing (an unset shell variable?): give {what}" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "index").exists()
