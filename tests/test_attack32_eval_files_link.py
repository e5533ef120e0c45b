"""`rag eval` reading its files through a link leading nowhere (evals kept on a share not mounted): --questions was
"no such file", --compare and --baseline "not found", --from-feedback "not found", naming no link. Each names the link
and what it leads to; a file simply missing is said as before."""

from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("flag, name, before", [("--questions", "q.jsonl", "cannot read the question file"),
                                                ("--compare", "run", "results.jsonl not found"),
                                                ("--baseline", "baseline.json", "not found"),
                                                ("--from-feedback", "feedback.jsonl", "not found")])
def test_an_eval_file_through_a_link_leading_nowhere_names_the_link(tmp_path, monkeypatch, capsys, flag, name, before):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))  # never reached: no index is needed
    share = tmp_path / "share"
    share.symlink_to(tmp_path / "not-mounted")
    questions = tmp_path / "questions.jsonl"  # one real question: the file read first
    questions.write_text((ROOT / "evals" / "questions.jsonl").read_text().splitlines()[0] + "\n")
    args = {"--questions": str(questions), "--out": str(tmp_path / "out"), flag: str(share / name)}
    if flag == "--from-feedback":
        args = {flag: str(share / name)}
    status, _, err = run_cli(capsys, "eval", *[x for pair in args.items() for x in pair], "--retrieval-only")
    assert status == 2 and before in err
    assert f"{share} is a link to {tmp_path / 'not-mounted'}, which leads to nothing" in err
    assert not (tmp_path / "not-mounted").exists()
