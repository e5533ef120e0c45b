"""The `rag` command end to end on copies of the real issues (hashing embedder: fast, no weights)."""

import json
import shutil
from pathlib import Path

import pytest

from rag import cli
from tests.conftest import isolated_corpus

ROOT = Path(__file__).resolve().parent.parent
HIT_FIELDS = {"rank", "chunk_id", "score", "text", "issue", "date", "article", "page", "url"}
ANSWER_FIELDS = {"question", "answer", "refused", "citations", "hits", "llm", "timings_ms"}


@pytest.fixture
def env(tmp_path, monkeypatch):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.setenv("RAG_LLM_MODEL", "extractive")
    monkeypatch.setenv("RAG_MIN_RELEVANCE", "0")
    return corpus


def run(capsys, *args):
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def refused_leaving_index_as_it_was(capsys, *args):
    """Run a command that must fail; the current index version must not change. Returns its stderr."""
    _, before, _ = run(capsys, "status", "--json")
    status, _, err = run(capsys, *args)
    _, after, _ = run(capsys, "status", "--json")
    assert status == 2
    assert json.loads(after)["current"] == json.loads(before)["current"]
    return err


def test_ingest_json_then_reingest_embeds_nothing(env, capsys):
    status, out, _ = run(capsys, "ingest", str(env), "--json")
    first = json.loads(out)
    assert status == 0 and first["version"] and first["added"] == first["embedded"] > 50
    assert set(first) >= {"version", "added", "changed", "removed", "embedded"}
    status, out, _ = run(capsys, "ingest", str(env), "--json")
    again = json.loads(out)
    assert again["version"] is None and again["embedded"] == 0 and again["issues"]["unchanged"] == ["2026-summer-68"]


def test_dry_run_adds_an_issue_without_writing(env, capsys):
    run(capsys, "ingest", str(env))
    shutil.copytree(ROOT / "corpus" / "2024-summer", env / "2024-summer")
    status, out, _ = run(capsys, "ingest", str(env / "2024-summer"), "--dry-run", "--json")
    plan = json.loads(out)
    assert status == 0 and plan["version"] is None and plan["issues"]["added"] == ["2024-summer"]
    _, out, _ = run(capsys, "status", "--json")
    assert list(json.loads(out)["issues"]) == ["2026-summer-68"]


def test_retrieve_and_ask_follow_the_contract(env, capsys):
    run(capsys, "ingest", str(env))
    status, out, _ = run(capsys, "retrieve", "pay rise for board-level managers", "--k", "5", "--json")
    hits = json.loads(out)["hits"]
    assert status == 0 and len(hits) == 5 and HIT_FIELDS <= set(hits[0])
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    # more than the search's pool of 50 by meaning and 50 by words: every passage asked for (72 came back, silently)
    _, out, _ = run(capsys, "status", "--json")
    passages = json.loads(out)["chunks"]
    status, out, _ = run(capsys, "retrieve", "pay rise for board-level managers", "--k", "100000", "--json")
    hits = json.loads(out)["hits"]
    assert status == 0 and len(hits) == passages > 100 and len({h["chunk_id"] for h in hits}) == passages
    status, out, _ = run(capsys, "ask", "what pay rise did board-level managers get?", "--json")
    answer = json.loads(out)
    assert status == 0 and ANSWER_FIELDS <= set(answer) and answer["llm"] == "extractive"
    assert set(answer["timings_ms"]) >= {"retrieve", "generate", "total"}
    ids = {h["chunk_id"] for h in answer["hits"]}
    assert all(c["chunk_id"] in ids and c["url"].startswith("/article/") for c in answer["citations"])


def test_duplicate_issue_is_refused_and_index_untouched(env, capsys):
    run(capsys, "ingest", str(env))
    shutil.copytree(env / "2026-summer-68", env / "2026-summer-68-copy")
    assert "same source file" in refused_leaving_index_as_it_was(capsys, "ingest", str(env))


def test_broken_file_is_refused_and_index_untouched(env, capsys):
    run(capsys, "ingest", str(env))
    broken = env / "2025-broken"
    broken.mkdir()
    (broken / "issue.toml").write_text('title = "Broken"\nseason = "winter 2025"\ndate = "2025-12-01"\nsource = "b.txt"\n')
    (broken / "b.txt").write_bytes(b"\xff\xfe\x00 not text")
    assert "b.txt" in refused_leaving_index_as_it_was(capsys, "ingest", str(broken))


def test_remove_unknown_issue_verify_and_rollback(env, capsys):
    run(capsys, "ingest", str(env))
    status, _, err = run(capsys, "remove", "1999-nope")
    assert status == 2 and "no indexed issue '1999-nope'" in err
    status, out, _ = run(capsys, "remove", "2026-summer-68", "--json", "--force")  # the last issue: --force
    assert status == 0 and json.loads(out)["removed"] > 50
    assert run(capsys, "verify")[0] == 0
    status, out, _ = run(capsys, "rollback")
    assert status == 0
    _, out, _ = run(capsys, "status", "--json")
    assert list(json.loads(out)["issues"]) == ["2026-summer-68"]


def test_no_index_says_what_to_run(env, capsys):
    status, _, err = run(capsys, "retrieve", "anything", "--json")
    assert status == 2 and "rag ingest corpus/" in err


@pytest.mark.parametrize("blank", ["   ", "\u200b\u200b \u2060\ufeff"], ids=["spaces", "invisible characters"])
def test_empty_question_is_a_clear_error(env, capsys, blank):
    run(capsys, "ingest", str(env))
    status, _, err = run(capsys, "ask", blank)
    assert status == 2 and "type a question" in err


def test_retrieve_refuses_bad_arguments_clearly(env, capsys):
    run(capsys, "ingest", str(env))
    status, _, err = run(capsys, "retrieve", "pay", "--issue", "nope", "--json")
    assert status == 2 and "no issue 'nope'" in err
    for bad, says in ((["--k", "0"], "1 or more"), (["--k", "-2"], "1 or more"),
                      (["--from", "2026-13-45"], "YYYY-MM-DD"), (["--to", "June"], "YYYY-MM-DD")):
        with pytest.raises(SystemExit) as exit_:  # argparse says what is wrong and exits 2
            run(capsys, "retrieve", "pay", *bad)
        assert exit_.value.code == 2 and says in capsys.readouterr().err
    status, out, _ = run(capsys, "retrieve", "pay", "--k", "2", "--from", "2026-01-01", "--json")
    assert status == 0 and len(json.loads(out)["hits"]) <= 2


def _damage(version: str) -> None:
    """Cut one of a version's vector files in half, as a full disk or a bad copy would."""
    from rag.config import load_settings

    victim = sorted((load_settings().index_dir / "versions" / version).rglob("*.npy"))[0]
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])


def test_rollback_refuses_a_damaged_version(env, capsys):
    run(capsys, "ingest", str(env))
    run(capsys, "remove", "2026-summer-68", "--force")  # a second version; the first is kept
    _, out, _ = run(capsys, "status", "--json")
    first = json.loads(out)["versions"][0]
    _damage(first)
    err = refused_leaving_index_as_it_was(capsys, "rollback", "--to", first)
    assert f"index version {first} is damaged" in err and "not switched" in err
    err = refused_leaving_index_as_it_was(capsys, "rollback")  # the one served before: the same one
    assert "damaged" in err
    err = refused_leaving_index_as_it_was(capsys, "rollback", "--to", "v9999-nope")
    assert "no index version 'v9999-nope'" in err


def test_status_and_ingest_say_the_served_version_is_damaged(env, capsys):
    run(capsys, "ingest", str(env))
    _, out, _ = run(capsys, "status", "--json")
    _damage(json.loads(out)["current"])
    status, out, _ = run(capsys, "status")
    assert status == 1 and "DAMAGED" in out and "rag rollback" in out
    status, out, _ = run(capsys, "status", "--json")
    assert status == 1 and json.loads(out)["problems"]
    err = refused_leaving_index_as_it_was(capsys, "ingest", str(env))  # not "nothing changed"
    assert "is damaged" in err and "--rebuild" in err
    status, out, _ = run(capsys, "ingest", str(env), "--rebuild")  # the way out it names works
    assert status == 0 and run(capsys, "status")[0] == 0


def test_rollback_warns_that_a_folder_still_in_the_corpus_comes_back_on_the_next_ingest(env, capsys):
    run(capsys, "ingest", str(env))
    shutil.copytree(ROOT / "corpus" / "2024-summer", env / "2024-summer")
    run(capsys, "ingest", str(env))
    status, out, err = run(capsys, "rollback")
    assert status == 0 and "current index version is now" in out
    assert "2024-summer is not in" in err and "adds 2024-summer back" in err and "2026-summer-68" not in err


def test_a_reader_that_stops_early_gets_no_traceback():
    """A walk's `rag status | head -1` printed a BrokenPipeError traceback."""
    import os
    import subprocess
    import sys

    read, write = os.pipe()
    os.close(read)  # the reader has gone before rag writes its first line
    try:
        done = subprocess.run([sys.executable, "-m", "rag.cli", "status"], stdout=write, stderr=subprocess.PIPE,
                              text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent)
    finally:
        os.close(write)
    assert done.returncode == 141 and "Traceback" not in done.stderr, done.stderr
