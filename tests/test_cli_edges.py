"""Commands whose result would surprise: removing every issue, naming one twice, an empty date range, rolling back
with no index. Each says so instead."""

import json

from tests.conftest import isolated_corpus, run_cli

run = run_cli


def test_removing_every_issue_is_refused_without_force(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    status, out, err = run(capsys, "remove", "2026-summer-68")
    assert status == 2 and "leaves the index with no issue" in err and "add --force" in err
    assert json.loads(run(capsys, "status", "--json")[1])["issues"]  # still served
    status, out, err = run(capsys, "remove", "2026-summer-68", "--dry-run")
    assert status == 0 and "would remove 2026-summer-68" in out and "leaves the index with no issue" in err
    status, out, _ = run(capsys, "remove", "2026-summer-68", "--force")
    assert status == 0 and "removed 2026-summer-68" in out
    assert json.loads(run(capsys, "status", "--json")[1])["issues"] == {}


def test_an_issue_named_twice_is_removed_and_counted_once(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    chunks = json.loads(run(capsys, "status", "--json")[1])["chunks"]
    status, out, _ = run(capsys, "remove", "2026-summer-68", "2026-summer-68", "--dry-run", "--json")
    assert status == 0 and json.loads(out)["removed"] == chunks
    assert json.loads(out)["issues"]["removed"] == ["2026-summer-68"]


def test_a_from_date_after_the_to_date_is_said_not_answered_as_outside_the_archive(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))  # said before any index or model is loaded
    for command in ("retrieve", "ask"):
        status, _, err = run(capsys, command, "pay award?", "--from", "2027-01-01", "--to", "2026-01-01")
        assert status == 2
        assert err == "error: --from 2027-01-01 is after --to 2026-01-01, so no issue can match: swap them\n"


def test_rollback_with_no_index_says_there_is_none_and_makes_no_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    status, _, err = run(capsys, "rollback")
    assert status == 2 and "None" not in err
    assert f"no index at {tmp_path / 'index'}, so there is nothing to roll back" in err
    assert not (tmp_path / "index").exists()
    (tmp_path / "index").mkdir()
    status, _, err = run(capsys, "rollback")
    assert status == 2 and "nothing to roll back" in err


def test_rollback_to_an_empty_version_is_refused_not_taken_as_plain_rollback(tmp_path, monkeypatch, capsys):
    """A tester's find: `rag rollback --to "$V"` with V unset rolled back to the version before, as `rag rollback`."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    toml = corpus / "2026-summer-68" / "issue.toml"
    toml.write_text(toml.read_text().replace("summer 2026", "summer 2026 (reprint)", 1))
    run(capsys, "ingest", str(corpus))
    current = json.loads(run(capsys, "status", "--json")[1])["current"]
    status, _, err = run(capsys, "rollback", "--to", "")
    assert status == 2 and "no index version ''" in err, err
    status, out, err = run(capsys, "verify", "--version", "")  # it verified the current version
    assert status == 2 and "no index version ''" in err and "every file matches" not in out, (out, err)
    assert json.loads(run(capsys, "status", "--json")[1])["current"] == current


def test_status_with_no_index_exits_1_with_json_too(tmp_path, monkeypatch, capsys):
    """A tester's find: `rag status` exits 1 "no index at ...", but `rag status --json` exited 0, so a tool reading it
    took an index with nothing in it for a sound one."""
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    status, _, _ = run(capsys, "status")
    assert status == 1
    status, out, _ = run(capsys, "status", "--json")
    assert status == 1 and json.loads(out)["current"] is None


def test_an_issue_folder_named_twice_is_ingested_once(tmp_path, monkeypatch, capsys):
    """`rag ingest corpus/ corpus/X` (or X given twice, or by another spelling of its path) was refused as "same
    issue id as X ... remove the duplicate folder": advice to delete the maintainer's only copy of the issue."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    issue = corpus / "2026-summer-68"
    status, out, err = run(capsys, "ingest", str(corpus), str(issue), str(corpus / ".." / "corpus" / issue.name),
                           "--dry-run", "--json")
    assert status == 0, err
    assert json.loads(out)["issues"]["added"] == ["2026-summer-68"]


def test_two_folders_of_one_issue_id_are_named_by_their_paths(tmp_path, monkeypatch, capsys):
    corpus = isolated_corpus(tmp_path, monkeypatch)
    import shutil

    other = tmp_path / "elsewhere" / "2026-summer-68"
    shutil.copytree(corpus / "2026-summer-68", other)
    (other / "issue.toml").write_text((other / "issue.toml").read_text().replace("issue 68", "issue 68 (copy)"))
    status, _, err = run(capsys, "ingest", str(corpus), str(other.parent), "--dry-run")
    assert status == 2 and str(other) in err and str(corpus / "2026-summer-68") in err


def test_with_json_an_error_is_json_on_stdout_too(tmp_path, monkeypatch, capsys):
    """Tools read `--json` output (architecture.md); an error left stdout empty, so json.loads failed on it."""
    import pytest

    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))
    status, out, err = run(capsys, "ask", "pay award?", "--json")
    assert status == 2 and "rag ingest corpus/" in json.loads(out)["error"] and err.startswith("error: ")
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    status, out, _ = run(capsys, "retrieve", "pay", "--issue", "nope", "--json")
    assert status == 2 and "no issue 'nope'" in json.loads(out)["error"]
    status, out, _ = run(capsys, "ingest", str(tmp_path / "missing"), "--json")
    assert status == 2 and "does not exist" in json.loads(out)["error"]
    with pytest.raises(SystemExit) as exit_:  # argparse's refusal: its message, as JSON too
        run(capsys, "retrieve", "pay", "--k", "0", "--json")
    out, err = capsys.readouterr()
    assert exit_.value.code == 2 and "1 or more" in json.loads(out)["error"] and "usage:" in err
    status, out, _ = run(capsys, "retrieve", "pay", "--k", "1")  # without --json, nothing changes
    assert status == 0 and not out.lstrip().startswith("{")


def test_status_json_on_a_damaged_manifest_or_current_is_json(tmp_path, monkeypatch, capsys):
    """A monitor reading `rag status --json` got an empty stdout when the manifest or CURRENT was damaged."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    current = json.loads(run(capsys, "status", "--json")[1])["current"]
    manifest = tmp_path / "index" / "versions" / current / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    status, out, err = run(capsys, "status", "--json")
    assert status == 2 and "manifest.json" in json.loads(out)["error"] and "rag rollback" in err
    (tmp_path / "index" / "CURRENT").write_text("../../elsewhere\n")
    status, out, _ = run(capsys, "status", "--json")
    assert status == 2 and "CURRENT is damaged" in json.loads(out)["error"]


def test_an_empty_or_huge_question_is_said_before_any_index_or_model_is_loaded(tmp_path, monkeypatch, capsys):
    """A tester's find: `rag ask ""` loaded both embedders (about 9 s) before saying there was no question."""
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "no-index"))  # loading it would fail first
    for command in ("retrieve", "ask"):
        status, _, err = run(capsys, command, "  ")
        assert status == 2 and err == "error: Please type a question.\n"
        status, _, err = run(capsys, command, "pay " * 2000)
        assert status == 2 and "characters long; please keep it under" in err


def test_dates_no_issue_has_are_said_not_answered_as_outside_the_archive(tmp_path, monkeypatch, capsys):
    """A tester's find: `rag ask "..." --from 2030-01-01` answered "The archive does not cover this."."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    run(capsys, "ingest", str(corpus))
    for command in (("retrieve",), ("ask", "--llm", "extractive")):
        status, _, err = run(capsys, *command, "pay award?", "--from", "2030-01-01")
        assert status == 2 and "no issue in the archive is dated 2030-01-01 to now" in err, err
    status, out, _ = run(capsys, "retrieve", "pay award?", "--from", "2026-01-01", "--json")
    assert status == 0 and json.loads(out)["hits"]  # a range holding an issue is searched


def test_ingest_of_an_empty_path_is_refused_not_taken_as_the_current_folder(tmp_path, monkeypatch, capsys):
    """`rag ingest "$ISSUE"` with ISSUE unset ingested the current folder (the whole corpus, run from corpus/)."""
    corpus = isolated_corpus(tmp_path, monkeypatch)
    monkeypatch.chdir(corpus)
    status, out, err = run(capsys, "ingest", "")
    assert status == 2 and "names no folder (an unset shell variable?)" in err
    assert not (tmp_path / "index").exists()
